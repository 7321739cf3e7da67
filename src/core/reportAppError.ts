/** Reports an error thrown by the app's callback the way an uncaught one would be, without breaking the kit's work. */
export function reportAppError(error: unknown): void {
  if (typeof globalThis.reportError === "function") globalThis.reportError(error);
  // On a server (Node has no reportError): logged, since a throw from a timer would end a process without a handler.
  else if (typeof window === "undefined") console.error(error);
  else
    setTimeout(() => {
      throw error;
    });
}

/** Calls the app's callback; a throw is reported as uncaught ({@link reportAppError}) and gives undefined. */
export function callApp<T>(callback: () => T): T | undefined {
  try {
    return callback();
  } catch (error) {
    reportAppError(error);
    return undefined;
  }
}

/** Messages whose `html` the kit sanitized itself (the welcome store's), which `WelcomeBody` shows as they are. */
export const sanitizedMessages = new WeakSet<object>();

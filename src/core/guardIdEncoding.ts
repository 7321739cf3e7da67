import { MatrixError } from "matrix-js-sdk";

/**
 * `send()`'s request; one whose room or event id cannot be put in a URL (half a surrogate pair, from a hostile
 * server's JSON: `encodeURIComponent` throws, in the caller's code or the SDK's, before any promise) fails as a 400
 * would, so it is refused and not retried, instead of throwing out of a subscribe or a sync handler.
 */
export function guardIdEncoding<T>(send: () => Promise<T>): Promise<T> {
  try {
    return send();
  } catch (error) {
    return Promise.reject(
      error instanceof URIError
        ? new MatrixError(
            { errcode: "M_INVALID_PARAM", error: "The room or event id cannot be put in a URL" },
            400,
          )
        : error,
    );
  }
}

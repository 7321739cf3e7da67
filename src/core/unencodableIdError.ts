import { MatrixError } from "matrix-js-sdk";

/**
 * The error a request fails with when its room or event id cannot be put in a URL (half a surrogate pair, from a
 * hostile server's JSON): a 400, so it is not retried, instead of the URIError the SDK throws while building the URL.
 */
export function unencodableIdError(): MatrixError {
  return new MatrixError(
    { errcode: "M_INVALID_PARAM", error: "The room or event id cannot be put in a URL" },
    400,
  );
}

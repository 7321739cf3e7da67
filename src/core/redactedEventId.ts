import type { MatrixEvent } from "matrix-js-sdk";

/** The id of the event a redaction removes (top-level `redacts` before room v11, in `content` from v11 on). */
export function redactedEventId(redaction: MatrixEvent): string | undefined {
  const redacts = redaction.event.redacts ?? (redaction.getContent().redacts as unknown);
  return typeof redacts === "string" ? redacts : undefined;
}

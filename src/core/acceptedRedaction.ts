/**
 * Redactions count once the homeserver accepts them. With `pendingEventOrdering: "detached"` (as Element Web runs it)
 * matrix-js-sdk marks the target redacted as soon as a redaction of ours is sent, empties its content, and keeps it so
 * when the send fails (until the app cancels the redaction): these read past that mark.
 */
import type { IContent, MatrixEvent } from "matrix-js-sdk";
import { isPending } from "./timelineRedactions.js";

/** Whether `event` is redacted by a redaction the homeserver accepted (not one of ours still sending or failed). */
export function isRedactedByServer(event: MatrixEvent): boolean {
  const local = event.localRedactionEvent();
  if (local && isPending(local)) return false;
  return event.isRedacted();
}

/** The content readers see: none once the homeserver accepted a redaction, the event's own while one of ours is out. */
export function readableContent(event: MatrixEvent): IContent | null {
  return isRedactedByServer(event) ? null : originalContent(event);
}

/** The event's own content (decrypted if it was encrypted, edits aside), also while a redaction of ours is pending. */
export function originalContent(event: MatrixEvent): IContent {
  if (!event.localRedactionEvent()) return event.getOriginalContent();
  return event.getClearContent() ?? event.getWireContent() ?? {};
}

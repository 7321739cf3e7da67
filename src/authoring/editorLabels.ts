/** Every string `<WelcomeEditor>` shows or announces, with English defaults. Override any of them with `labels`. */
export interface WelcomeEditorLabels {
  /** The editor's heading. */
  heading: string;
  /** Label of the format choice. */
  format: string;
  /** The Markdown format option. */
  formatMarkdown: string;
  /** The plain-text format option. */
  formatPlain: string;
  /** Label of the text area. */
  message: string;
  /** Hint under the text area in Markdown mode. */
  markdownHint: string;
  /**
   * Shown while the draft starts from a welcome whose formatting the editor cannot open (HTML without a Markdown
   * source, e.g. another app's): a save keeps only what the text area holds.
   */
  formattingNotKept: string;
  /** Shown when someone else changed the welcome message (a new one, or removed) since the author started this draft. */
  changedElsewhere: string;
  /** Instead of `changedElsewhere` when the new edition is the author's own, saved in another tab or on another device. */
  changedElsewhereByYou: string;
  /** The button that drops the draft and loads the published message. */
  discardDraft: string;
  /** Instead of `discardDraft` when the published message is the author's own from elsewhere. */
  discardDraftForYours: string;
  /** Shown when the Markdown renderer could not be loaded (it is retried on the next edit). */
  markdownUnavailable: string;
  /** Heading of the preview. */
  preview: string;
  /** Shown in the preview when the draft is empty. */
  previewEmpty: string;
  /** Size indicator, e.g. "1,234 of 63,488 bytes". */
  size: (bytes: number, limit: number) => string;
  /** The save button. */
  save: string;
  /** The save button while saving. */
  saving: string;
  /** The cancel button. */
  cancel: string;
  /** The remove button (clears the welcome message). */
  remove: string;
  /** The question Remove asks before clearing the welcome for everyone. */
  removeConfirm: string;
  /** The answer that removes the welcome message. */
  removeConfirmYes: string;
  /** The answer that keeps it (focused first). */
  removeConfirmNo: string;
  /** Announced after a successful save. */
  saved: string;
  /** Announced after the message was removed. */
  removed: string;
  /** Read-only: the room is not known to the client. */
  readOnlyUnknownRoom: string;
  /** Read-only: the user is not joined. */
  readOnlyNotJoined: string;
  /** Read-only: power level too low (with the levels when known). */
  readOnlyPowerLevel: (required?: number, current?: number) => string;
  /** Error: the homeserver refused (M_FORBIDDEN), or Remove found the user may no longer change the welcome. */
  errorForbidden: string;
  /** Error: too large for an event; also announced while typing once the text passes the limit (Save is off then). */
  errorTooLarge: string;
  /** Error: network or server failure while saving. */
  errorNetwork: string;
  /** Error: network or server failure while removing the welcome. */
  errorRemoveNetwork: string;
  /** Error: the homeserver refused the change over a usage limit (M_RESOURCE_LIMIT_EXCEEDED). */
  errorUsageLimit: string;
  /** Error: the homeserver asked to slow down (429 / M_LIMIT_EXCEEDED). */
  errorRateLimited: string;
  /** Note that the draft is kept after an error. */
  draftKept: string;
  /** Joins an error and `draftKept` into the sentence shown (a space in English; none in Chinese or Japanese). */
  errorWithDraftKept: (error: string, draftKept: string) => string;
}

/** The English defaults of {@link WelcomeEditorLabels}. */
export const defaultWelcomeEditorLabels: WelcomeEditorLabels = {
  heading: "Welcome message",
  format: "Format",
  formatMarkdown: "Markdown",
  formatPlain: "Plain text",
  message: "Message shown to people when they join",
  markdownHint: "Markdown: **bold**, _italic_, [links](https://example.org), lists, > quotes, `code`.",
  formattingNotKept: "This message was formatted in another app. Saving here keeps only the text above.",
  changedElsewhere:
    "Someone else changed the welcome message since you started this draft. Saving replaces their version.",
  changedElsewhereByYou:
    "You changed the welcome message in another tab or on another device since you started this draft. Saving replaces that version.",
  discardDraft: "Discard my draft and load theirs",
  discardDraftForYours: "Discard this draft and load that version",
  markdownUnavailable:
    "The Markdown preview couldn't be loaded. Keep typing to try again, or switch to plain text.",
  preview: "Preview",
  previewEmpty: "Nothing to preview yet.",
  // English digits whatever the runtime's locale: a server and a browser in another locale render the same text.
  size: (bytes, limit) => `${bytes.toLocaleString("en-US")} of ${limit.toLocaleString("en-US")} bytes`,
  save: "Save",
  saving: "Saving…",
  cancel: "Cancel",
  remove: "Remove welcome message",
  removeConfirm: "Remove the welcome message for everyone who joins this room?",
  removeConfirmYes: "Yes, remove it",
  removeConfirmNo: "Keep it",
  saved: "Welcome message saved.",
  removed: "Welcome message removed.",
  readOnlyUnknownRoom: "This room isn't available yet, so its welcome message can't be edited.",
  readOnlyNotJoined: "Join the room to edit its welcome message.",
  readOnlyPowerLevel: (required, current) =>
    required !== undefined && current !== undefined
      ? `You can't edit the welcome message: it needs power level ${required}, and yours is ${current}.`
      : "You don't have permission to edit the welcome message.",
  errorForbidden: "The homeserver refused the change: you don't have permission to edit the welcome message.",
  errorTooLarge: "The welcome message is too long to be sent. Shorten it and try again.",
  errorNetwork: "The welcome message couldn't be saved. Check your connection and try again.",
  errorRemoveNetwork: "The welcome message couldn't be removed. Check your connection and try again.",
  errorUsageLimit:
    "The homeserver refused the change: it has reached a usage limit. Contact your server administrator.",
  errorRateLimited: "The homeserver is busy and couldn't take the change. Wait a moment, then try again.",
  draftKept: "Your draft is kept.",
  errorWithDraftKept: (error, draftKept) => `${error} ${draftKept}`,
};

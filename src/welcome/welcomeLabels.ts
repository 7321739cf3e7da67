/** Every string `<WelcomeDialog>` shows or announces, with English defaults. Override any of them with `labels`. */
export interface WelcomeDialogLabels {
  /**
   * The dialog title, from the room name (or `untitledRoom`, with `hasName` false: word that case on its own if your
   * language needs to); also asked with U+E000 to find where a room's name goes.
   */
  title: (roomName: string, hasName?: boolean) => string;
  /** Room name used when the room has none. */
  untitledRoom: string;
  /** Who set the welcome, from their display name ("" when they have none to show) and Matrix ID: "From Alice (@alice:example.org)". */
  sentBy: (name: string, userId: string) => string;
  /** A short description read by screen readers when the dialog opens. */
  description: string;
  /** The confirm button (marks the edition seen). */
  confirm: string;
  /** Accessible name of the close button. */
  close: string;
  /** Accessible name of a hidden spoiler. */
  spoiler: string;
  /** Hint on a hidden spoiler (with the sender's reason, isolated in U+2068..U+2069, or "" when none). */
  revealSpoiler: (reason: string) => string;
  /** Text shown in place of an image the resolver could not load (`resolveMedia` gave null or failed) and that has no alt text. */
  imageUnavailable: string;
  /** Appended to links, which open in a new tab (read by screen readers only). */
  opensInNewTab: string;
  /**
   * The button in place of an image the user's media preview setting hides (MSC4278), with its alt text isolated in
   * U+2068..U+2069, or "" when it has none (text only: a rich-text result gives the English one).
   */
  showImage: (alt: string) => string;
  /**
   * The one button after a welcome of more different images than the kit shows unasked (50 URLs), which shows the
   * rest (`count` of them; their alt text stands in meanwhile). Text only, as `showImage`.
   */
  showMoreImages: (count: number) => string;
}

/** The English defaults of {@link WelcomeDialogLabels}. */
export const defaultWelcomeDialogLabels: WelcomeDialogLabels = {
  title: (roomName) => `Welcome to ${roomName}`,
  untitledRoom: "this room",
  sentBy: (name, userId) => (name ? `From ${name} (${userId})` : `From ${userId}`),
  description: "A welcome message set for this room.",
  confirm: "Got it",
  close: "Close",
  spoiler: "Spoiler",
  revealSpoiler: (reason) =>
    reason ? `Spoiler (${reason}): activate to reveal` : "Spoiler: activate to reveal",
  imageUnavailable: "Image unavailable",
  opensInNewTab: "(opens in a new tab)",
  showImage: (alt) => (alt ? `Show image: ${alt}` : "Show image"),
  showMoreImages: (count) => (count === 1 ? "Show 1 more image" : `Show ${count} more images`),
};

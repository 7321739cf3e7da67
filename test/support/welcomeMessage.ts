import { parseWelcomeContent, sanitizeMatrixHtml, type WelcomeMessage } from "../../src";

/** A welcome message with this HTML and text, as given (not sanitized); an absent field is left out. */
export const welcomeOf = ({
  html,
  text,
}: {
  html?: string | undefined;
  text?: string | undefined;
}): WelcomeMessage => ({
  eventId: "$e",
  eventType: "m.room.welcome",
  sender: "@m:x",
  ts: 0,
  ...(html === undefined ? {} : { html }),
  ...(text === undefined ? {} : { text }),
});

/** A welcome message of sanitized HTML, as `WelcomeBody` takes it. */
export const htmlWelcome = (html: string): WelcomeMessage => welcomeOf({ html: sanitizeMatrixHtml(html) });

/** A plain-text welcome message, as `WelcomeBody` takes it. */
export const textWelcome = (text: string): WelcomeMessage => welcomeOf({ text });

/** A welcome message built from event content by `parseWelcomeContent`: its HTML as sent, not sanitized. */
export const welcomeFromContent = (content: unknown): WelcomeMessage =>
  welcomeOf(parseWelcomeContent(content) ?? {});

import { sanitizeMatrixHtml, type WelcomeMessage } from "../../src";

/** A welcome message of sanitized HTML, as `WelcomeBody` takes it. */
export const htmlWelcome = (html: string): WelcomeMessage => ({
  eventId: "$e",
  eventType: "m.room.welcome",
  sender: "@m:x",
  ts: 0,
  html: sanitizeMatrixHtml(html),
});

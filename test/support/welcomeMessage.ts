import { sanitizeMatrixHtml, type WelcomeMessage } from "../../src";

/** A welcome message of sanitized HTML, as `WelcomeBody` takes it. */
export const htmlWelcome = (html: string): WelcomeMessage => ({
  eventId: "$e",
  eventType: "m.room.welcome",
  sender: "@m:x",
  ts: 0,
  html: sanitizeMatrixHtml(html),
});

/** A plain-text welcome message, as `WelcomeBody` takes it. */
export const textWelcome = (text: string): WelcomeMessage => ({
  eventId: "$e",
  eventType: "m.room.welcome",
  sender: "@m:x",
  ts: 0,
  text,
});

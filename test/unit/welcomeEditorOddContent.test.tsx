/**
 * The editor over odd welcome contents and odd power levels renders without throwing, in both formats.
 */
import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { WelcomeEditor } from "../../src";
import { EDITOR_LABEL, EDITOR_ROOM, MODERATOR, moderatorsRoom, moderatorsWorld } from "../support/editor";
import { stateEvent } from "../support/events";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
afterEach(() => localStorage.clear());

const S = "m.room.welcome";
const U = "org.matrix.msc3857.welcome";
const md = (body: unknown, extra: Record<string, unknown> = {}) => ({
  mimetype: "text/markdown",
  body,
  ...extra,
});

const contents: [string, string, Record<string, unknown>][] = [
  ["wrapper is an array", S, { [S]: [{ mimetype: "text/plain", body: "x" }] }],
  ["wrapper is a string", S, { [S]: "hello" }],
  [
    "m.text shorthand string with markdown array elsewhere",
    S,
    { [S]: { "m.text": "plain", "m.message": [md("**md**")] } },
  ],
  ["markdown only, body number", S, { [S]: { "m.text": [{ body: "t" }, md(5)] } }],
  ["markdown empty string", S, { [S]: { "m.text": [{ body: "Be kind" }, md("")] } }],
  ["markdown null entry", S, { [S]: { "m.text": [null, { body: "t" }, md("# hi")] } }],
  [
    "digest not a string",
    S,
    { [S]: { "m.text": [{ body: "t" }, md("t", { "io.github.matrix_notice_kit.html_digest": 5 })] } },
  ],
  [
    "html only image",
    U,
    { [U]: { "org.matrix.msc1767.message": [{ mimetype: "text/html", body: '<img src="mxc://a/b">' }] } },
  ],
  [
    "html only, link with no text",
    S,
    { [S]: { "m.text": [{ mimetype: "text/html", body: '<a href="https://x.org"></a>' }] } },
  ],
  [
    "html deeply nested",
    S,
    { [S]: { "m.text": [{ mimetype: "text/html", body: `${"<blockquote>".repeat(3000)}deep` }] } },
  ],
  [
    "html huge list",
    S,
    { [S]: { "m.text": [{ mimetype: "text/html", body: `<ul>${"<li>a</li>".repeat(5000)}</ul>` }] } },
  ],
  ["markdown hostile", S, { [S]: { "m.text": [{ body: "t" }, md(`${"> ".repeat(5000)}x`)] } }],
  [
    "markdown with NUL and lone surrogates",
    S,
    { [S]: { "m.text": [{ body: "t\u0000" }, md("a\u0000\ud800**b**")] } },
  ],
  [
    "mimetype with parameters",
    S,
    { [S]: { "m.text": [{ mimetype: "text/html; charset=utf-8", body: "<b>x</b>" }, md("**x**")] } },
  ],
  [
    "__proto__ wrapper",
    S,
    JSON.parse('{"__proto__": {"m.text": [{"body": "p"}]}, "m.room.welcome": {"m.text": [{"body": "ok"}]}}'),
  ],
];

describe("odd welcome contents", () => {
  for (const [label, type, content] of contents)
    for (const format of ["markdown", "plain"] as const)
      it(`${label} (${format})`, async () => {
        const { client } = await moderatorsWorld([
          stateEvent(type, content, { sender: "@other:example.org" }),
        ]);
        render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat={format} />);
        await act(() => sleep(30));
        const area = screen.getByLabelText(EDITOR_LABEL) as HTMLTextAreaElement;
        fireEvent.click(screen.getByRole("radio", { name: format === "plain" ? "Markdown" : "Plain text" }));
        await act(() => sleep(30));
        fireEvent.change(area, { target: { value: `${area.value}!` } });
        await act(() => sleep(30));
        expect(screen.getByRole("button", { name: "Save" })).toBeTruthy();
      });
});

describe("odd power levels", () => {
  const pls: [string, Record<string, unknown>][] = [
    ["users is an array", { users: [MODERATOR], state_default: 50 }],
    ["events null", { users: { [MODERATOR]: 100 }, events: null }],
    ["levels as huge strings", { users: { [MODERATOR]: "99999999999999999" }, state_default: "1e3" }],
    ["levels NaN-ish", { users: { [MODERATOR]: "NaN" }, state_default: null }],
  ];
  for (const [label, content] of pls)
    it(label, async () => {
      const { client } = await moderatorsRoom([
        stateEvent("m.room.power_levels", content, { sender: MODERATOR }),
      ]);
      render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
      await act(() => sleep(30));
      expect(screen.getByLabelText(EDITOR_LABEL)).toBeTruthy();
    });
});

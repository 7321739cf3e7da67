/**
 * A host without a global `TextEncoder`: Jest's default jsdom environment (jest-environment-jsdom 30), where Element
 * Web's tests run. The welcome's size check counts UTF-8 bytes without one, as `TextEncoder` would.
 */
import { render, screen } from "@testing-library/react";
import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { contentBytes, WelcomeEditor } from "../../src";
import { EDITOR_ROOM, moderatorsWorld } from "../support/editor";
import { welcomeEvent } from "../support/events";

const encoderBytes = (content: unknown) => new TextEncoder().encode(JSON.stringify(content)).length;

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe("the welcome's size without TextEncoder", () => {
  it("given no TextEncoder, contentBytes counts one to four bytes a character", () => {
    vi.stubGlobal("TextEncoder", undefined);
    // `{"body":"…"}` is 11 bytes around the text.
    expect(contentBytes({ body: "a" })).toBe(12);
    expect(contentBytes({ body: "é" })).toBe(13);
    expect(contentBytes({ body: "€" })).toBe(14);
    expect(contentBytes({ body: "😀" })).toBe(15);
  });

  it("given any content, contentBytes agrees with TextEncoder (lone surrogates included)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary" }), fc.string({ unit: "grapheme" }), (a, b) => {
        const content = { body: a, [b]: `${b}\ud800x\udc00` };
        expect(contentBytes(content)).toBe(encoderBytes(content));
      }),
    );
  });

  it("given no TextEncoder, the welcome editor renders", async () => {
    const { client } = await moderatorsWorld([welcomeEvent("House rules")]);
    vi.stubGlobal("TextEncoder", undefined);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    expect(await screen.findByRole("textbox")).toBeTruthy();
  });
});

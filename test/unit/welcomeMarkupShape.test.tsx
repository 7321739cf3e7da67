/**
 * MSC1767's 2022 revision, which matrix-events-sdk 2.x writes, carries text in an `m.markup` array (unstable
 * `org.matrix.msc1767.markup`) of `{ body, mimetype? }` entries, before it was renamed `m.text`. A welcome written in
 * that shape is read like any other (README: "`parseWelcomeContent(content)` reads every shape in use").
 */
import { renderHook } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemorySeenStore, markdownSourceOf, parseWelcomeContent, useWelcomeMessage } from "../../src";
import { stateEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const ROOM = "!lounge:example.org";

describe("a welcome written in MSC1767's m.markup shape", () => {
  it.each(["m.markup", "org.matrix.msc1767.markup"])(
    "given an %s array with HTML first, both bodies are read",
    (key) => {
      expect(
        parseWelcomeContent({
          "org.matrix.msc3857.welcome": {
            [key]: [{ body: "<b>Rules</b>", mimetype: "text/html" }, { body: "Rules" }],
          },
        }),
      ).toEqual({ html: "<b>Rules</b>", text: "Rules" });
    },
  );

  it("given both an m.text and an m.markup array, the current m.text array decides", () => {
    expect(
      parseWelcomeContent({
        "m.room.welcome": { "m.markup": [{ body: "old shape" }], "m.text": [{ body: "current shape" }] },
      }),
    ).toEqual({ text: "current shape" });
  });

  it("given an m.markup array and an older m.message array, the m.markup array decides", () => {
    expect(
      parseWelcomeContent({
        "m.room.welcome": { "m.message": [{ body: "oldest shape" }], "m.markup": [{ body: "2022 shape" }] },
      }),
    ).toEqual({ text: "2022 shape" });
  });

  it("given a newcomer joins a room whose welcome is in m.markup, they are shown it (real client, canned sync)", async () => {
    const welcome = stateEvent(
      "org.matrix.msc3857.welcome",
      { "org.matrix.msc3857.welcome": { "m.markup": [{ body: "Be kind. No spam." }] } },
      { sender: "@mod:example.org" },
    );
    const { client } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcome] }),
    );
    const { result } = renderHook(() =>
      useWelcomeMessage(client, ROOM, { seenStore: createMemorySeenStore() }),
    );
    expect(result.current.message?.text).toBe("Be kind. No spam.");
    expect(result.current.shouldShow).toBe(true);
  });

  it("given a Markdown entry in an m.markup array, an editor can reopen it", () => {
    expect(
      markdownSourceOf({
        "m.room.welcome": {
          "m.markup": [
            { mimetype: "text/plain", body: "Be kind" },
            { mimetype: "text/markdown", body: "Be **kind**" },
          ],
        },
      }),
    ).toBe("Be **kind**");
  });
});

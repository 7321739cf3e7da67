/**
 * The authoring flows end to end under the client options real clients use (threadSupport, lazy-loaded
 * members, initialSyncLimit 1, detached pending events): save, echo, edit again, remove, save after removal.
 */
import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { WelcomeEditor } from "../../src";
import {
  CHANGED_ELSEWHERE,
  captureStatePut,
  EDITOR_LABEL,
  EDITOR_ROOM,
  MODERATOR,
  moderatorLevels,
  OTHER_MODERATOR,
  pushStateEcho,
  REMOVE,
  removeWelcome,
  SAVED,
  statePuts,
  typeAndSave,
} from "../support/editor";
import {
  createEvent,
  memberEvent,
  nameEvent,
  redactionEvent,
  textMessageEvent,
  welcomeEvent,
} from "../support/events";
import type { SyncBatch, SyncScript } from "../support/syncScript";
import { ELEMENT_START_OPTIONS, startWorld } from "../support/world";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
afterEach(() => localStorage.clear());

/** A lazy-loaded limited initial sync: the welcome and levels in state only. */
const llRoom = (welcome: ReturnType<typeof welcomeEvent>[]): SyncBatch => ({
  join: {
    [EDITOR_ROOM]: {
      limited: true,
      state: [
        createEvent({ creator: OTHER_MODERATOR }),
        nameEvent("Rules Lounge"),
        memberEvent(MODERATOR, "join"),
        moderatorLevels(),
        ...welcome,
      ],
      timeline: [textMessageEvent("hi", { sender: "@x:elsewhere.org" })],
    },
  },
});

/** Another moderator's unstable welcome "v1". */
const v1 = () =>
  welcomeEvent("v1", undefined, { unstable: true, sender: OTHER_MODERATOR, eventId: "$v1:example.org" });

/** Three syncs with nothing in them (time for any late echo check to speak). */
async function quietSyncs(script: SyncScript) {
  for (let i = 0; i < 3; i++) await act(() => script.push({}));
}

const area = () => screen.getByLabelText(EDITOR_LABEL) as HTMLTextAreaElement;
const saveButton = () => screen.getByRole("button", { name: "Save" }) as HTMLButtonElement;

for (const [label, opts] of [
  ["Element", ELEMENT_START_OPTIONS],
  ["threads only", { threadSupport: true }],
  ["control", {}],
] as const)
  describe(`authoring flows (${label})`, () => {
    it("save, echo, save again, remove, echo, save after removal: each shows its outcome and nothing announces a foreign change", async () => {
      const { client, script } = await startWorld(MODERATOR, llRoom([v1()]), {}, opts);
      render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
      expect(area().value).toBe("v1");
      const sent = captureStatePut(script, "$v2:example.org");
      typeAndSave("v2");
      await screen.findByText(SAVED);
      await pushStateEcho(script, sent, "$v2:example.org");
      await quietSyncs(script);
      expect(screen.queryByText(CHANGED_ELSEWHERE)).toBeNull();
      expect(area().value).toBe("v2");
      expect(saveButton().getAttribute("aria-disabled") === "true").toBe(true);

      // Remove
      const sent2 = captureStatePut(script, "$rm:example.org");
      removeWelcome();
      await screen.findByText("Welcome message removed.");
      expect(sent2.body).toEqual({});
      await pushStateEcho(script, sent2, "$rm:example.org");
      await quietSyncs(script);
      expect(screen.queryByText(CHANGED_ELSEWHERE)).toBeNull();
      expect(screen.queryByRole("button", { name: REMOVE })).toBeNull();
      expect(area().value).toBe("");

      // Save after removal
      const sent3 = captureStatePut(script, "$v3:example.org");
      typeAndSave("v3");
      await screen.findByText(SAVED);
      await pushStateEcho(script, sent3, "$v3:example.org");
      await quietSyncs(script);
      expect(screen.queryByText(CHANGED_ELSEWHERE)).toBeNull();
      expect(area().value).toBe("v3");
      expect(saveButton().getAttribute("aria-disabled") === "true").toBe(true);
      expect(statePuts(script)).toHaveLength(3);
    });

    it("a save's echo hidden by a gap behind someone else's edition: the editor says so after two syncs", async () => {
      const { client, script } = await startWorld(MODERATOR, llRoom([v1()]), {}, opts);
      render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
      captureStatePut(script, "$mine:example.org");
      typeAndSave("mine");
      await screen.findByText(SAVED);
      const theirs = welcomeEvent("theirs", undefined, {
        unstable: true,
        sender: OTHER_MODERATOR,
        eventId: "$theirs:example.org",
      });
      await act(() =>
        script.push({
          join: {
            [EDITOR_ROOM]: { limited: true, state: [theirs], timeline: [textMessageEvent("later")] },
          },
        }),
      );
      await quietSyncs(script);
      // Their edition is what readers see; my text is no longer published: the editor must not present "mine" as live.
      const text = area().value;
      const notice = !!screen.queryByText(CHANGED_ELSEWHERE);
      expect(
        text === "theirs" || notice || !(saveButton().getAttribute("aria-disabled") === "true"),
        JSON.stringify({ text, notice }),
      ).toBe(true);
    });

    it("the welcome (state-only, another moderator's) redacted by them while my draft is open is announced", async () => {
      const { client, script } = await startWorld(MODERATOR, llRoom([v1()]), {}, opts);
      render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
      fireEvent.change(area(), { target: { value: "my draft" } });
      await act(() =>
        script.push({
          join: {
            [EDITOR_ROOM]: { timeline: [redactionEvent("$v1:example.org", { sender: OTHER_MODERATOR })] },
          },
        }),
      );
      await act(() => sleep(50));
      expect(screen.queryByText(CHANGED_ELSEWHERE)).not.toBeNull();
      expect(screen.queryByRole("button", { name: REMOVE })).toBeNull();
    });
  });

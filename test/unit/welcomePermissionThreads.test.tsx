/**
 * The permission stores (useWelcomeEditPermission / useWelcomeRemovePermission, behind the editor's read-only state and
 * its Remove button) under threadSupport, when a stable welcome known only as state is redacted: matrix-js-sdk files
 * that redaction in no timeline, and the stores hear it through the client's Event event (a review's probes; each
 * threadSupport case failed before, every control passed).
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import type { IStartClientOpts } from "matrix-js-sdk";
import { afterEach, describe, expect, it } from "vitest";
import { useCanEditWelcome, useWelcomeRemovePermission, WelcomeEditor } from "../../src";
import { EDITOR_LABEL, EDITOR_ROOM, MODERATOR, OTHER_MODERATOR, REMOVE } from "../support/editor";
import { redactionEvent, stateEvent, welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
afterEach(() => localStorage.clear());

const T: IStartClientOpts = { threadSupport: true };

/** Power levels: the moderator at 50, state events 50, one welcome type raised to 100. */
const levels = (events: Record<string, number>) =>
  stateEvent(
    "m.room.power_levels",
    { users: { [MODERATOR]: 50, [OTHER_MODERATOR]: 100 }, users_default: 0, state_default: 50, events },
    { sender: OTHER_MODERATOR },
  );

const old = () =>
  welcomeEvent("Old rules", undefined, {
    unstable: true,
    sender: OTHER_MODERATOR,
    eventId: "$old:example.org",
  });
const cur = () =>
  welcomeEvent("Current rules", undefined, { sender: OTHER_MODERATOR, eventId: "$cur:example.org" });

const redactCur = (script: Awaited<ReturnType<typeof startWorld>>["script"]) =>
  act(() =>
    script.push({
      join: {
        [EDITOR_ROOM]: { timeline: [redactionEvent("$cur:example.org", { sender: OTHER_MODERATOR })] },
      },
    }),
  );

for (const [label, opts] of [
  ["threadSupport", T],
  ["control, no threads", {}],
] as const)
  describe(`stable welcome known from state only, redacted (${label})`, () => {
    it("the editor becomes editable when the stable type (which the moderator may not send) is redacted and the unstable one is writable", async () => {
      const { client, script } = await startWorld(
        MODERATOR,
        welcomeRoom(MODERATOR, EDITOR_ROOM, { welcome: [levels({ "m.room.welcome": 100 }), old(), cur()] }),
        {},
        opts,
      );
      render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
      const area = screen.getByLabelText(EDITOR_LABEL) as HTMLTextAreaElement;
      expect(area.value).toBe("Current rules");
      expect(area.readOnly).toBe(true);
      await redactCur(script);
      await act(() => sleep(50));
      // Readers now see the unstable "Old rules"; the editor writes the unstable type, which the moderator may send.
      await waitFor(() => expect(area.value).toBe("Old rules"));
      expect(area.readOnly).toBe(false);
    });

    it("useCanEditWelcome alone (no welcome hook mounted) follows the redaction", async () => {
      const { client, script } = await startWorld(
        MODERATOR,
        welcomeRoom(MODERATOR, EDITOR_ROOM, { welcome: [levels({ "m.room.welcome": 100 }), old(), cur()] }),
        {},
        opts,
      );
      const { result } = renderHook(() => useCanEditWelcome(client, EDITOR_ROOM));
      expect(result.current).toBe(false);
      await redactCur(script);
      await act(() => sleep(50));
      expect(result.current).toBe(true);
    });

    it("useCanEditWelcome alone, mounted after the redaction arrived, follows it", async () => {
      const { client, script } = await startWorld(
        MODERATOR,
        welcomeRoom(MODERATOR, EDITOR_ROOM, { welcome: [levels({ "m.room.welcome": 100 }), old(), cur()] }),
        {},
        opts,
      );
      const first = renderHook(() => useCanEditWelcome(client, EDITOR_ROOM));
      expect(first.result.current).toBe(false);
      first.unmount();
      await redactCur(script);
      const { result } = renderHook(() => useCanEditWelcome(client, EDITOR_ROOM));
      await act(() => sleep(50));
      expect(result.current).toBe(true);
    });

    it("Remove goes when the welcome readers now see is a type the moderator may not send", async () => {
      const { client, script } = await startWorld(
        MODERATOR,
        welcomeRoom(MODERATOR, EDITOR_ROOM, {
          welcome: [levels({ "org.matrix.msc3857.welcome": 100 }), old(), cur()],
        }),
        {},
        opts,
      );
      render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
      const { result } = renderHook(() => useWelcomeRemovePermission(client, EDITOR_ROOM));
      expect(screen.queryByRole("button", { name: REMOVE })).not.toBeNull();
      await redactCur(script);
      await act(() => sleep(50));
      await waitFor(() =>
        expect((screen.getByLabelText(EDITOR_LABEL) as HTMLTextAreaElement).value).toBe("Old rules"),
      );
      expect(result.current.canEdit).toBe(false);
      expect(screen.queryByRole("button", { name: REMOVE })).toBeNull();
      expect((screen.getByLabelText(EDITOR_LABEL) as HTMLTextAreaElement).readOnly).toBe(true);
    });
  });

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
import {
  EDITOR_LABEL,
  EDITOR_ROOM,
  moderatorsRoom,
  OTHER_MODERATOR,
  othersCurrentOverOldRaising,
  REMOVE,
  syncEditorRoom,
} from "../support/editor";
import { redactionEvent } from "../support/events";
import type { SyncScript } from "../support/syncScript";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
afterEach(() => localStorage.clear());

const T: IStartClientOpts = { threadSupport: true };

/** The other moderator redacts the stable welcome (known to the client only from the sync's state section). */
const redactCur = (script: SyncScript) =>
  syncEditorRoom(script, redactionEvent("$cur:example.org", { sender: OTHER_MODERATOR }));

for (const [label, opts] of [
  ["threadSupport", T],
  ["control, no threads", {}],
] as const)
  describe(`stable welcome known from state only, redacted (${label})`, () => {
    it("the editor becomes editable when the stable type (which the moderator may not send) is redacted and the unstable one is writable", async () => {
      const { client, script } = await moderatorsRoom(othersCurrentOverOldRaising("m.room.welcome"), opts);
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
      const { client, script } = await moderatorsRoom(othersCurrentOverOldRaising("m.room.welcome"), opts);
      const { result } = renderHook(() => useCanEditWelcome(client, EDITOR_ROOM));
      expect(result.current).toBe(false);
      await redactCur(script);
      await act(() => sleep(50));
      expect(result.current).toBe(true);
    });

    it("useCanEditWelcome alone, mounted after the redaction arrived, follows it", async () => {
      const { client, script } = await moderatorsRoom(othersCurrentOverOldRaising("m.room.welcome"), opts);
      const first = renderHook(() => useCanEditWelcome(client, EDITOR_ROOM));
      expect(first.result.current).toBe(false);
      first.unmount();
      await redactCur(script);
      const { result } = renderHook(() => useCanEditWelcome(client, EDITOR_ROOM));
      await act(() => sleep(50));
      expect(result.current).toBe(true);
    });

    it("Remove goes when the welcome readers now see is a type the moderator may not send", async () => {
      const { client, script } = await moderatorsRoom(
        othersCurrentOverOldRaising("org.matrix.msc3857.welcome"),
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

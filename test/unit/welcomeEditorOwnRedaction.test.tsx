/**
 * The moderator's own client redacts the state-only welcome (removal by redaction), under Element's options
 * (threads + detached + LL + initialSyncLimit 1): the editor and the permission hooks follow once accepted.
 */
import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import { PendingEventOrdering } from "matrix-js-sdk";
import { afterEach, describe, expect, it } from "vitest";
import { useCanEditWelcome, WelcomeEditor } from "../../src";
import {
  CHANGED_ELSEWHERE,
  EDITOR_LABEL,
  EDITOR_ROOM,
  MODERATOR,
  moderatorsRoom,
  othersCurrentOverOldRaising,
  REMOVE,
} from "../support/editor";
import { redactionEvent } from "../support/events";
import { ELEMENT_START_OPTIONS } from "../support/world";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
afterEach(() => localStorage.clear());

for (const [label, opts] of [
  ["Element", ELEMENT_START_OPTIONS],
  ["control", { pendingEventOrdering: PendingEventOrdering.Detached }],
] as const)
  describe(`own redaction of the state-only stable welcome (${label})`, () => {
    it("the editor follows to the unstable welcome and its permission, once the homeserver accepted the redaction and synced it", async () => {
      const { client, script } = await moderatorsRoom(othersCurrentOverOldRaising("m.room.welcome"), opts);
      render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
      const { result } = renderHook(() => useCanEditWelcome(client, EDITOR_ROOM));
      const area = screen.getByLabelText(EDITOR_LABEL) as HTMLTextAreaElement;
      expect(area.value).toBe("Current rules");
      expect(result.current).toBe(false);
      let redactionId = "";
      script.route({ method: "PUT", path: /\/redact\// }, () => ({ json: { event_id: "$red:example.org" } }));
      await act(async () => {
        redactionId = (await client.redactEvent(EDITOR_ROOM, "$cur:example.org")).event_id;
      });
      await act(() =>
        script.push({
          join: {
            [EDITOR_ROOM]: {
              timeline: [redactionEvent("$cur:example.org", { sender: MODERATOR, eventId: redactionId })],
            },
          },
        }),
      );
      await act(() => sleep(50));
      await waitFor(() => expect(area.value).toBe("Old rules"));
      expect(screen.queryByText(CHANGED_ELSEWHERE)).toBeNull();
      expect(result.current).toBe(true);
      expect(area.readOnly).toBe(false);
      expect(screen.queryByRole("button", { name: REMOVE })).not.toBeNull();
    });
  });

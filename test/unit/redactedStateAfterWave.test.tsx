/**
 * A welcome (or pins event) delivered in a sync's state section is never redacted by the SDK: the kit's record of the
 * room's redactions is all that says it was. A spam clean-up of 1,000 messages in the room afterwards must not push
 * that out (a cap on the record once did: the redacted welcome showed again).
 */
import { act, render, renderHook, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  createMemoryDismissStore,
  createMemorySeenStore,
  NoticeBanner,
  useWelcomeMessage,
  WelcomeDialog,
} from "../../src";
import { pinnedEventsEvent, redactionEvent, serverNoticeEvent, welcomeEvent } from "../support/events";
import { NOTICES_ROOM, NOTICES_USER, noticesRoom, welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";

const wave = (n: number, tag: string) =>
  Array.from({ length: n }, (_, i) => redactionEvent(`$spam_${tag}_${i}:example.org`, { sender: MOD }));

describe("a redacted state event after a wave of other redactions", () => {
  it("a welcome redacted by its moderator stays hidden after a spam clean-up of 1,000 messages in the room", async () => {
    const welcome = welcomeEvent("Posted by mistake: the old admin password is hunter2");
    const { client, script } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcome] }),
    );
    await script.push({
      join: { [ROOM]: { timeline: [redactionEvent(welcome.event_id, { sender: MOD })] } },
    });
    const seenStore = createMemorySeenStore();
    const first = renderHook(() => useWelcomeMessage(client, ROOM, { seenStore }));
    expect(first.result.current.message).toBeNull();
    first.unmount();
    // A moderation wave: 1,000 spam messages redacted (in two syncs).
    await script.push({ join: { [ROOM]: { timeline: wave(500, "a") } } });
    await script.push({ join: { [ROOM]: { timeline: wave(500, "b") } } });
    // The app shows the room again (a dialog mounted for it).
    render(<WelcomeDialog client={client} roomId={ROOM} options={{ seenStore }} />);
    await act(async () => {});
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.body.textContent).not.toContain("hunter2");
  }, 60_000);

  it("a redacted pins event stays redacted (its notices stay hidden) after 1,000 other redactions in the notices room", async () => {
    const notice = serverNoticeEvent("Withdrawn notice");
    const pins = pinnedEventsEvent([notice.event_id], { sender: NOTICES_USER });
    const { client, script } = await startWorld(ME, {
      join: {
        [NOTICES_ROOM]: {
          ...noticesRoom(ME, {}).join![NOTICES_ROOM]!,
          state: [...noticesRoom(ME, {}).join![NOTICES_ROOM]!.state!, pins],
          timeline: [notice, redactionEvent(pins.event_id!, { sender: NOTICES_USER })],
        },
      },
    });
    const view = render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    await act(async () => {});
    expect(document.body.textContent).not.toContain("Withdrawn notice");
    view.unmount();
    await script.push({ join: { [NOTICES_ROOM]: { timeline: wave(1000, "n") } } });
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    await act(async () => {});
    expect(document.body.textContent).not.toContain("Withdrawn notice");
  }, 60_000);
});

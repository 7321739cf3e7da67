/**
 * A long session with thread support on (Element Web's default): once any kit component has mounted, the client's
 * unfiled-relation recorder notes the redactions the SDK files nowhere that a store mounted later may need (of a
 * room's welcome or pins, or in a notices room), not every one in every room of the account.
 */
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner } from "../../src";
import { timelineRedactedIds } from "../../src/core/timelineRedactions";
import { redactionEvent, textMessageEvent } from "../support/events";
import { mergeBatches, noticesRoom, ordinaryRoom } from "../support/scenarios";
import { ELEMENT_START_OPTIONS, startWorld } from "../support/world";

const ME = "@alice:example.org";
const BUSY = "!busy:example.org";

async function wave(mountOnce: boolean) {
  const { client, script } = await startWorld(
    ME,
    mergeBatches(
      noticesRoom(ME, { pinned: [] }),
      ordinaryRoom(ME, BUSY, { timeline: [textMessageEvent("hi")] }),
    ),
    {},
    ELEMENT_START_OPTIONS,
  );
  // The app shows the banner once (e.g. at start-up), then not again.
  if (mountOnce) render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />).unmount();
  for (let round = 0; round < 20; round++)
    await script.push({
      join: {
        [BUSY]: {
          timeline: Array.from({ length: 100 }, (_, i) => redactionEvent(`$old${round}_${i}:example.org`)),
        },
      },
    });
  const busy = client.getRoom(BUSY)!;
  // Matrix-js-sdk with threads filed none of them (their targets were never loaded).
  expect(
    busy
      .getLiveTimeline()
      .getEvents()
      .some((e) => e.getType() === "m.room.redaction"),
  ).toBe(false);
  return timelineRedactedIds(busy);
}

describe("the unfiled-redaction recorder over a long session", () => {
  it("with no kit component ever mounted, nothing of the wave is kept", async () => {
    expect((await wave(false)).size).toBe(0);
  }, 60_000);

  it("given a moderation wave of 2,000 redactions of old messages in a busy ordinary room, the kit keeps nothing of them", async () => {
    // None of this room's redactions can matter to the kit (no welcome or pins redacted, not a notices room).
    expect((await wave(true)).size).toBe(0);
  }, 60_000);
});

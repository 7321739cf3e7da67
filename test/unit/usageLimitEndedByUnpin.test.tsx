/**
 * The homeserver pins its usage-limit notice while the limit holds and unpins it when the limit is lifted (Synapse's
 * resource-limit notices). A limit a failed send reported (its banner covered by the pinned notice) ends with that
 * unpin too: the banner goes, rather than the send's own usage-limit banner taking the pinned one's place until the
 * user happens to send again. The first two failed before stop 47 (the send's limit lasted until a send went through).
 */
import { act, render, screen, waitFor } from "@testing-library/react";
import { MatrixError } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner, reportResourceLimitError } from "../../src";
import { pinnedEventsEvent, usageLimitNoticeEvent } from "../support/events";
import { mauLimitFailure } from "../support/limits";
import { NOTICES_ROOM, NOTICES_USER, noticesRoom } from "../support/scenarios";
import type { SyncScript } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";

/** The MAU notice pinned in the notices room, a banner mounted, and the user's send refused over the limit. */
async function limitPinnedAndSendRefused() {
  const pinned = usageLimitNoticeEvent("monthly_active_user", "mailto:admin@example.org");
  const { client, script } = await startWorld(
    ME,
    noticesRoom(ME, { pinned: [pinned.event_id], timeline: [pinned] }),
  );
  render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
  await screen.findByRole("alert");
  script.fail({ method: "PUT", path: /\/send\// }, mauLimitFailure, 1);
  await act(async () => {
    await client.sendTextMessage(NOTICES_ROOM, "Hello?").catch(() => {});
  });
  // One banner: the pinned notice covers the limit the send reported.
  expect(screen.getAllByRole("alert")).toHaveLength(1);
  expect(screen.getByRole("alert").dataset.source).toBe("pinned");
  return { client, script, pinned };
}

/** The homeserver unpins its notice: the limit was lifted. */
const unpin = (script: SyncScript, pins: string[] = []) =>
  act(() =>
    script.push({
      join: { [NOTICES_ROOM]: { timeline: [pinnedEventsEvent(pins, { sender: NOTICES_USER })] } },
    }),
  );

const limitError = (limitType: string) =>
  new MatrixError({ errcode: mauLimitFailure.errcode, error: "Limit", limit_type: limitType }, 403);

describe("a usage limit a send reported, when the server unpins its usage-limit notice", () => {
  it("given the pinned notice covering a refused send's limit, when the pin is removed, no usage-limit banner stays", async () => {
    const { script } = await limitPinnedAndSendRefused();
    await unpin(script);
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
  });

  it("given the app reported the same limit too, when the pin is removed, no usage-limit banner stays", async () => {
    const { client, script } = await limitPinnedAndSendRefused();
    act(() => reportResourceLimitError(client, limitError("monthly_active_user")));
    await unpin(script);
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
  });

  it("given a refused send's limit of another type than the pinned notice's, when the pin is removed, its banner stays", async () => {
    const pinned = usageLimitNoticeEvent("monthly_active_user", "mailto:admin@example.org");
    const { client, script } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: [pinned.event_id], timeline: [pinned] }),
    );
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    await screen.findByRole("alert");
    script.fail(
      { method: "PUT", path: /\/send\// },
      { ...mauLimitFailure, data: { limit_type: "storage" } },
      1,
    );
    await act(async () => {
      await client.sendTextMessage(NOTICES_ROOM, "Hello?").catch(() => {});
    });
    await unpin(script);
    await waitFor(() => expect(screen.getByRole("alert").dataset.source).toBe("resource-limit-error"));
  });

  it("given no usage-limit notice was ever pinned, a pin change elsewhere leaves the send's limit shown", async () => {
    const { client, script } = await startWorld(ME, noticesRoom(ME, { pinned: [] }));
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    script.fail({ method: "PUT", path: /\/send\// }, mauLimitFailure, 1);
    await act(async () => {
      await client.sendTextMessage(NOTICES_ROOM, "Hello?").catch(() => {});
    });
    await waitFor(() => expect(screen.getByRole("alert").dataset.source).toBe("resource-limit-error"));
    await unpin(script, []);
    expect(screen.getByRole("alert").dataset.source).toBe("resource-limit-error");
  });
});

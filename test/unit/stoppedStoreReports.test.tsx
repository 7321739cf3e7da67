/**
 * A stopped notices store (an unmounted hook's) is no longer reached by reportResourceLimitError. (Behaviour no test
 * pinned down before a mutation hunt of the stores.)
 */
import { describe, expect, it } from "vitest";
import { reportResourceLimitError, ServerNoticesStore } from "../../src";
import { noticesRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@alice:example.org";
const limitError = Object.assign(new Error("Monthly Active User Limit Exceeded"), {
  errcode: "M_RESOURCE_LIMIT_EXCEEDED",
  httpStatus: 403,
  data: {
    errcode: "M_RESOURCE_LIMIT_EXCEEDED",
    limit_type: "monthly_active_user",
    admin_contact: "mailto:ops@example.org",
  },
});

describe("stopped stores and app-reported limits", () => {
  it("given a store that was subscribed and then unsubscribed (unmounted), when the app reports a usage limit, the stopped store does not take it", async () => {
    const script = new SyncScript({ userId: ME });
    const client = script.createClient();
    await script.start(client, noticesRoom(ME, { pinned: [] }));
    const store = new ServerNoticesStore(client);
    const off = store.subscribe(() => {});
    off();
    const live = new ServerNoticesStore(client);
    const offLive = live.subscribe(() => {});
    reportResourceLimitError(client, limitError);
    // The mounted store shows it (the error is understood) ...
    expect(live.getSnapshot().notices.map((n) => n.source)).toEqual(["resource-limit-error"]);
    offLive();
    // ... the unmounted one was not touched: it still has no limit of its own.
    expect(store.getSnapshot().notices).toEqual([]);
  });
});

/**
 * A usage limit the app reported ends when a message goes through: a banner mounted afterwards, before the next sync,
 * shows no limit either. (Behaviour no test pinned down before a mutation hunt of the stores.)
 */
import { act, renderHook, waitFor } from "@testing-library/react";
import { MatrixError } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { reportResourceLimitError, useServerNotices } from "../../src";
import { NOTICES_ROOM, noticesRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";
const limitError = new MatrixError(
  {
    errcode: "M_RESOURCE_LIMIT_EXCEEDED",
    error: "Monthly Active User Limit Exceeded",
    limit_type: "monthly_active_user",
    admin_contact: "mailto:ops@example.org",
  },
  403,
);

describe("an app-reported usage limit that ends", () => {
  it("given a limit the app reported, when a message is then sent, a banner mounted afterwards shows no limit", async () => {
    const { client } = await startWorld(ME, noticesRoom(ME, { pinned: [] }));
    const mounted = renderHook(() => useServerNotices(client));
    act(() => reportResourceLimitError(client, limitError));
    await waitFor(() =>
      expect(mounted.result.current.notices.map((n) => n.source)).toEqual(["resource-limit-error"]),
    );

    await act(async () => {
      await client.sendTextMessage(NOTICES_ROOM, "It works again");
    });
    await waitFor(() => expect(mounted.result.current.notices).toEqual([]));

    const later = renderHook(() => useServerNotices(client));
    expect(later.result.current.notices).toEqual([]);
  });
});

/**
 * matrix-js-sdk's sliding sync reports a refused sync as a MatrixError wrapped in another (`new MatrixError(err)`): the
 * server's body (`limit_type`, `admin_contact`) is one level deeper than in sync v2. The banner reads it there too.
 */
import { act, render, screen } from "@testing-library/react";
import { MatrixError } from "matrix-js-sdk";
import { expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner, reportResourceLimitError } from "../../src";
import { noticesRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";

it("given a usage-limit error wrapped as sliding sync wraps it, the banner says which limit and links the admin contact", async () => {
  const { client } = await startWorld(ME, noticesRoom(ME, { pinned: [] }));
  render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
  const body = {
    errcode: "M_RESOURCE_LIMIT_EXCEEDED",
    error: "Monthly Active User Limit Exceeded",
    limit_type: "monthly_active_user",
    admin_contact: "mailto:admin@example.org",
  };
  const wrapped = new MatrixError(new MatrixError(body, 403) as unknown as Record<string, unknown>, 403);
  act(() => reportResourceLimitError(client, wrapped));
  const alert = await screen.findByRole("alert");
  expect(alert).toHaveTextContent("This homeserver has hit its monthly active user limit.");
  expect(screen.getByRole("link", { name: /Contact your server administrator/ })).toHaveAttribute(
    "href",
    "mailto:admin@example.org",
  );
});

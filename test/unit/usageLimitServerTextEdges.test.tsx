/** The server's own words on usage-limit banners, pinned and error-derived: placement, direction, size, precedence. */
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { MatrixError } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner, reportResourceLimitError } from "../../src";
import { usageLimitNoticeEvent } from "../support/events";
import { noticesRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@alice:example.org";

async function world(pinned: ReturnType<typeof usageLimitNoticeEvent>[] = []) {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  await script.start(client, noticesRoom(ME, { pinned: pinned.map((e) => e.event_id), timeline: pinned }));
  return { script, client };
}

describe("a usage-limit banner with the server's own words", () => {
  it("an RTL administrator message is its own right-to-left paragraph, after the headline and before the contact", async () => {
    const n = usageLimitNoticeEvent("hs_disabled", "mailto:a@example.org", { body: "الخادم متوقف للصيانة" });
    const { client } = await world([n]);
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    const alert = await screen.findByRole("alert");
    const parts = [...alert.querySelectorAll("[data-part]")].map((e) => e.getAttribute("data-part"));
    expect(parts.indexOf("title")).toBeLessThan(parts.indexOf("body"));
    expect(parts.indexOf("body")).toBeLessThan(parts.indexOf("contact"));
    expect(alert.querySelector('[data-part="body"]')).toHaveAttribute("dir", "rtl");
  });

  it("a 60 kB administrator message renders as text (no markup), once", async () => {
    const huge = `<b>x</b> ${"Down for maintenance. ".repeat(3000)}`;
    const n = usageLimitNoticeEvent("hs_disabled", null, { body: huge });
    const { client } = await world([n]);
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    const alert = await screen.findByRole("alert");
    expect(alert.querySelector("b")).toBeNull();
    expect(alert.querySelectorAll('[data-part="body"]')).toHaveLength(1);
  });

  it("a pinned hs_disabled notice covers the error-derived one: one alert, the pinned text", async () => {
    const n = usageLimitNoticeEvent("hs_disabled", null, { body: "Pinned admin message" });
    const { client, script } = await world([n]);
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    await screen.findByRole("alert");
    script.pushSyncFailure({
      status: 403,
      errcode: "M_RESOURCE_LIMIT_EXCEEDED",
      error: "Error admin message",
      data: { limit_type: "hs_disabled" },
    });
    await act(() => new Promise((r) => setTimeout(r, 100)));
    expect(screen.getAllByRole("alert")).toHaveLength(1);
    expect(screen.getByRole("alert")).toHaveTextContent("Pinned admin message");
  });

  it("an app-reported MatrixError with the server's text: that text, no SDK formatting; dismiss works", async () => {
    const { client } = await world();
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    act(() =>
      reportResourceLimitError(
        client,
        new MatrixError(
          { errcode: "M_RESOURCE_LIMIT_EXCEEDED", error: "Storage full", limit_type: "storage" },
          403,
          "https://matrix.example.org/_matrix/client/v3/createRoom",
        ),
      ),
    );
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("Storage full");
    expect(alert).not.toHaveTextContent("MatrixError");
    expect(alert).not.toHaveTextContent("createRoom");
    fireEvent.click(within(alert).getByRole("button", { name: "Dismiss notice" }));
    await waitFor(() => expect(screen.queryByRole("alert")).toBeNull());
  });
});

/**
 * A page translator (Chrome's built-in translation, Google Translate) replaces the kit's text nodes with its own
 * <font> elements. React removing a text node it no longer finds under its parent throws and unmounts the app; the
 * kit's text that changes shape is in elements, so an edited notice or a renamed room just updates.
 */
import { act, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, createMemorySeenStore, NoticeBannerList, WelcomeDialog } from "../../src";
import { CrashBoundary } from "../support/crashBoundary";
import { nameEvent, welcomeEvent } from "../support/events";
import { noticeItem } from "../support/noticeItems";
import { welcomeRoom } from "../support/scenarios";
import { translate } from "../support/translate";
import { startWorld } from "../support/world";

describe("a translated page", () => {
  it("given a translated notice with a link, when it is edited to plain text, the app keeps running", async () => {
    const store = createMemoryDismissStore();
    const banner = (body: string) => (
      <CrashBoundary>
        <NoticeBannerList notices={[noticeItem("$a", body)]} dismissStore={store} />
      </CrashBoundary>
    );
    const { container, rerender } = render(banner("See https://example.org for details"));
    translate(container);
    await act(async () => rerender(banner("All fine now")));
    expect(screen.queryByTestId("crashed")).toBeNull();
    expect(container.querySelector("[data-part=body]")?.textContent).toContain("All fine now");
  });

  it("given a translated welcome dialog, when the room loses its name, the app keeps running", async () => {
    const ROOM = "!lounge:example.org";
    const ME = "@bob:example.org";
    const { client, script } = await startWorld(
      ME,
      welcomeRoom(ME, ROOM, { prevMembership: "invite", welcome: [welcomeEvent("Hello")], name: "Lounge" }),
    );
    render(
      <CrashBoundary>
        <WelcomeDialog client={client} roomId={ROOM} options={{ seenStore: createMemorySeenStore() }} />
      </CrashBoundary>,
    );
    translate(await screen.findByRole("dialog"));
    script.queueBatch({ join: { [ROOM]: { timeline: [nameEvent("")] } } });
    await waitFor(() =>
      expect(client.getRoom(ROOM)?.currentState.getStateEvents("m.room.name", "")?.getContent().name).toBe(
        "",
      ),
    );
    await act(() => new Promise((resolve) => setTimeout(resolve, 100)));
    expect(screen.queryByTestId("crashed")).toBeNull();
    expect(screen.getByRole("dialog")).toBeInTheDocument();
  });
});

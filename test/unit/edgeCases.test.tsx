import { act, render, renderHook, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createMemorySeenStore,
  type DismissStore,
  NoticeBannerList,
  parseWelcomeContent,
  type ServerNoticeItem,
  setWelcomeMessage,
  useServerNotices,
  WelcomeDialog,
  WelcomeEditor,
} from "../../src";
import { stateEvent, welcomeEvent } from "../support/events";
import { mergeBatches, NOTICES_ROOM, noticesRoom, welcomeRoom } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const MOD = "@mod:example.org";
const LABEL = "Message shown to people when they join";
const pl = stateEvent("m.room.power_levels", { users: { [MOD]: 100 }, users_default: 0, state_default: 50 });

async function world(userId: string, batch = {}) {
  const script = new SyncScript({ userId });
  const client = script.createClient();
  await script.start(client, batch);
  return { script, client };
}

afterEach(() => localStorage.clear());

describe("welcome editor edge cases", () => {
  it("when the roomId changes, the editor starts fresh for the new room and never saves the old draft there", async () => {
    const user = userEvent.setup();
    const { client, script } = await world(
      MOD,
      mergeBatches(
        welcomeRoom(MOD, "!a:example.org", { welcome: [pl] }),
        welcomeRoom(MOD, "!b:example.org", { welcome: [pl] }),
      ),
    );
    const { rerender } = render(<WelcomeEditor client={client} roomId="!a:example.org" />);
    await user.type(screen.getByLabelText(LABEL), "rules for A");
    rerender(<WelcomeEditor client={client} roomId="!b:example.org" />);
    expect(screen.getByLabelText(LABEL)).toHaveValue("");
    await user.type(screen.getByLabelText(LABEL), "rules for B");
    await user.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Welcome message saved.");
    const [put] = script.requestsTo(/\/state\//, "PUT");
    expect(put?.path).toContain("!b:example.org");
    expect(parseWelcomeContent(put?.body)?.text).toBe("rules for B");
    rerender(<WelcomeEditor client={client} roomId="!a:example.org" />);
    expect(screen.getByLabelText(LABEL)).toHaveValue("rules for A");
  });

  it("images written in Markdown are published as mxc:// sources (each reader resolves them on its homeserver)", async () => {
    const user = userEvent.setup();
    const { client, script } = await world(MOD, welcomeRoom(MOD, "!a:example.org", { welcome: [pl] }));
    render(<WelcomeEditor client={client} roomId="!a:example.org" />);
    await user.type(screen.getByLabelText(LABEL), "![[logo](mxc://example.org/abc123) hi");
    await waitFor(() =>
      expect(screen.getByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled"),
    );
    await user.click(screen.getByRole("button", { name: "Save" }));
    await screen.findByText("Welcome message saved.");
    const html = parseWelcomeContent(script.requestsTo(/\/state\//, "PUT")[0]?.body)?.html;
    expect(html).toBe('<p><img src="mxc://example.org/abc123" alt="logo"> hi</p>');
  });

  it("text typed while a save is in flight is kept as a draft", async () => {
    const user = userEvent.setup();
    const { client, script } = await world(MOD, welcomeRoom(MOD, "!a:example.org", { welcome: [pl] }));
    let release: () => void = () => {};
    script.route(
      { method: "PUT", path: /\/state\// },
      () => new Promise((r) => (release = () => r({ json: { event_id: "$e" } }))),
    );
    render(<WelcomeEditor client={client} roomId="!a:example.org" defaultFormat="plain" />);
    const textarea = screen.getByLabelText(LABEL);
    await user.type(textarea, "v1");
    await user.click(screen.getByRole("button", { name: "Save" }));
    await user.type(textarea, " plus more");
    await act(async () => release());
    await screen.findByText("Welcome message saved.");
    expect(textarea).toHaveValue("v1 plus more");
    expect(localStorage.getItem(`matrix-notice-kit:welcome-draft:${MOD}|!a:example.org`)).toContain(
      "v1 plus more",
    );
  });
});

describe("banner and dialog edge cases", () => {
  it("a dismiss store written as a class works, and focus moves to the next banner after a dismiss", async () => {
    class ClassStore implements DismissStore {
      private ids = new Set<string>();
      private listeners = new Set<() => void>();
      private version = 0;
      isDismissed(id: string) {
        return this.ids.has(id);
      }
      dismiss(id: string) {
        this.ids.add(id);
        this.version += 1;
        for (const l of this.listeners) l();
      }
      subscribe(l: () => void) {
        this.listeners.add(l);
        return () => this.listeners.delete(l);
      }
      getVersion() {
        return this.version;
      }
    }
    const item = (id: string): ServerNoticeItem => ({
      eventId: id,
      sender: "",
      ts: 0,
      source: "pinned",
      notice: { body: id },
    });
    const user = userEvent.setup();
    render(<NoticeBannerList dismissStore={new ClassStore()} notices={[item("$1"), item("$2")]} />);
    const [first, second] = screen.getAllByRole("button", { name: "Dismiss notice" });
    await user.click(first!);
    expect(screen.getAllByRole("group")).toHaveLength(1);
    expect(second).toHaveFocus();
  });

  it("a long welcome makes the dialog's scroll area keyboard-focusable", async () => {
    vi.spyOn(HTMLElement.prototype, "scrollHeight", "get").mockReturnValue(2000);
    vi.spyOn(HTMLElement.prototype, "clientHeight", "get").mockReturnValue(100);
    const { client } = await world(
      "@bob:example.org",
      welcomeRoom("@bob:example.org", "!l:example.org", { welcome: [welcomeEvent("x\n".repeat(200))] }),
    );
    render(
      <WelcomeDialog
        client={client}
        roomId="!l:example.org"
        options={{ seenStore: createMemorySeenStore() }}
      />,
    );
    const scroll = (await screen.findByRole("dialog")).querySelector('[data-part="scroll"]');
    await waitFor(() => expect(scroll).toHaveAttribute("tabindex", "0"));
  });

  it("a usage limit reported by a failed send is not cleared by the next good sync", async () => {
    const { client, script } = await world(
      "@alice:example.org",
      noticesRoom("@alice:example.org", { pinned: [] }),
    );
    const { result } = renderHook(() => useServerNotices(client));
    script.fail(
      { method: "PUT", path: /\/send\// },
      { status: 403, errcode: "M_RESOURCE_LIMIT_EXCEEDED", data: { limit_type: "monthly_active_user" } },
    );
    await act(async () => {
      await client.sendTextMessage(NOTICES_ROOM, "hello").catch(() => undefined);
    });
    await waitFor(() => expect(result.current.notices).toHaveLength(1));
    await act(() => script.push({}));
    expect(result.current.notices).toHaveLength(1);
  });
});

describe("publishing without a DOM", () => {
  it("setWelcomeMessage refuses HTML it cannot sanitize instead of publishing escaped markup", async () => {
    const { client } = await world(MOD, welcomeRoom(MOD, "!a:example.org", { welcome: [pl] }));
    const doc = globalThis.document;
    vi.stubGlobal("document", undefined);
    try {
      await expect(
        setWelcomeMessage(client, "!a:example.org", { text: "x", html: "<b>x</b>" }),
      ).rejects.toThrow(/needs a DOM/);
    } finally {
      vi.stubGlobal("document", doc);
      vi.unstubAllGlobals();
    }
  });
});

describe("usage-limit dismissals", () => {
  it("dismissing a usage limit hides that occurrence; when the limit clears and comes back, it shows again", async () => {
    const { createMemoryDismissStore, NoticeBanner } = await import("../../src");
    const user = userEvent.setup();
    const { client, script } = await world(
      "@alice:example.org",
      noticesRoom("@alice:example.org", { pinned: [] }),
    );
    const limit = {
      status: 403,
      errcode: "M_RESOURCE_LIMIT_EXCEEDED",
      data: { limit_type: "monthly_active_user" },
    };
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    script.fail({ method: "PUT", path: /\/send\// }, limit);
    await act(async () => {
      await client.sendTextMessage(NOTICES_ROOM, "one").catch(() => undefined);
    });
    await user.click(await screen.findByRole("button", { name: "Dismiss notice" }));
    expect(screen.queryByRole("alert")).not.toBeInTheDocument();
    await act(async () => {
      await client.sendTextMessage(NOTICES_ROOM, "two");
    });
    vi.spyOn(Date, "now").mockReturnValue(Date.now() + 60_000);
    script.fail({ method: "PUT", path: /\/send\// }, limit);
    await act(async () => {
      await client.sendTextMessage(NOTICES_ROOM, "three").catch(() => undefined);
    });
    expect(await screen.findByRole("alert")).toHaveTextContent("monthly active user limit");
  });
});

/**
 * An app's logout: `forgetStoredUserData` removes what the kit kept on the device for that user (seen marks, the
 * editor's drafts, a storage seen store's marks), and nothing of another account's or of the app's own.
 */
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  createStorageDismissStore,
  createStorageSeenStore,
  DEVICE_SEEN_MARKS_PREFIX,
  DISMISSED_NOTICES_KEY,
  forgetStoredUserData,
  loadDraft,
  saveDraft,
  WELCOME_DRAFT_PREFIX,
  WelcomeDialog,
} from "../../src";
import { deviceSeenMarks } from "../../src/welcome/deviceSeenMarks";
import { welcomeEvent } from "../support/events";
import { welcomeRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ALICE = "@alice:example.org";
const ALICE_LOOKALIKE = "@alice:example.org.evil";
const BOB = "@bob:example.org";
const ROOM = "!lounge:example.org";

/** What a session of `user` leaves in localStorage: a device mark, a draft, a storage seen store's mark. */
function sessionOf(user: string, welcomeId: string) {
  deviceSeenMarks(() => localStorage, user).add(ROOM, welcomeId);
  saveDraft(ROOM, { format: "markdown", source: `Draft of ${user}` }, user);
  createStorageSeenStore(() => localStorage).markSeen(ROOM, welcomeId, user);
}

describe("forgetting a user's stored data at logout", () => {
  it("given Alice's and Bob's sessions on this device, when Alice logs out, her marks and drafts are gone and Bob's stay", () => {
    sessionOf(ALICE, "$welcome");
    sessionOf(BOB, "$welcome");
    localStorage.setItem("app:theme", "dark");

    expect(forgetStoredUserData(ALICE)).toBe(3);

    expect(loadDraft(ROOM, ALICE)).toBeNull();
    expect(deviceSeenMarks(() => localStorage, ALICE).entries()).toEqual([]);
    expect(createStorageSeenStore(() => localStorage).getSeen(ROOM, ALICE)).toEqual([]);
    expect(loadDraft(ROOM, BOB)?.source).toBe(`Draft of ${BOB}`);
    expect(deviceSeenMarks(() => localStorage, BOB).entries()).toHaveLength(1);
    expect(createStorageSeenStore(() => localStorage).getSeen(ROOM, BOB)).toEqual(["$welcome"]);
    expect(localStorage.getItem("app:theme")).toBe("dark");
  });

  it("given a user whose id starts with Alice's, forgetting Alice leaves that user's data", () => {
    sessionOf(ALICE_LOOKALIKE, "$welcome");
    expect(forgetStoredUserData(ALICE)).toBe(0);
    expect(loadDraft(ROOM, ALICE_LOOKALIKE)).not.toBeNull();
    expect(localStorage.getItem(DEVICE_SEEN_MARKS_PREFIX + ALICE_LOOKALIKE)).not.toBeNull();
  });

  it("given Alice saw the welcome with a storage seen store, after her logout and a new sign-in it shows again", async () => {
    const welcome = welcomeEvent("House rules");
    const { client } = await startWorld(ALICE, welcomeRoom(ALICE, ROOM, { welcome: [welcome] }));
    createStorageSeenStore(() => localStorage).markSeen(ROOM, welcome.event_id, ALICE);
    const seenBefore = render(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        options={{ seenStore: createStorageSeenStore(() => localStorage) }}
      />,
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole("dialog")).toBeNull();
    seenBefore.unmount();

    forgetStoredUserData(ALICE);

    render(
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        options={{ seenStore: createStorageSeenStore(() => localStorage) }}
      />,
    );
    expect(await screen.findByRole("dialog")).toHaveTextContent("House rules");
  });

  it("given a storage given as a function, or one that is missing or throws, it never throws", () => {
    sessionOf(ALICE, "$welcome");
    expect(forgetStoredUserData(ALICE, { storage: () => localStorage })).toBe(3);
    expect(forgetStoredUserData(ALICE, { storage: null })).toBe(0);
    expect(
      forgetStoredUserData(ALICE, {
        storage: () => {
          throw new DOMException("The operation is insecure.", "SecurityError");
        },
      }),
    ).toBe(0);
    const broken = {
      length: 1,
      key: () => {
        throw new Error("storage gone");
      },
      removeItem: () => {},
    };
    expect(forgetStoredUserData(ALICE, { storage: broken })).toBe(0);
  });

  it("given sessionStorage in place of the options, Alice's marks go from it and her localStorage stays", () => {
    sessionOf(ALICE, "$welcome");
    deviceSeenMarks(() => sessionStorage, ALICE).add(ROOM, "$welcome");
    createStorageSeenStore(() => sessionStorage).markSeen(ROOM, "$welcome", ALICE);

    expect(forgetStoredUserData(ALICE, sessionStorage)).toBe(2);

    expect(deviceSeenMarks(() => sessionStorage, ALICE).entries()).toEqual([]);
    expect(createStorageSeenStore(() => sessionStorage).getSeen(ROOM, ALICE)).toEqual([]);
    expect(loadDraft(ROOM, ALICE)?.source).toBe(`Draft of ${ALICE}`);
    expect(deviceSeenMarks(() => localStorage, ALICE).entries()).toHaveLength(1);
    sessionStorage.clear();
  });

  it("given an empty seen store prefix, the default prefix is used, not every key that starts with the user id", () => {
    sessionOf(ALICE, "$welcome");
    localStorage.setItem(`${ALICE} app-setting`, "kept");
    expect(forgetStoredUserData(ALICE, { seenPrefix: "" })).toBe(3);
    expect(localStorage.getItem(`${ALICE} app-setting`)).toBe("kept");
  });

  it("given an empty user id, nothing is removed (not every user's keys)", () => {
    sessionOf(ALICE, "$welcome");
    expect(forgetStoredUserData("")).toBe(0);
    expect(loadDraft(ROOM, ALICE)).not.toBeNull();
  });

  it("given a per-user dismiss store and a seen store with its own prefix, both are forgotten too", () => {
    const dismiss = createStorageDismissStore(() => localStorage, `${DISMISSED_NOTICES_KEY}:${ALICE}`);
    dismiss.dismiss("$notice");
    const bobs = createStorageDismissStore(() => localStorage, `${DISMISSED_NOTICES_KEY}:${BOB}`);
    bobs.dismiss("$notice");
    createStorageSeenStore(() => localStorage, "myapp:seen:").markSeen(ROOM, "$welcome", ALICE);

    expect(forgetStoredUserData(ALICE, { seenPrefix: "myapp:seen:" })).toBe(2);

    expect(
      createStorageDismissStore(() => localStorage, `${DISMISSED_NOTICES_KEY}:${ALICE}`).isDismissed(
        "$notice",
      ),
    ).toBe(false);
    expect(
      createStorageDismissStore(() => localStorage, `${DISMISSED_NOTICES_KEY}:${BOB}`).isDismissed("$notice"),
    ).toBe(true);
    expect(createStorageSeenStore(() => localStorage, "myapp:seen:").getSeen(ROOM, ALICE)).toEqual([]);
  });

  it("given a storage whose removal fails for one key, the others are still removed and only they are counted", () => {
    sessionOf(ALICE, "$welcome");
    const draftKey = [...Array(localStorage.length).keys()]
      .map((i) => localStorage.key(i)!)
      .find((k) => k.startsWith(WELCOME_DRAFT_PREFIX))!;
    const picky = {
      get length() {
        return localStorage.length;
      },
      key: (i: number) => localStorage.key(i),
      removeItem: (key: string) => {
        if (key === draftKey) throw new Error("locked");
        localStorage.removeItem(key);
      },
    };
    expect(forgetStoredUserData(ALICE, { storage: picky })).toBe(2);
    expect(loadDraft(ROOM, ALICE)).not.toBeNull();
    expect(localStorage.getItem(DEVICE_SEEN_MARKS_PREFIX + ALICE)).toBeNull();
  });
});

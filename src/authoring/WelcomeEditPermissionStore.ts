import {
  ClientEvent,
  type MatrixClient,
  type MatrixEvent,
  type Room,
  RoomEvent,
  RoomStateEvent,
} from "matrix-js-sdk";
import { JoinDoubt, weighJoinNow } from "../core/claimedJoins.js";
import { ExternalStore } from "../core/ExternalStore.js";
import { moveListeners } from "../core/moveListeners.js";
import { roomOf } from "../core/roomOf.js";
import { noteRedaction } from "../core/timelineRedactions.js";
import { onUnfiledRelations } from "../core/unfiledRelation.js";
import { watchPreviewWelcomes } from "../welcome/previewWelcomes.js";
import { hasStableWelcome, welcomeEventType, welcomeRemovePermission } from "./setWelcomeMessage.js";
import { type WelcomeEditPermission, welcomeEditPermission } from "./welcomeEditPermission.js";

/** Asks a {@link WelcomeEditPermissionStore} whether the user may remove the welcome (the type readers go by). */
export const WELCOME_REMOVAL: unique symbol = Symbol("welcome removal");

/** Keeps {@link WelcomeEditPermission} up to date on power-level, membership and welcome changes (redactions too). */
export class WelcomeEditPermissionStore extends ExternalStore<WelcomeEditPermission> {
  #room: Room | null = null;
  #stopUnfiled = () => {};
  #stopWatchingPreviews = () => {};
  /** Ends the wait for a join in doubt (see `#recompute`), while there is one. */
  readonly #doubt = new JoinDoubt();
  #snapshot: WelcomeEditPermission = { canEdit: false, reason: "unknown-room" };

  constructor(
    /** The app's client. */
    readonly client: MatrixClient,
    /** The room to check. */
    readonly roomId: string,
    /**
     * The welcome state event type to be sent (stable or unstable); null: the type `setWelcomeMessage` writes by
     * default (the stable one while a stable welcome event stands, not redacted); `WELCOME_REMOVAL`: whether the user
     * may remove it (live on its content too: state changes and redactions).
     */
    readonly eventType: string | null | typeof WELCOME_REMOVAL,
  ) {
    super();
  }

  /** The current permission (stable until something changes). */
  getSnapshot = (): WelcomeEditPermission => {
    if (!this.active) this.#recompute(false);
    return this.#snapshot;
  };

  protected start(): void {
    // An invite's state may claim the user joined: no join (see `previewWelcomes`). A join applied before this store
    // listened is weighed now: no sync is applying it, and a claim nobody heard cannot be heard any more.
    this.#stopWatchingPreviews = watchPreviewWelcomes(this.client);
    const room = roomOf(this.client, this.roomId);
    weighJoinNow(room);
    this.client.on(ClientEvent.Room, this.#onRoom);
    // A forgotten room: the permission says the room is unknown, and the dead Room is let go.
    this.client.on(ClientEvent.DeleteRoom, this.#onDeleteRoom);
    // With thread support the SDK files a redaction of a welcome known only as state in no timeline.
    this.#stopUnfiled = onUnfiledRelations(this.client, () => this.#room, this.#onTimeline);
    this.#recompute(true);
  }

  protected stop(): void {
    this.#doubt.stop();
    this.#stopWatchingPreviews();
    this.client.off(ClientEvent.Room, this.#onRoom);
    this.client.off(ClientEvent.DeleteRoom, this.#onDeleteRoom);
    this.#stopUnfiled();
    this.#bind(null);
  }

  readonly #onRoom = (room: Room) => {
    if (room.roomId === this.roomId) this.#recompute(true);
  };
  readonly #onDeleteRoom = (roomId: string) => {
    if (roomId === this.roomId) this.#recompute(true);
  };
  // On a state update (`Update` comes once per batch after the state and members' power levels are fully applied;
  // `Events` comes earlier, before member power levels are recalculated), a membership change, or a redaction (which
  // changes which type is written and which ones hold a welcome, with no state update: the SDK does not redact an event
  // it knew only from a sync's state section; noted here for every store of the room). Recomputing is cheap and
  // notifies only on change.
  readonly #onChange = () => this.#recompute(true);
  readonly #onTimeline = (event: MatrixEvent, room: Room | undefined) => {
    if (room && noteRedaction(room, event)) this.#recompute(true);
  };

  #bind(room: Room | null): void {
    if (room === this.#room) return;
    moveListeners(this.#room, room, [
      [RoomStateEvent.Update, this.#onChange],
      [RoomEvent.MyMembership, this.#onChange],
      [RoomEvent.Redaction, this.#onChange],
      [RoomEvent.Timeline, this.#onTimeline],
      [RoomEvent.LocalEchoUpdated, this.#onTimeline],
    ]);
    this.#room = room;
  }

  #recompute(emit: boolean): void {
    const room = roomOf(this.client, this.roomId);
    if (this.active) this.#bind(room);
    // A join that came in no timeline may be an invite's claim, which the sync applying it notes before its task ends
    // (see `previewWelcomes`): it is decided then, the last answer meanwhile.
    if (this.#doubt.holds(this.client, this.active ? room : null, () => this.active && this.#recompute(true)))
      return;
    let next: WelcomeEditPermission;
    try {
      const userId = this.client.getUserId() ?? "";
      next =
        this.eventType === WELCOME_REMOVAL
          ? welcomeRemovePermission(room, userId)
          : welcomeEditPermission(
              room,
              userId,
              this.eventType ?? welcomeEventType({ stable: hasStableWelcome(room) }),
            );
    } catch {
      next = { canEdit: false, reason: "unknown-room" };
    }
    const prev = this.#snapshot;
    if (
      prev.canEdit === next.canEdit &&
      prev.reason === next.reason &&
      prev.requiredLevel === next.requiredLevel &&
      prev.userLevel === next.userLevel
    )
      return;
    this.#snapshot = next;
    if (emit) this.notify();
  }
}

/**
 * Welcome events (and the room's name and alias, which title the dialog) an invite's or a knock's stripped state gave:
 * the inviting (or knocked-on) server wrote them, and any server can write anything there. That state may also hold a
 * join of the user's own after the real invite: the SDK then counts the user as joined (see
 * {@link myWelcomeMembership}) until the real join's sync replaces it. The noting lives in `core/claimedJoins` (the
 * notices room's store counts no claimed join either); the welcome side's names stay here.
 */
import type { MatrixClient } from "matrix-js-sdk";
import { watchClaimedJoins } from "../core/claimedJoins.js";

export {
  joinInDoubt,
  myCountedMembership as myWelcomeMembership,
  weighJoin,
  weighJoinSoon,
} from "../core/claimedJoins.js";
export { isPreviewState } from "../core/previewState.js";

/**
 * Notes what invites' and knocks' state gives (welcomes, names, members, a claimed join of the user's) while called:
 * every welcome hook does (the server notices hooks while a notices room's join is in doubt); call it before
 * `startClient` so that a reload's saved sync is heard too. Returns the release.
 * Those held now and those later syncs bring are noted (the SDK announces an invite's or a knock's state once it
 * applied it, with the user's membership set; the state a join brings is announced once the join is applied, so it is
 * never taken for one). Stores mounted only after the join know the preview as well as those mounted before.
 */
export function watchPreviewWelcomes(client: MatrixClient): () => void {
  return watchClaimedJoins(client);
}

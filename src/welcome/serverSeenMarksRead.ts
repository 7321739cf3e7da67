/**
 * Reads a room's seen marks from the server, once per client and room: Synapse syncs a room joined after the client's
 * first sync with only the account data changed since, so marks made before the user left it and came back (on
 * another device, say) never arrive by sync. Shared by every account-data seen store of a client.
 */
import { type MatrixClient, Method } from "matrix-js-sdk";
import { DEFAULT_RETRY_POLICY, isSoftLogout, type RetryPolicy, withTimeout } from "../core/backoff.js";
import { getOrCreate } from "../core/getOrCreate.js";
import { guardIdEncoding } from "../core/guardIdEncoding.js";
import { errcodeOf, httpStatusOf } from "../core/matrixErrorFields.js";
import { withDefaults } from "../core/withDefaults.js";

/**
 * A read: pending (`done` set), answered (`marks`), or failed at `failedAt` (read again after a minute); a pending
 * one a due welcome waited for too long is `waitedOut` (then `waitOver` settles), one out while sync was down `outage`.
 */
export interface MarksRead {
  marks?: readonly string[] | undefined;
  failedAt?: number | undefined;
  done?: Promise<void> | undefined;
  waitedOut?: boolean | undefined;
  waitOver?: Promise<void> | undefined;
  outage?: boolean | undefined;
  /** Made because sync came back (one that fails is not made again at the next recovery). */
  recovery?: boolean | undefined;
  /** Failed for a soft logout (made again once the user signs in again). */
  softLogout?: boolean | undefined;
}

/** How long after a failed read a due welcome shows without reading again. */
export const READ_AGAIN_AFTER_MS = 60_000;
/**
 * The longest a due welcome waits for a read (the default request timeout), also when the policy's timeout is longer
 * or none (0): the read goes on, and its answer still applies.
 */
export const MAX_READ_WAIT_MS = DEFAULT_RETRY_POLICY.requestTimeoutMs;
/** How many rooms' reads a client keeps (the oldest answered go first). */
const MAX_READS = 100;

const reads = new WeakMap<MatrixClient, Map<string, MarksRead>>();

/** The reads of `client`'s rooms. */
export const marksReadsOf = (client: MatrixClient) =>
  getOrCreate(reads, client, () => new Map<string, MarksRead>());

const watched = new WeakMap<MatrixClient, Set<string>>();

/** `client`'s rooms whose read a due welcome waited for, not answered yet (made again when sync comes back). */
export const watchedReadsOf = (client: MatrixClient) => getOrCreate(watched, client, () => new Set<string>());

/**
 * Starts reading `type` of `roomId` from the server (the caller checked none is pending): a 404 is "none there"; a
 * read cut short (the client stopped or logged out) is forgotten, to be made again; any other failure is kept for
 * `READ_AGAIN_AFTER_MS` and reported to `onError` (not a soft logout's). Still out after `MAX_READ_WAIT_MS` (a policy
 * without a timeout, or a longer one), it is `waitedOut`.
 */
export function readMarks(
  client: MatrixClient,
  roomId: string,
  type: string,
  parse: (content: unknown) => readonly string[],
  policy: RetryPolicy | undefined,
  onError: (error: unknown) => void,
): MarksRead {
  const map = marksReadsOf(client);
  for (const [id, read] of map) {
    if (map.size < MAX_READS) break;
    if (!read.done) map.delete(id);
  }
  const read: MarksRead = {};
  map.set(roomId, read);
  const userId = client.getUserId() ?? "";
  const path = () =>
    `/user/${encodeURIComponent(userId)}/rooms/${encodeURIComponent(roomId)}/account_data/${encodeURIComponent(type)}`;
  read.done = withTimeout(
    guardIdEncoding(() => client.http.authedRequest<unknown>(Method.Get, path())),
    policy,
  ).then(
    (content) => {
      read.marks = parse(content);
    },
    (error: unknown) => {
      if (httpStatusOf(error) === 404 || errcodeOf(error) === "M_NOT_FOUND") read.marks = [];
      else if (!client.clientRunning || (error as Error | null)?.name === "AbortError") {
        if (map.get(roomId) === read) map.delete(roomId);
      } else {
        // Held like any failure (read again a minute later: asked again at once, a soft logout's 401 would come back
        // at once, again and again), but not reported: the user signs in again.
        read.failedAt = Date.now();
        read.softLogout = isSoftLogout(error);
        if (!read.softLogout) onError(error);
      }
    },
  );
  const timeout = withDefaults(DEFAULT_RETRY_POLICY, policy).requestTimeoutMs;
  if (!(timeout > 0 && timeout <= MAX_READ_WAIT_MS)) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    read.waitOver = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        read.waitedOut = true;
        resolve();
      }, MAX_READ_WAIT_MS);
    });
    // Settled before: the wait ends with the read (`waitOver` never settles).
    void read.done.finally(() => clearTimeout(timer));
  }
  void read.done.finally(() => {
    read.done = undefined;
  });
  return read;
}

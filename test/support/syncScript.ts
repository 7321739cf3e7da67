/**
 * The sync script: a `fetchFn` for matrix-js-sdk's `createClient` that answers what `startClient()` asks for and
 * serves `/sync` from a queue the test pushes to, so the SDK's real sync pipeline runs end to end without a server.
 * Every request is recorded; failures (HTTP errors with an errcode, network errors) can be scheduled on any route.
 */
import {
  ClientEvent,
  createClient,
  type ICreateClientOpts,
  type IStartClientOpts,
  type MatrixClient,
  SyncState,
} from "matrix-js-sdk";
import { trackClient } from "./clients";
import { type RawEvent, strippedState } from "./events";

/** One request the client made. */
export interface RecordedRequest {
  method: string;
  /** Path without the query string, percent-decoded. */
  path: string;
  query: URLSearchParams;
  body: unknown;
  /** When it was made (`performance.now()`): to check a wait without racing a sleep against it. */
  at: number;
  /** The request's abort signal (the client's own: stop, local timeout, a caller's cancel), if it had one. */
  signal?: AbortSignal | undefined;
  /** The request's headers (`Authorization` included). */
  headers: Headers;
}

/** A scheduled failure: an HTTP error with a Matrix error body, or a network failure (fetch rejects). */
export type Failure =
  | "network"
  | { status: number; errcode?: string; error?: string; data?: Record<string, unknown> };

/** Which requests a route or failure applies to. */
export interface RequestMatcher {
  method?: string;
  path: string | RegExp;
}

/** What a test returns from a route: a JSON body (status 200), a `Response`, or a failure. */
export type RouteResult = Response | Failure | { json: unknown; status?: number } | undefined;

/** A joined room in a sync batch. */
export interface JoinedRoomSpec {
  state?: RawEvent[];
  /**
   * MSC4222 (the SDK asks for it): the state at the end of the timeline, sent instead of `state`. The SDK applies it
   * before the timeline, whose state events then do not change the room's state.
   */
  stateAfter?: RawEvent[];
  timeline?: RawEvent[];
  accountData?: { type: string; content: Record<string, unknown> }[];
  limited?: boolean;
  prevBatch?: string;
}

/** A left room in a sync batch. */
export interface LeftRoomSpec {
  state?: RawEvent[];
  timeline?: RawEvent[];
  accountData?: { type: string; content: Record<string, unknown> }[];
}

/** One /sync response, described by rooms. */
export interface SyncBatch {
  join?: Record<string, JoinedRoomSpec>;
  /** Invites carry stripped state only (no tags, no pins), as on a real server. */
  invite?: Record<string, RawEvent[]>;
  /** Rooms the user knocked on, with their stripped state (`knock_state`). */
  knock?: Record<string, RawEvent[]>;
  /**
   * How invites' and knocks' state is served: stripped to `type`, `state_key`, `sender` and `content` as the spec
   * says and Synapse does (default), or `"whole"`, as a homeserver that passes on what the inviting server sent would
   * (event ids, timestamps and all, whatever that server made up).
   */
  strippedStateAs?: "stripped" | "whole";
  leave?: Record<string, LeftRoomSpec>;
  accountData?: { type: string; content: Record<string, unknown> }[];
}

/** Options for a sync script. */
export interface SyncScriptOptions {
  userId?: string;
  deviceId?: string;
  baseUrl?: string;
  accessToken?: string;
  /** Room account data PUTs come back in the next sync, as a homeserver does (default true). */
  echoAccountData?: boolean;
}

interface Waiter {
  resolve: (r: Response) => void;
  reject: (e: unknown) => void;
  since: string | null;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

const failureResponse = (f: Exclude<Failure, "network">) =>
  json(
    { errcode: f.errcode ?? "M_UNKNOWN", error: f.error ?? `Error ${f.status}`, ...(f.data ?? {}) },
    f.status,
  );

function matches(m: RequestMatcher, req: RecordedRequest): boolean {
  if (m.method && m.method.toUpperCase() !== req.method) return false;
  return typeof m.path === "string"
    ? req.path === m.path || req.path.endsWith(m.path)
    : m.path.test(req.path);
}

/** Converts a batch description into /sync JSON. */
export function toSyncResponse(batch: SyncBatch, nextBatch: string): Record<string, unknown> {
  const join: Record<string, unknown> = {};
  for (const [roomId, r] of Object.entries(batch.join ?? {})) {
    join[roomId] = {
      ...(r.stateAfter
        ? { "org.matrix.msc4222.state_after": { events: r.stateAfter } }
        : { state: { events: r.state ?? [] } }),
      timeline: {
        events: r.timeline ?? [],
        limited: r.limited ?? false,
        prev_batch: r.prevBatch ?? `p_${nextBatch}`,
      },
      account_data: { events: r.accountData ?? [] },
      ephemeral: { events: [] },
      unread_notifications: { highlight_count: 0, notification_count: 0 },
      summary: {},
    };
  }
  const stripped = (events: RawEvent[]) =>
    batch.strippedStateAs === "whole" ? events : events.map(strippedState);
  const invite: Record<string, unknown> = {};
  for (const [roomId, events] of Object.entries(batch.invite ?? {})) {
    invite[roomId] = { invite_state: { events: stripped(events) } };
  }
  const knock: Record<string, unknown> = {};
  for (const [roomId, events] of Object.entries(batch.knock ?? {})) {
    knock[roomId] = { knock_state: { events: stripped(events) } };
  }
  const leave: Record<string, unknown> = {};
  for (const [roomId, r] of Object.entries(batch.leave ?? {})) {
    leave[roomId] = {
      state: { events: r.state ?? [] },
      timeline: { events: r.timeline ?? [], limited: false, prev_batch: `p_${nextBatch}` },
      account_data: { events: r.accountData ?? [] },
    };
  }
  return {
    next_batch: nextBatch,
    rooms: { join, invite, leave, knock },
    account_data: { events: batch.accountData ?? [] },
    presence: { events: [] },
    to_device: { events: [] },
    device_lists: { changed: [], left: [] },
    device_one_time_keys_count: {},
  };
}

/** A scripted homeserver for one user. */
export class SyncScript {
  readonly userId: string;
  readonly deviceId: string;
  readonly baseUrl: string;
  readonly accessToken: string;
  /** Every request made through `fetchFn`, in order. */
  readonly requests: RecordedRequest[] = [];
  private readonly echoAccountData: boolean;
  private readonly queue: (Record<string, unknown> | Failure)[] = [];
  private readonly waiters: Waiter[] = [];
  private readonly events = new Map<string, RawEvent>();
  private readonly routes: {
    matcher: RequestMatcher;
    respond: (req: RecordedRequest) => RouteResult | Promise<RouteResult>;
  }[] = [];
  private readonly failures: { matcher: RequestMatcher; failure: Failure; times: number }[] = [];
  private sinceWaiters: { token: string; resolve: () => void }[] = [];
  private batchNo = 0;

  constructor(opts: SyncScriptOptions = {}) {
    this.userId = opts.userId ?? "@alice:example.org";
    this.deviceId = opts.deviceId ?? "DEVICE";
    this.baseUrl = opts.baseUrl ?? "https://matrix.example.org";
    this.accessToken = opts.accessToken ?? "syt_test_token";
    this.echoAccountData = opts.echoAccountData ?? true;
  }

  /** The `fetchFn` to hand to `createClient`. */
  readonly fetchFn: typeof fetch = async (input, init) => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    const method = (init?.method ?? "GET").toUpperCase();
    let body: unknown;
    if (typeof init?.body === "string") {
      try {
        body = JSON.parse(init.body);
      } catch {
        body = init.body;
      }
    }
    const req: RecordedRequest = {
      method,
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      body,
      at: performance.now(),
      signal: init?.signal ?? undefined,
      headers: new Headers(init?.headers),
    };
    this.requests.push(req);
    // As a real fetch: an abort rejects the request at once, whatever its route is still waiting for.
    return abortable(this.answer(req, init?.signal ?? undefined), init?.signal ?? undefined);
  };

  /** Creates a real MatrixClient talking to this script (stopped automatically after the test). */
  createClient(extra: Partial<ICreateClientOpts> = {}): MatrixClient {
    return trackClient(this.createUntrackedClient(extra));
  }

  /** The same, not tracked by the harness: only the caller's references keep it (memory and collection checks). */
  createUntrackedClient(extra: Partial<ICreateClientOpts> = {}): MatrixClient {
    return createClient({
      baseUrl: this.baseUrl,
      userId: this.userId,
      deviceId: this.deviceId,
      accessToken: this.accessToken,
      fetchFn: this.fetchFn,
      ...extra,
    });
  }

  /** Queues the initial sync, starts the client and resolves once the SDK reports `Prepared`. */
  async start(client: MatrixClient, initial: SyncBatch = {}, options: IStartClientOpts = {}): Promise<void> {
    this.queueBatch(initial);
    const prepared = waitForSyncState(client, SyncState.Prepared);
    // The options a real client starts with (threadSupport, lazyLoadMembers, ...) go to the SDK as given.
    await client.startClient({ initialSyncLimit: 50, ...options });
    await prepared;
  }

  /** Queues a batch without waiting. */
  queueBatch(batch: SyncBatch): string {
    this.batchNo += 1;
    const token = `s${this.batchNo}`;
    this.enqueue(toSyncResponse(batch, token));
    return token;
  }

  /** Serves a batch on the held /sync and resolves once the SDK has processed it (it asks for the next one). */
  async push(batch: SyncBatch): Promise<void> {
    const token = this.queueBatch(batch);
    await this.nextSyncSince(token);
  }

  /** Answers the next /sync with a failure (e.g. `M_RESOURCE_LIMIT_EXCEEDED`). */
  pushSyncFailure(failure: Failure): void {
    this.enqueue(failure);
  }

  /** Makes `/rooms/{roomId}/event/{eventId}` return this event (404 otherwise). */
  serveEvent(roomId: string, event: RawEvent): void {
    this.events.set(`${roomId}|${event.event_id}`, { ...event, room_id: roomId });
  }

  /** Forgets a served event (the endpoint then answers 404). */
  forgetEvent(roomId: string, eventId: string): void {
    this.events.delete(`${roomId}|${eventId}`);
  }

  /** Fails the next `times` requests that match. */
  fail(matcher: RequestMatcher, failure: Failure, times = 1): void {
    this.failures.push({ matcher, failure, times });
  }

  /** Answers matching requests with a custom responder (checked before the built-in routes). */
  route(
    matcher: RequestMatcher,
    respond: (req: RecordedRequest) => RouteResult | Promise<RouteResult>,
  ): void {
    this.routes.unshift({ matcher, respond });
  }

  /**
   * Holds matching requests until the returned `release` is called, then answers them with what `respond` gave when
   * each request came in (what the server "read" before a later change, say).
   */
  hold(matcher: RequestMatcher, respond: (req: RecordedRequest) => RouteResult): () => void {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.route(matcher, async (req) => {
      const answer = respond(req);
      await gate;
      return answer;
    });
    return release;
  }

  /** Recorded requests whose path matches. */
  requestsTo(path: string | RegExp, method?: string): RecordedRequest[] {
    return this.requests.filter((r) => matches({ path, ...(method ? { method } : {}) }, r));
  }

  /** Resolves when the client asks for /sync with `since` = token (i.e. it has processed that batch). */
  nextSyncSince(token: string): Promise<void> {
    if (this.requests.some((r) => r.path.endsWith("/sync") && r.query.get("since") === token))
      return Promise.resolve();
    return new Promise((resolve) => this.sinceWaiters.push({ token, resolve }));
  }

  private enqueue(item: Record<string, unknown> | Failure): void {
    const waiter = this.waiters.shift();
    if (waiter) this.settle(waiter, item);
    else this.queue.push(item);
  }

  private settle(w: Waiter, item: Record<string, unknown> | Failure): void {
    if (item === "network") w.reject(new TypeError("Failed to fetch (scripted network failure)"));
    else if ("next_batch" in item) w.resolve(json(item));
    else w.resolve(failureResponse(item as Exclude<Failure, "network">));
  }

  private async answer(req: RecordedRequest, signal: AbortSignal | undefined): Promise<Response> {
    const failure = this.failures.find((f) => f.times > 0 && matches(f.matcher, req));
    if (failure) {
      failure.times -= 1;
      if (failure.failure === "network") throw new TypeError("Failed to fetch (scripted network failure)");
      return failureResponse(failure.failure);
    }
    for (const route of this.routes) {
      if (!matches(route.matcher, req)) continue;
      const result = await route.respond(req);
      if (result === undefined) continue;
      if (result instanceof Response) return result;
      if (result === "network") throw new TypeError("Failed to fetch (scripted network failure)");
      if ("json" in result) return json(result.json, result.status ?? 200);
      return failureResponse(result);
    }
    return this.builtIn(req, signal);
  }

  private builtIn(req: RecordedRequest, signal: AbortSignal | undefined): Promise<Response> | Response {
    const p = req.path;
    const userId = this.userId;
    if (p === "/_matrix/client/versions")
      return json({ versions: ["v1.1", "v1.5", "v1.11", "v1.12", "v1.13"], unstable_features: {} });
    if (p.endsWith("/pushrules/") || p.endsWith("/pushrules"))
      return json({ global: { override: [], content: [], room: [], sender: [], underride: [] } });
    if (p.endsWith("/capabilities")) return json({ capabilities: {} });
    if (/\/user\/[^/]+\/filter$/.test(p) && req.method === "POST") return json({ filter_id: "filter1" });
    if (/\/user\/[^/]+\/filter\/[^/]+$/.test(p)) return json({});
    if (p.endsWith("/sync")) return this.serveSync(req, signal);
    let m = /\/rooms\/([^/]+)\/event\/([^/]+)$/.exec(p);
    if (m) {
      const ev = this.events.get(`${m[1]}|${m[2]}`);
      return ev
        ? json(ev)
        : failureResponse({ status: 404, errcode: "M_NOT_FOUND", error: "Event not found." });
    }
    m = /\/user\/([^/]+)\/rooms\/([^/]+)\/account_data\/([^/]+)$/.exec(p);
    if (m && req.method === "PUT") {
      if (this.echoAccountData) {
        const content = (req.body ?? {}) as Record<string, unknown>;
        this.queueBatch({ join: { [m[2]!]: { accountData: [{ type: m[3]!, content }] } } });
      }
      return json({});
    }
    m = /\/user\/([^/]+)\/account_data\/([^/]+)$/.exec(p);
    if (m && req.method === "PUT") {
      if (this.echoAccountData)
        this.queueBatch({
          accountData: [{ type: m[2]!, content: (req.body ?? {}) as Record<string, unknown> }],
        });
      return json({});
    }
    m = /\/(?:join|rooms)\/([^/]+)(?:\/join)?$/.exec(p);
    if (m && req.method === "POST" && (p.includes("/join/") || p.endsWith("/join")))
      return json({ room_id: m[1] });
    m = /\/rooms\/([^/]+)\/leave$/.exec(p);
    if (m && req.method === "POST") return json({});
    m = /\/rooms\/([^/]+)\/state\/([^/]+)(?:\/(.*))?$/.exec(p);
    if (m && req.method === "PUT") return json({ event_id: `$state_${this.requests.length}:example.org` });
    m = /\/rooms\/([^/]+)\/redact\/([^/]+)\/([^/]+)$/.exec(p);
    if (m && req.method === "PUT")
      return json({ event_id: `$redaction_${this.requests.length}:example.org` });
    m = /\/rooms\/([^/]+)\/send\/([^/]+)\/([^/]+)$/.exec(p);
    if (m && req.method === "PUT") return json({ event_id: `$sent_${this.requests.length}:example.org` });
    if (p.includes("/presence/")) return json({});
    void userId;
    return failureResponse({ status: 404, errcode: "M_UNRECOGNIZED", error: "Unrecognized request" });
  }

  private serveSync(req: RecordedRequest, signal: AbortSignal | undefined): Promise<Response> {
    const since = req.query.get("since");
    const done = this.sinceWaiters.filter((w) => w.token === since);
    this.sinceWaiters = this.sinceWaiters.filter((w) => w.token !== since);
    for (const w of done) w.resolve();
    const item = this.queue.shift();
    return new Promise<Response>((resolve, reject) => {
      const w: Waiter = { resolve, reject, since };
      if (item) return this.settle(w, item);
      this.waiters.push(w);
      signal?.addEventListener(
        "abort",
        () => {
          const i = this.waiters.indexOf(w);
          if (i >= 0) this.waiters.splice(i, 1);
          reject(signal.reason ?? new DOMException("Aborted", "AbortError"));
        },
        { once: true },
      );
    });
  }
}

/** Resolves when the client's sync state becomes `state`. */
export function waitForSyncState(client: MatrixClient, state: SyncState): Promise<void> {
  if (client.getSyncState() === state) return Promise.resolve();
  return new Promise((resolve) => {
    const on = (s: SyncState) => {
      if (s !== state) return;
      client.off(ClientEvent.Sync, on);
      resolve();
    };
    client.on(ClientEvent.Sync, on);
  });
}

/** A response that rejects with the signal's reason (an `AbortError` by default) as soon as the signal aborts. */
function abortable(response: Promise<Response>, signal: AbortSignal | undefined): Promise<Response> {
  if (!signal) return response;
  return new Promise((resolve, reject) => {
    const abort = () => reject(signal.reason ?? new DOMException("Aborted", "AbortError"));
    if (signal.aborted) return abort();
    signal.addEventListener("abort", abort, { once: true });
    response.then(resolve, reject).finally(() => signal.removeEventListener("abort", abort));
  });
}

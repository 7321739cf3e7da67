// Types of synapse.mjs for the TypeScript tests (test/e2e).

export declare const SYNAPSE_VERSION: string;
export declare const ROOT: string;
export declare const VENV_DIR: string;
export declare const VENV_PYTHON: string;

/** Makes sure `.venv-synapse/` holds matrix-synapse at SYNAPSE_VERSION (reused when it does); returns its python. */
export declare function ensureSynapse(): string;
/** A TCP port that was free a moment ago on 127.0.0.1. */
export declare function freePort(): Promise<number>;
/** The homeserver.yaml content (JSON) for a test server. */
export declare function homeserverConfig(args: {
  dir: string;
  port: number;
  sharedSecret: string;
  overrides?: Record<string, unknown>;
  macaroonSecretKey?: string;
  formSecret?: string;
}): Record<string, unknown>;
/** A Synapse signing key file's content. */
export declare function signingKey(): string;

/** A non-2xx answer from the homeserver, with its parsed JSON body. */
export declare class MatrixHttpError extends Error {
  readonly status: number;
  readonly body: { errcode?: string; error?: string; [key: string]: unknown };
  readonly errcode: string | undefined;
}

/** A session of a registered or logged-in user. */
export interface Session {
  userId: string;
  accessToken: string;
  deviceId: string;
}

/** A registered user: its first session plus the password it was registered with. */
export interface RegisteredUser extends Session {
  password: string;
}

export interface RegisterOptions {
  admin?: boolean;
  password?: string;
  displayName?: string;
}

/** A running Synapse. */
export interface SynapseServer {
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** Always `localhost`. */
  serverName: string;
  /** Its temp dir (config, SQLite database, log, media). */
  dir: string;
  logFile: string;
  configPath: string;
  readonly pid: number | undefined;
  /** How long it took from spawn to GET /health == 200, in ms. */
  startupMs: number;
  /** SIGTERM, SIGKILL after 10 s, then removes the temp dir (kept with SYNAPSE_KEEP_DIR=1). */
  stop(): Promise<void>;
  /**
   * Stops and starts the same server (database, port, secrets kept): Synapse's in-memory caches start empty.
   * `configChanges` are merged into the config overrides first.
   */
  restart(configChanges?: Record<string, unknown>): Promise<void>;
  /** Registers a user through the shared-secret admin API. */
  registerUser(localpart: string, options?: RegisterOptions): Promise<RegisteredUser>;
  /** Logs in with a password: a new device. */
  login(userId: string, password: string, deviceDisplayName?: string): Promise<Session>;
  /** A JSON request; rejects with MatrixHttpError on a non-2xx answer. */
  request<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<T>;
  /** The same, named for admin API calls. */
  adminRequest<T = Record<string, unknown>>(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<T>;
  /** The last lines of Synapse's log. */
  logTail(lines?: number): string;
}

/**
 * Starts a fresh Synapse (SQLite, temp dir, free port on 127.0.0.1) with the test defaults plus `overrides`
 * (top-level homeserver.yaml keys); resolves when GET /health answers 200.
 */
export declare function startSynapse(
  overrides?: Record<string, unknown>,
  options?: { timeoutMs?: number },
): Promise<SynapseServer>;

// A real Synapse homeserver for the end-to-end tier, from PyPI, in a project-local venv (`.venv-synapse/`).
// Module: `ensureSynapse()`, `startSynapse(overrides)`. CLI: `node scripts/synapse/synapse.mjs install|start|stop`.
// No npm dependencies; binds to 127.0.0.1 only; needs no network once installed (no key servers, no federation).
import { spawn, spawnSync } from "node:child_process";
import { createHmac, generateKeyPairSync, randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The exact Synapse release the tier runs against (newest 1.16x on PyPI when pinned). */
export const SYNAPSE_VERSION = "1.163.2";
export const ROOT = resolve(import.meta.dirname, "..", "..");
export const VENV_DIR = process.env.SYNAPSE_VENV ?? join(ROOT, ".venv-synapse");
const isWindows = process.platform === "win32";
export const VENV_PYTHON = join(VENV_DIR, isWindows ? "Scripts" : "bin", isWindows ? "python.exe" : "python");
const STATE_FILE = join(VENV_DIR, "cli-server.json");

const log = (msg) => console.log(`[synapse] ${msg}`);

/** Servers started by this process; killed when it exits however it exits (a crashed test worker leaves none). */
const liveChildren = new Set();
process.once("exit", () => {
  for (const child of liveChildren) {
    try {
      child.kill("SIGKILL");
    } catch {
      // already gone
    }
  }
});

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: "utf8", ...opts });
  return {
    ok: r.status === 0 && !r.error,
    status: r.status,
    stdout: r.stdout ?? "",
    stderr: r.stderr ?? "",
    error: r.error,
  };
}

function installedVersion() {
  if (!existsSync(VENV_PYTHON)) return null;
  const r = run(VENV_PYTHON, ["-c", "import importlib.metadata as m; print(m.version('matrix-synapse'))"]);
  return r.ok ? r.stdout.trim() : null;
}

function findSystemPython() {
  for (const candidate of [process.env.PYTHON, "python3", "python"].filter(Boolean)) {
    const r = run(candidate, ["-c", "import sys; print('%d.%d' % sys.version_info[:2])"]);
    if (r.ok) {
      const [major, minor] = r.stdout.trim().split(".").map(Number);
      if (major === 3 && minor >= 10) return candidate;
    }
  }
  throw new Error(
    "Synapse needs Python >= 3.10 (python3 not found or too old). On Debian/Ubuntu: apt-get install -y python3 python3-venv",
  );
}

/**
 * Makes sure `.venv-synapse/` holds matrix-synapse at SYNAPSE_VERSION; reuses it when it does. Returns the venv's python.
 */
export function ensureSynapse() {
  const have = installedVersion();
  if (have === SYNAPSE_VERSION) return VENV_PYTHON;
  const t0 = Date.now();
  if (have) log(`venv has matrix-synapse ${have}; installing ${SYNAPSE_VERSION}`);
  if (!existsSync(VENV_PYTHON)) {
    const python = findSystemPython();
    const ensurepip = run(python, ["-c", "import ensurepip, venv"]);
    if (!ensurepip.ok) {
      throw new Error(
        `${python} has no ensurepip/venv module, so it cannot create ${VENV_DIR}. ` +
          "On Debian/Ubuntu install it with: apt-get install -y python3-venv",
      );
    }
    rmSync(VENV_DIR, { recursive: true, force: true });
    log(`creating ${VENV_DIR}`);
    const venv = run(python, ["-m", "venv", VENV_DIR]);
    if (!venv.ok) {
      throw new Error(
        `python3 -m venv failed (on Debian/Ubuntu: apt-get install -y python3-venv):\n${venv.stderr || venv.error}`,
      );
    }
  }
  log(`installing matrix-synapse==${SYNAPSE_VERSION} from PyPI (first run only)`);
  const pip = run(
    VENV_PYTHON,
    [
      "-m",
      "pip",
      "install",
      "--disable-pip-version-check",
      "--no-input",
      "-q",
      `matrix-synapse==${SYNAPSE_VERSION}`,
    ],
    { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, PIP_NO_INPUT: "1" } },
  );
  if (!pip.ok) {
    throw new Error(
      `pip install matrix-synapse==${SYNAPSE_VERSION} failed (exit ${pip.status}). PyPI must be reachable; ` +
        `if ${VENV_DIR} is broken, delete it and run again.`,
    );
  }
  if (installedVersion() !== SYNAPSE_VERSION) throw new Error("matrix-synapse did not install into the venv");
  log(`matrix-synapse ${SYNAPSE_VERSION} installed in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return VENV_PYTHON;
}

/** A TCP port that was free a moment ago on 127.0.0.1 (listen on port 0, read it, close). */
export function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const HUGE_RATE = { per_second: 100000, burst_count: 100000 };
const RATE_LIMITS = {
  rc_message: HUGE_RATE,
  rc_registration: HUGE_RATE,
  rc_registration_token_validity: HUGE_RATE,
  rc_login: { address: HUGE_RATE, account: HUGE_RATE, failed_attempts: HUGE_RATE },
  rc_admin_redaction: HUGE_RATE,
  rc_joins: { local: HUGE_RATE, remote: HUGE_RATE },
  rc_joins_per_room: HUGE_RATE,
  rc_3pid_validation: HUGE_RATE,
  rc_invites: { per_room: HUGE_RATE, per_user: HUGE_RATE, per_issuer: HUGE_RATE },
  rc_third_party_invite: HUGE_RATE,
  rc_media_create: HUGE_RATE,
  rc_federation: {
    window_size: 1000,
    sleep_limit: 100000,
    sleep_delay: 0,
    reject_limit: 100000,
    concurrent: 100000,
  },
  rc_presence: { per_user: HUGE_RATE },
  rc_delayed_event_mgmt: HUGE_RATE,
  rc_reports: HUGE_RATE,
  rc_room_creation: HUGE_RATE,
};

/** The homeserver.yaml (as JSON, which is YAML) for a test server. */
export function homeserverConfig({
  dir,
  port,
  sharedSecret,
  overrides = {},
  macaroonSecretKey = randomBytes(24).toString("hex"),
  formSecret = randomBytes(24).toString("hex"),
}) {
  return {
    server_name: "localhost",
    public_baseurl: `http://127.0.0.1:${port}/`,
    listeners: [
      {
        port,
        bind_addresses: ["127.0.0.1"],
        type: "http",
        tls: false,
        x_forwarded: false,
        resources: [{ names: ["client"], compress: false }],
      },
    ],
    database: { name: "sqlite3", args: { database: join(dir, "homeserver.db") } },
    log_config: join(dir, "log.config"),
    media_store_path: join(dir, "media_store"),
    signing_key_path: join(dir, "localhost.signing.key"),
    registration_shared_secret: sharedSecret,
    enable_registration: false,
    bcrypt_rounds: 4, // fast password hashing: tests register and log in many users
    report_stats: false,
    suppress_key_server_warning: true,
    trusted_key_servers: [],
    federation_domain_whitelist: [],
    presence: { enabled: false },
    url_preview_enabled: false,
    enable_metrics: false,
    macaroon_secret_key: macaroonSecretKey,
    form_secret: formSecret,
    server_notices: {
      system_mxid_localpart: "notices",
      system_mxid_display_name: "Server Notices",
      room_name: "Server Notices",
      auto_join: false,
    },
    ...RATE_LIMITS,
    ...overrides,
  };
}

/** A Synapse signing key file: `ed25519 <version> <unpadded base64 of the 32-byte seed>`. */
export function signingKey() {
  const { privateKey } = generateKeyPairSync("ed25519");
  const seed = privateKey.export({ format: "der", type: "pkcs8" }).subarray(-32);
  const version = `a_${randomBytes(3).toString("hex").slice(0, 4)}`;
  return `ed25519 ${version} ${seed.toString("base64").replace(/=+$/, "")}\n`;
}

function logConfig(logFile) {
  return [
    "version: 1",
    "formatters:",
    "  precise:",
    "    format: '%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - %(request)s - %(message)s'",
    "handlers:",
    "  file:",
    "    class: logging.FileHandler",
    "    formatter: precise",
    `    filename: ${JSON.stringify(logFile)}`,
    "    encoding: utf8",
    "loggers:",
    "  synapse.storage.SQL:",
    "    level: WARNING",
    "root:",
    "  level: INFO",
    "  handlers: [file]",
    "disable_existing_loggers: false",
    "",
  ].join("\n");
}

function tail(file, lines = 40) {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log file)";
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForHealth(baseUrl, child, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      return `Synapse exited early (code ${child.exitCode}, signal ${child.signalCode})`;
    }
    try {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.status === 200) return null;
    } catch {
      // not listening yet
    }
    await sleep(150);
  }
  return `Synapse did not answer GET /health with 200 within ${timeoutMs / 1000} s`;
}

/** A Matrix HTTP error with the parsed body (`errcode`, `error`, ...) and the HTTP status. */
export class MatrixHttpError extends Error {
  constructor(method, path, status, body) {
    super(`${method} ${path} -> ${status} ${JSON.stringify(body)}`);
    this.status = status;
    this.body = body;
    this.errcode = body?.errcode;
  }
}

/**
 * Starts a fresh Synapse in a temp dir with the test defaults plus `overrides` (top-level homeserver.yaml keys).
 * Resolves once GET /health answers 200; throws with the tail of Synapse's log otherwise.
 */
export async function startSynapse(overrides = {}, { timeoutMs = 60_000 } = {}) {
  const python = ensureSynapse();
  const dir = mkdtempSync(join(tmpdir(), "mnk-synapse-"));
  const port = await freePort();
  const sharedSecret = randomBytes(24).toString("hex");
  const configPath = join(dir, "homeserver.yaml");
  const logFile = join(dir, "homeserver.log");
  writeFileSync(join(dir, "log.config"), logConfig(logFile));
  overrides = { ...overrides };
  const secrets = {
    macaroonSecretKey: randomBytes(24).toString("hex"),
    formSecret: randomBytes(24).toString("hex"),
  };
  const writeConfig = () => {
    const config = homeserverConfig({ dir, port, sharedSecret, overrides, ...secrets });
    writeFileSync(configPath, `${JSON.stringify(config, null, 2)}\n`);
  };
  writeConfig();
  const env = { ...process.env, PYTHONDONTWRITEBYTECODE: "1" };

  // The signing key in Synapse's format (what `--generate-keys` writes), made here: saves a 5 s Python start.
  writeFileSync(join(dir, "localhost.signing.key"), signingKey());

  const baseUrl = `http://127.0.0.1:${port}`;
  let child = null;
  let stderr = "";
  let stopped = false;

  /** Spawns Synapse on the config and waits for /health; returns a failure message or null. */
  const launch = async () => {
    stderr = "";
    const proc = spawn(python, ["-m", "synapse.app.homeserver", "-c", configPath], {
      cwd: dir,
      env,
      stdio: ["ignore", "ignore", "pipe"],
    });
    child = proc;
    liveChildren.add(proc);
    proc.once("exit", () => liveChildren.delete(proc));
    proc.stderr.on("data", (chunk) => {
      stderr = (stderr + chunk).slice(-8000);
    });
    return waitForHealth(baseUrl, proc, timeoutMs);
  };

  /** SIGTERM, then SIGKILL after 10 s; resolves when the process is gone. */
  const kill = async () => {
    const proc = child;
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once("exit", r));
    proc.kill("SIGTERM");
    const timedOut = await Promise.race([exited.then(() => false), sleep(10_000).then(() => true)]);
    if (timedOut) {
      proc.kill("SIGKILL");
      await exited;
    }
  };

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await kill();
    if (!process.env.SYNAPSE_KEEP_DIR) rmSync(dir, { recursive: true, force: true });
  };

  const startError = (failure) =>
    new Error(
      `${failure}\n--- last lines of ${logFile} ---\n${tail(logFile)}\n--- stderr ---\n` +
        `${stderr.trim().split("\n").slice(-15).join("\n")}\n(config overrides: ${JSON.stringify(overrides)}; ` +
        `${dir} is kept for inspection)`,
    );
  /** After a failed start: the process goes, the dir stays for inspection. */
  const abandon = async () => {
    stopped = true;
    await kill();
  };

  const t0 = Date.now();
  const failure = await launch();
  if (failure) {
    const error = startError(failure);
    await abandon();
    throw error;
  }
  const startupMs = Date.now() - t0;

  /**
   * Stops and starts the same server (same database, port and secrets): Synapse's in-memory caches start empty.
   * `configChanges` are merged into the overrides first (e.g. a different `max_mau_value`).
   */
  const restart = async (configChanges = {}) => {
    await kill();
    Object.assign(overrides, configChanges);
    writeConfig();
    const again = await launch();
    if (again) {
      const error = startError(again);
      await abandon();
      throw error;
    }
  };

  async function request(method, path, body, token) {
    const headers = { "content-type": "application/json" };
    if (token) headers.authorization = `Bearer ${token}`;
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json;
    try {
      json = text ? JSON.parse(text) : {};
    } catch {
      json = { raw: text };
    }
    if (!res.ok) throw new MatrixHttpError(method, path, res.status, json);
    return json;
  }

  /** Registers a user through the shared-secret admin API (nonce + HMAC-SHA1); resolves to its first session. */
  async function registerUser(
    localpart,
    { admin = false, password = `pw-${localpart}-${randomBytes(6).toString("hex")}`, displayName } = {},
  ) {
    const { nonce } = await request("GET", "/_synapse/admin/v1/register");
    const mac = createHmac("sha1", sharedSecret)
      .update(`${nonce}\0${localpart}\0${password}\0${admin ? "admin" : "notadmin"}`)
      .digest("hex");
    const res = await request("POST", "/_synapse/admin/v1/register", {
      nonce,
      username: localpart,
      password,
      admin,
      mac,
      ...(displayName ? { displayname: displayName } : {}),
    });
    return { userId: res.user_id, accessToken: res.access_token, deviceId: res.device_id, password };
  }

  /** Logs in again (a new device) with a password. */
  async function login(userId, password, deviceDisplayName) {
    const res = await request("POST", "/_matrix/client/v3/login", {
      type: "m.login.password",
      identifier: { type: "m.id.user", user: userId },
      password,
      ...(deviceDisplayName ? { initial_device_display_name: deviceDisplayName } : {}),
    });
    return { userId: res.user_id, accessToken: res.access_token, deviceId: res.device_id };
  }

  return {
    baseUrl,
    serverName: "localhost",
    dir,
    logFile,
    configPath,
    get pid() {
      return child?.pid;
    },
    startupMs,
    stop,
    restart,
    registerUser,
    login,
    request,
    /** An authenticated request (admin API or client-server API) with `token`. */
    adminRequest: (method, path, body, token) => request(method, path, body, token),
    logTail: (lines) => tail(logFile, lines),
  };
}

// ---- CLI ---------------------------------------------------------------------------------------------------------

async function cli(command) {
  if (command === "install") {
    const t0 = Date.now();
    ensureSynapse();
    log(
      `ready: matrix-synapse ${SYNAPSE_VERSION} in ${VENV_DIR} (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
    );
    return;
  }
  if (command === "start") {
    // Runs in the foreground until Ctrl-C / SIGTERM; `stop` from another shell also ends it.
    const server = await startSynapse();
    const admin = await server.registerUser("admin", { admin: true, password: "admin" });
    writeFileSync(STATE_FILE, JSON.stringify({ pid: process.pid, baseUrl: server.baseUrl, dir: server.dir }));
    log(
      `running at ${server.baseUrl} (started in ${(server.startupMs / 1000).toFixed(1)} s), dir ${server.dir}`,
    );
    log(`admin: ${admin.userId} / password "admin", access token ${admin.accessToken}`);
    log("Ctrl-C or `node scripts/synapse/synapse.mjs stop` to stop");
    const shutdown = async () => {
      await server.stop();
      rmSync(STATE_FILE, { force: true });
      process.exit(0);
    };
    process.on("SIGINT", shutdown);
    process.on("SIGTERM", shutdown);
    setInterval(() => {}, 1 << 30);
    return;
  }
  if (command === "stop") {
    if (!existsSync(STATE_FILE)) {
      log("no server started by `start` is running");
      return;
    }
    const { pid } = JSON.parse(readFileSync(STATE_FILE, "utf8"));
    try {
      process.kill(pid, "SIGTERM");
      log(`sent SIGTERM to ${pid}`);
    } catch {
      log(`process ${pid} is gone`);
      rmSync(STATE_FILE, { force: true });
    }
    return;
  }
  console.error("usage: node scripts/synapse/synapse.mjs install|start|stop");
  process.exit(2);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  cli(process.argv[2]).catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}

/**
 * Proves that seeded hostile JSON, through a real matrix-js-sdk client and the sync script, never breaks the welcome
 * message: <WelcomeDialog> (shown on its own rule, and held open) and useWelcomeMessage never throw, log nothing
 * (console.error/warn, uncaught errors), show no raw values ("[object Object]", "undefined", "NaN"), no
 * javascript:/data: URLs and no event handlers, and the hook holds only strings. The syncs bring hostile welcome
 * editions (both event types, every text and HTML representation), redactions, room names, aliases, power levels,
 * predecessors, member events and seen marks, after mount and in the initial sync; between syncs the user confirms,
 * closes and reveals spoilers.
 *
 * The default sizes (at the foot of the file) replay the seed that found a bug (seed 3: world 3001, step 11).
 * Environment overrides, to hunt or to replay: MNK_FUZZ_SEED (the base seed: worlds after mount are seed*1000+w,
 * fresh mounts seed*100000+500+c), MNK_FUZZ_WORLDS (worlds after mount), MNK_FUZZ_STEPS (syncs per world) and
 * MNK_FUZZ_FRESH (fresh mounts, each followed by one sync). A step that hangs fails through the test's timeout.
 */
import type { MatrixClient } from "matrix-js-sdk";
import type { UseWelcomeMessageResult } from "../../src";
import { createMemorySeenStore, useWelcomeMessage, WelcomeDialog } from "../../src";
import { createEvent, memberEvent, type RawEvent, stateEvent } from "../support/events";
import type { Gen, HostileWorld } from "../support/hostileJson";
import { hostileSyncTests, mountHostile, objOf, preview, scrub } from "../support/hostileJson";
import type { SyncBatch } from "../support/syncScript";

const ME = "@bob:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";
const STABLE = "m.room.welcome";
const UNSTABLE = "org.matrix.msc3857.welcome";
const SEEN = "io.github.matrix_notice_kit.welcome_seen";

/** Welcome HTML: what the sanitiser keeps, rewrites and drops, deep and huge markup. */
const HTML = [
  "<p>Be kind</p>",
  "<b>bold</b> and <i>it</i>",
  '<h1>Rules</h1><ol start="3"><li>one</li></ol>',
  '<ol start="x"><li>a</li></ol>',
  '<ol start="-0"><li>a</li></ol>',
  '<ol start="99999999999999999999999"><li>a</li></ol>',
  '<a href="https://example.org/rules">rules</a>',
  '<a href="javascript:alert(1)">js</a>',
  '<a href=" jAvAsCrIpT:alert(1)">js</a>',
  '<a href="data:text/html,x">d</a>',
  '<a href="mailto:a@example.org"></a>',
  '<a href="https://example.org"><img src="mxc://example.org/abc" alt=""></a>',
  '<img src="mxc://example.org/abc" alt="pic">',
  '<img src="mxc://example.org/abc">',
  '<img src="mxc://exa mple.org/abc" alt="bad">',
  '<img src="https://evil.example/x.png" alt="remote">',
  '<img src="data:image/png;base64,AAAA" alt="data">',
  '<span data-mx-spoiler="reason">secret</span>',
  '<span data-mx-spoiler="">secret</span>',
  '<span data-mx-spoiler="javascript:alert(1)">s</span>',
  '<span data-mx-spoiler="\u202e\uE000">s</span>',
  '<font color="#ff0000" data-mx-color="#00ff00" data-mx-bg-color="nope">red</font>',
  '<code class="language-js language-__proto__">x</code>',
  "<pre><code>\n\nx</code></pre>",
  "<details open><summary>s</summary>d</details>",
  "<table><tr><td>a</td></tr></table>",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "<svg onload=alert(1)><use href=javascript:alert(1)></svg>",
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<p>&nbsp;</p>",
  "<p>\u200b</p>",
  "<br>".repeat(5000),
  `${"<blockquote>".repeat(200)}deep`,
  `${"<ul><li>".repeat(300)}deep`,
  `${"<b><i>".repeat(500)}deep`,
  `${'<a href="https://a.b">'.repeat(50)}x`,
  `<p>${"word ".repeat(12000)}</p>`,
  '<div data-mx-maths="\\\\frac{1}{0}">maths</div>',
  "<hr><hr>",
  "<sup>1</sup><sub>2</sub><s>3</s><u>4</u><del>5</del>",
  "&lt;b&gt;escaped&lt;/b&gt;",
];

const MIMETYPES = [
  "text/html",
  "text/plain",
  "TEXT/HTML; charset=utf-8",
  "text/markdown",
  "text/plain;x=y",
  " text/html ",
];
const TEXT_ARRAYS = ["m.text", "org.matrix.msc1767.text", "m.message", "org.matrix.msc1767.message"];

/** One to four pieces of HTML or hostile strings, joined. */
function htmlString(g: Gen): string {
  const n = 1 + g.int(4);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(g.chance(0.7) ? g.pick(HTML) : g.string());
  return scrub(parts.join(""));
}

/** One entry of an extensible-events text array. */
function representation(g: Gen): unknown {
  if (g.chance(0.08)) return g.value();
  return g.record(
    {
      mimetype: () => (g.chance(0.8) ? g.pick(MIMETYPES) : g.value()),
      body: () => (g.chance(0.8) ? (g.chance(0.5) ? htmlString(g) : g.string()) : g.value()),
      "io.github.matrix_notice_kit.html_digest": () => g.value(),
    },
    0.1,
  );
}

/** The inside of a welcome: text arrays, plain m.text and m.html, both, or any value. */
function welcomeInner(g: Gen): unknown {
  const entries: [string, unknown][] = [];
  const k = g.int(5);
  if (k <= 1 || k === 3) {
    const nArrays = 1 + g.int(2);
    for (let i = 0; i < nArrays; i++) {
      const key = g.pick(TEXT_ARRAYS);
      entries.push([
        key,
        g.chance(0.9) ? Array.from({ length: g.int(5) }, () => representation(g)) : g.value(),
      ]);
    }
  }
  if (k >= 2 && k <= 3) {
    entries.push(["m.text", g.chance(0.7) ? g.string() : g.value()]);
    const key = g.pick(["m.html", "org.matrix.msc1767.html"]);
    entries.push([key, g.chance(0.7) ? htmlString(g) : g.value()]);
  }
  if (k === 4) return g.value();
  if (g.chance(0.2)) entries.push([g.key(), g.value(1)]);
  return objOf(entries);
}

/** Welcome content: bare, under both types, under the other type, behind "__proto__", or under its own type. */
function welcomeContent(g: Gen, type: string): Record<string, unknown> {
  const k = g.int(6);
  if (k === 0) return welcomeInner(g) as Record<string, unknown>;
  if (k === 1)
    return objOf([
      [STABLE, welcomeInner(g)],
      [UNSTABLE, welcomeInner(g)],
    ]);
  if (k === 2) return objOf([[type === STABLE ? UNSTABLE : STABLE, welcomeInner(g)]]);
  if (k === 3)
    return objOf([
      ["__proto__", welcomeInner(g)],
      [type, welcomeInner(g)],
    ]);
  return objOf([[type, welcomeInner(g)]]);
}

/** A welcome edition of either type, now and then with hostile content, sender, state key, time or unsigned data. */
function welcomeEvent(g: Gen): RawEvent {
  const type = g.chance(0.5) ? STABLE : UNSTABLE;
  const content = g.chance(0.95) ? welcomeContent(g, type) : (g.value() as Record<string, unknown>);
  const sender = g.chance(0.85) ? MOD : g.chance(0.5) ? ME : "@mallory:example.org";
  const eventId = g.eventId("w");
  const stateKey = g.chance(0.93) ? "" : g.string();
  const ts = (g.chance(0.95) ? Date.now() : g.number()) as number;
  const unsigned = g.chance(0.1)
    ? g.record({
        prev_sender: () => (g.chance(0.5) ? ME : g.value()),
        prev_content: () => g.value(),
        age: () => g.number(),
      })
    : undefined;
  return stateEvent(type, content, { sender, eventId, stateKey, ts, unsigned });
}

/** A hostile string now and then, else any hostile value. */
function stringish(g: Gen): unknown {
  return g.chance(0.5) ? g.string() : g.value();
}

/** Other events of the room: name, alias, my profile, a redaction, power levels, predecessor, the mod's profile. */
function otherEvent(g: Gen, known: string[]): RawEvent {
  const byMod = { sender: MOD };
  switch (g.int(7)) {
    case 0:
      return stateEvent("m.room.name", g.record({ name: () => stringish(g) }), byMod);
    case 1: {
      const alias = g.record({ alias: () => stringish(g), alt_aliases: () => g.value() });
      return stateEvent("m.room.canonical_alias", alias, byMod);
    }
    case 2: {
      // A profile change of mine: still joined.
      const profile = objOf([
        ["membership", "join"],
        ["displayname", g.value()],
        ["avatar_url", g.value()],
      ]);
      const unsigned = g.record({
        prev_content: () => (g.chance(0.5) ? { membership: "join" } : g.value()),
        replaces_state: () => g.value(),
        age: () => g.number(),
      });
      return stateEvent("m.room.member", profile, { stateKey: ME, sender: ME, unsigned });
    }
    case 3: {
      const redacts = g.chance(0.9) && known.length ? g.pick(known) : (g.value() as string);
      const id = g.eventId("r");
      return {
        type: "m.room.redaction",
        event_id: id,
        ...byMod,
        origin_server_ts: Date.now(),
        redacts,
        content: { redacts },
      };
    }
    case 4: {
      const levels = g.record({
        users: () => g.value(),
        state_default: () => g.number(),
        events: () => g.value(),
      });
      return stateEvent("m.room.power_levels", levels, byMod);
    }
    case 5: {
      const predecessor = g.record({
        predecessor_room_id: () => g.value(),
        last_known_event_id: () => g.value(),
      });
      return stateEvent("org.matrix.msc3946.room_predecessor", predecessor, byMod);
    }
    default: {
      const profile = g.record({ membership: () => "join", displayname: () => g.value() }, 0);
      return stateEvent("m.room.member", profile, { stateKey: MOD, ...byMod });
    }
  }
}

/** The initial sync: the room (created, named, joined by the moderator) with its first editions, then my join. */
function initialBatch(g: Gen, welcome: RawEvent[]): SyncBatch {
  const create = g.chance(0.9)
    ? createEvent({ creator: MOD })
    : stateEvent(
        "m.room.create",
        g.record({
          creator: () => MOD,
          room_version: () => g.value(),
          predecessor: () => g.value(),
          type: () => g.value(),
        }),
        { sender: MOD },
      );
  const modJoin = memberEvent(MOD, "join");
  const name = stateEvent(
    "m.room.name",
    { name: g.chance(0.6) ? "Rules Lounge" : g.value() },
    { sender: MOD },
  );
  const myJoin = memberEvent(ME, "join", { prevMembership: g.chance(0.8) ? "invite" : undefined });
  const seen = g.chance(0.2) ? [{ type: SEEN, content: g.record({ event_ids: () => g.value() }) }] : [];
  return {
    join: {
      [ROOM]: { state: [create, modJoin, name, ...welcome], timeline: [myJoin], accountData: seen },
    },
  };
}

/** One sync: up to two welcome editions or other events, a hostile seen mark now and then. */
function stepBatch(g: Gen, known: string[]): SyncBatch {
  const timeline: RawEvent[] = [];
  const n = g.int(3);
  for (let i = 0; i < n; i++) {
    const ev = g.chance(0.6) ? welcomeEvent(g) : otherEvent(g, known);
    known.push(ev.event_id);
    timeline.push(ev);
  }
  const accountData = g.chance(0.1)
    ? [
        {
          type: SEEN,
          content: g.record({ event_ids: () => (g.chance(0.5) ? [...known, g.value()] : g.value()) }),
        },
      ]
    : [];
  return { join: { [ROOM]: { timeline, accountData, ...(g.chance(0.05) ? { limited: true } : {}) } } };
}

/** The welcome hook, shown on every join and for new editions, as the checked dialog is. */
function useWelcome(client: MatrixClient): UseWelcomeMessageResult {
  return useWelcomeMessage(client, ROOM, { showOn: "every-join", showNewEditions: true });
}

/** Problems in what useWelcomeMessage holds: fields of the message or the room name that are not strings. */
function welcomeProblems(w: UseWelcomeMessageResult | undefined): string[] {
  if (!w) return ["hook never rendered"];
  const out: string[] = [];
  const msg = w.message;
  if (msg) {
    if (msg.html !== undefined && typeof msg.html !== "string")
      out.push(`html not a string ${preview(msg.html)}`);
    if (msg.text !== undefined && typeof msg.text !== "string")
      out.push(`text not a string ${preview(msg.text)}`);
    if (typeof msg.eventId !== "string" || typeof msg.sender !== "string")
      out.push(`odd message ids ${preview(msg)}`);
  }
  if (w.roomName !== null && typeof w.roomName !== "string")
    out.push(`roomName not a string ${preview(w.roomName)}`);
  return out;
}

/** A room with hostile initial welcome editions, watched by the hook and two dialogs (one on its rule, one open). */
async function openWelcomeWorld(g: Gen): Promise<HostileWorld> {
  const initialWelcome = Array.from({ length: g.int(3) }, () => welcomeEvent(g));
  const known = initialWelcome.map((e) => e.event_id);
  const seenStore = createMemorySeenStore();
  const { script, latest } = await mountHostile(ME, initialBatch(g, initialWelcome), useWelcome, (client) => (
    <>
      <WelcomeDialog
        client={client}
        roomId={ROOM}
        options={{ seenStore, showNewEditions: true }}
        resolveMedia={async (u) => (g.chance(0.5) ? u : null)}
      />
      <WelcomeDialog client={client} roomId={ROOM} open={true} />
    </>
  ));
  return {
    script,
    nextSync: () => stepBatch(g, known),
    clickable: '[data-part="confirm"], [data-part="close"], span[data-mx-spoiler]',
    check: () => welcomeProblems(latest()),
  };
}

hostileSyncTests("the welcome dialog", { seed: 3, worlds: 3, steps: 40, fresh: 30 }, openWelcomeWorld);

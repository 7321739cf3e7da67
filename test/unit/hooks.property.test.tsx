/**
 * Property tests for the hooks and components on hostile server content: whatever a homeserver (or a room moderator)
 * puts in the notices room's `m.room.pinned_events`, in a pinned event, or in a room's `m.room.welcome` state,
 * `useServerNotices` / `useWelcomeMessage` and `<NoticeBanner>` / `<WelcomeDialog>` render without throwing, and
 * the DOM they produce holds no script, no inline event handler and no `javascript:` (or `data:`/`vbscript:`) URL.
 * Worlds are offline (real SDK Rooms, no sync) to stay fast; one property goes through the real sync pipeline.
 */
import { cleanup, render, renderHook, screen } from "@testing-library/react";
import fc from "fast-check";
import type { MatrixClient } from "matrix-js-sdk";
import { afterEach, describe, expect, it } from "vitest";
import {
  createMemoryDismissStore,
  createMemorySeenStore,
  isSafeLinkUrl,
  isUsageLimitNotice,
  NoticeBanner,
  useServerNotices,
  useWelcomeMessage,
  WelcomeDialog,
} from "../../src";
import { stopAllTestClients } from "../support/clients";
import {
  createEvent,
  memberEvent,
  messageEvent,
  nameEvent,
  type RawEvent,
  serverNoticeEvent,
  stateEvent,
  usageLimitNoticeEvent,
} from "../support/events";
import { offlineClient, offlineRoom } from "../support/offline";
import { NOTICES_ROOM, NOTICES_USER } from "../support/scenarios";
import { SyncScript } from "../support/syncScript";

const ME = "@alice:example.org";
const MOD = "@mod:example.org";
const ROOM = "!lounge:example.org";
/** Runs per property (kept modest for the unit tier; raise with MNK_PROPERTY_RUNS for a longer hunt). */
const RUNS = Number(process.env.MNK_PROPERTY_RUNS) || 40;
/** Per-test timeout, growing with the runs. */
const TIMEOUT = Math.max(10_000, RUNS * 60);

afterEach(async () => {
  cleanup();
  await stopAllTestClients();
});

// ---------------------------------------------------------------------------------------------------------------
// Safety checks on rendered DOM
// ---------------------------------------------------------------------------------------------------------------

/** Elements that must never come out of server content. */
const FORBIDDEN_ELEMENTS =
  "script, iframe, frame, frameset, object, embed, applet, base, meta, link, style, form, input, textarea";
/** Attributes whose value is loaded or navigated to. */
const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "srcset",
  "action",
  "formaction",
  "xlink:href",
  "data",
  "poster",
  "background",
  "cite",
  "data-mnk-src",
]);
const DANGEROUS_SCHEMES = new Set(["javascript:", "vbscript:", "data:"]);

/** The scheme a browser would see for this attribute value (relative URLs resolve to https). */
function schemeOf(value: string): string | null {
  try {
    return new URL(value, "https://base.example/").protocol;
  } catch {
    return null;
  }
}

/** Every problem found in a DOM subtree; [] when it is safe. */
function unsafeParts(root: ParentNode): string[] {
  const problems: string[] = [];
  for (const el of Array.from(root.querySelectorAll(FORBIDDEN_ELEMENTS)))
    problems.push(`forbidden element <${el.localName}>`);
  for (const el of Array.from(root.querySelectorAll("*"))) {
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith("on")) problems.push(`<${el.localName} ${attr.name}="${attr.value}">`);
      if (URL_ATTRIBUTES.has(name)) {
        const scheme = schemeOf(attr.value);
        const raw = Array.from(attr.value)
          .filter((ch) => ch.charCodeAt(0) > 0x20)
          .join("")
          .toLowerCase();
        if ((scheme && DANGEROUS_SCHEMES.has(scheme)) || /^(javascript|vbscript|data):/.test(raw))
          problems.push(`<${el.localName} ${attr.name}="${attr.value}">`);
      }
    }
  }
  return problems;
}

/** Parses HTML inertly (nothing loads, nothing runs) and returns the problems in it. */
function unsafePartsOfHtml(html: string): string[] {
  const template = document.createElement("template");
  template.innerHTML = html;
  return unsafeParts(template.content);
}

/** Lets pending promise callbacks (media resolution) and effects run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

// ---------------------------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------------------------

/** Strings a hostile server or moderator would try. */
const hostileString = fc.constantFrom(
  "javascript:alert(1)",
  " javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "java\tscript:alert(1)",
  "\u0001javascript:alert(1)",
  "javascript&colon;alert(1)",
  "vbscript:msgbox(1)",
  "data:text/html,<script>alert(1)</script>",
  "mailto:admin@example.org",
  "https://example.org/ok",
  'http://example.org/"><img src=x onerror=alert(1)>',
  "https://example.org/javascript:alert(1)",
  "www.example.org/<script>alert(1)</script>",
  "https://[::1]/x",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '<a href="javascript:alert(1)">click</a>',
  "@room",
  "$event:example.org",
  "__proto__",
  "constructor",
  "toString",
);

/** Text mixing ordinary strings, URLs and hostile snippets. */
const text = fc.oneof(
  fc.string(),
  hostileString,
  fc.webUrl(),
  fc
    .array(fc.oneof(fc.string({ maxLength: 8 }), hostileString, fc.webUrl()), { maxLength: 6 })
    .map((parts) => parts.join(" ")),
);

/** HTML fragments: allowed formatting and classic XSS vectors. */
const htmlFragment = fc.constantFrom(
  "<p>",
  "</p>",
  "<b>bold</b>",
  "<h1>Rules</h1>",
  '<a href="https://example.org/rules">rules</a>',
  '<a href="javascript:alert(1)">js</a>',
  '<a href=" jAvAsCrIpT:alert(1)">js</a>',
  '<a href="java&#x09;script:alert(1)">js</a>',
  '<a href="data:text/html,<script>alert(1)</script>">data</a>',
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '<img src="mxc://example.org/abc" alt="pic">',
  '<img src="javascript:alert(1)">',
  "<svg onload=alert(1)><use href=javascript:alert(1)></svg>",
  "<iframe src=javascript:alert(1)></iframe>",
  "<object data=javascript:alert(1)></object>",
  "<embed src=javascript:alert(1)>",
  "<form action=javascript:alert(1)><button formaction=javascript:alert(1)>go</button></form>",
  "<details open ontoggle=alert(1)><summary>s</summary>d</details>",
  '<font color="#ff0000" onmouseover=alert(1)>red</font>',
  '<span data-mx-spoiler="reason" onclick=alert(1)>secret</span>',
  '<code class="language-js">x</code>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  "<style>*{background:url(javascript:alert(1))}</style>",
  "<base href=javascript:alert(1)//>",
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  "<!--<img src=x onerror=alert(1)>-->",
  "<![CDATA[<script>alert(1)</script>]]>",
  "&lt;script&gt;alert(1)&lt;/script&gt;",
  '<div style="background:url(javascript:alert(1))">styled</div>',
  "<table><tr><td onclick=alert(1)>cell</td></tr></table>",
);

const html = fc
  .array(fc.oneof(htmlFragment, fc.string({ maxLength: 10 }), hostileString), { maxLength: 10 })
  .map((parts) => parts.join(""));

/** Any JSON value, including what fc.anything() produces once it went through JSON (as it would over the wire). */
const serialisedAnything = fc.anything().map((value) => {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? null : (JSON.parse(json) as unknown);
  } catch {
    return null;
  }
});

/** Raw values (never serialised): offline rooms take them as they are, null prototypes, -0 and NaN included. */
const anyValue = fc.oneof(fc.jsonValue(), serialisedAnything, fc.anything());

/** Extra keys of arbitrary JSON, merged under the structured ones. */
const extraKeys = fc.dictionary(fc.string({ maxLength: 12 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });

/** Server-notice-like message content: mostly well-formed fields with hostile values, sometimes not a notice. */
const noticeContent = fc
  .tuple(
    fc.record(
      {
        msgtype: fc.oneof(fc.constant("m.server_notice"), fc.constant("m.text"), fc.jsonValue()),
        body: fc.oneof(text, fc.jsonValue()),
        server_notice_type: fc.oneof(
          fc.constant("m.server_notice.usage_limit_reached"),
          text,
          fc.jsonValue({ maxDepth: 1 }),
        ),
        limit_type: fc.oneof(
          fc.constantFrom("monthly_active_user", "hs_disabled", "hs_blocked", "__proto__", "constructor"),
          text,
          fc.jsonValue({ maxDepth: 1 }),
        ),
        admin_contact: fc.oneof(hostileString, text, fc.jsonValue({ maxDepth: 1 })),
        format: fc.constant("org.matrix.custom.html"),
        formatted_body: html,
      },
      { requiredKeys: [] },
    ),
    extraKeys,
  )
  .map(([fields, extra]) => ({ ...extra, ...fields }) as unknown);

/** Any event content: structured notice content, arbitrary JSON or raw values. */
const pinnedEventContent = fc.oneof(
  { weight: 3, arbitrary: noticeContent },
  { weight: 1, arbitrary: anyValue },
);

/** One representation of a welcome body. */
const representation = fc
  .tuple(
    fc.record(
      {
        mimetype: fc.oneof(
          { weight: 4, arbitrary: fc.constantFrom("text/html", "text/plain", "TEXT/HTML; charset=utf-8") },
          { weight: 1, arbitrary: fc.oneof(fc.constant("text/markdown"), fc.jsonValue({ maxDepth: 0 })) },
        ),
        body: fc.oneof(
          { weight: 3, arbitrary: html },
          { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 1 }) },
        ),
      },
      { requiredKeys: [] },
    ),
    extraKeys,
  )
  .map(([fields, extra]) => ({ ...extra, ...fields }));

/** Welcome content in every shape the parser reads, with hostile bodies, or anything at all. */
const welcomeContent = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .tuple(
        fc.constantFrom("m.text", "org.matrix.msc1767.text", "m.message", "org.matrix.msc1767.message"),
        fc.array(representation, { minLength: 1, maxLength: 4 }),
        fc.constantFrom("m.room.welcome", "org.matrix.msc3857.welcome", null),
      )
      .map(
        ([key, parts, wrapper]) => (wrapper ? { [wrapper]: { [key]: parts } } : { [key]: parts }) as unknown,
      ),
  },
  {
    weight: 2,
    arbitrary: fc
      .record(
        { "m.html": fc.oneof(html, fc.jsonValue()), "m.text": fc.oneof(text, fc.jsonValue()) },
        { requiredKeys: [] },
      )
      .map((shorthand) => ({ "m.room.welcome": shorthand }) as unknown),
  },
  { weight: 1, arbitrary: anyValue },
);

// ---------------------------------------------------------------------------------------------------------------
// Worlds
// ---------------------------------------------------------------------------------------------------------------

/** Content as a raw event takes it (the builders type content as a record; hostile content may be anything). */
const asContent = (value: unknown) => value as Record<string, unknown>;

/** A joined, tagged notices room with the given pinned-events content and timeline (offline). */
function noticesWorld(pinnedContent: unknown, timeline: RawEvent[]): MatrixClient {
  const client = offlineClient(ME);
  const room = offlineRoom(client, NOTICES_ROOM, {
    state: [
      createEvent({ creator: NOTICES_USER }),
      memberEvent(NOTICES_USER, "join"),
      memberEvent(ME, "join", { prevMembership: "invite" }),
      nameEvent("Server Notices"),
      stateEvent("m.room.pinned_events", asContent(pinnedContent), { sender: NOTICES_USER }),
    ],
    timeline,
    tags: { "m.server_notice": { order: 0.5 } },
  });
  room.recalculate(); // offline rooms get no sync, so the SDK has not derived the user's membership yet
  return client;
}

/** A room the user has just joined for the first time, with the given welcome content (offline). */
function welcomeWorld(content: unknown, type = "m.room.welcome"): MatrixClient {
  const client = offlineClient(ME);
  const room = offlineRoom(client, ROOM, {
    state: [
      createEvent({ creator: MOD }),
      memberEvent(MOD, "join"),
      nameEvent("Rules Lounge"),
      stateEvent(type, asContent(content), { sender: MOD }),
      memberEvent(ME, "join"),
    ],
  });
  room.recalculate();
  return client;
}

/** Renders `<NoticeBanner>` and `useServerNotices` on a client and checks both; cleans up afterwards. */
async function checkNotices(client: MatrixClient): Promise<void> {
  try {
    const { result } = renderHook(() => useServerNotices(client));
    expect(result.current.room?.roomId).toBe(NOTICES_ROOM);
    for (const item of result.current.notices) {
      expect(typeof item.notice.body).toBe("string");
      if (item.notice.adminContact !== undefined) expect(isSafeLinkUrl(item.notice.adminContact)).toBe(true);
    }
    const { container } = render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    await settle();
    expect(unsafeParts(document.body)).toEqual([]);
    // Notice bodies are plain text: only text, safe links and their screen-reader hint.
    for (const body of Array.from(container.querySelectorAll('[data-part="body"]'))) {
      for (const el of Array.from(body.querySelectorAll("*"))) {
        expect(["a", "span"]).toContain(el.localName);
        if (el.localName === "a")
          expect(isSafeLinkUrl(el.getAttribute("href"), ["http:", "https:"])).toBe(true);
      }
    }
    for (const link of Array.from(container.querySelectorAll("a")))
      expect(link.getAttribute("rel")).toBe("noopener noreferrer");
    // One banner per notice with something to show (an ordinary notice with a blank body gets none).
    const shown = result.current.notices.filter(
      (n) =>
        isUsageLimitNotice(n.notice) ||
        /[^\s\u200b-\u200f\u2028-\u202f\u2060-\u206f\ufeff]/.test(n.notice.body),
    );
    expect(container.querySelectorAll('[data-part="banner"]').length).toBe(shown.length);
  } finally {
    cleanup();
    await stopAllTestClients();
  }
}

/** Renders `<WelcomeDialog>` and `useWelcomeMessage` on a client and checks both; cleans up afterwards. */
async function checkWelcome(client: MatrixClient): Promise<void> {
  try {
    const seenStore = createMemorySeenStore();
    const options = { seenStore };
    const { result } = renderHook(() => useWelcomeMessage(client, ROOM, options));
    const { message, shouldShow } = result.current;
    if (message) {
      expect(message.html !== undefined || message.text !== undefined).toBe(true);
      if (message.html !== undefined) {
        expect(typeof message.html).toBe("string");
        expect(unsafePartsOfHtml(message.html)).toEqual([]);
      }
      if (message.text !== undefined) expect(typeof message.text).toBe("string");
    }
    // A first join a moment ago: any welcome there is shows.
    expect(shouldShow).toBe(message !== null);
    render(
      <WelcomeDialog client={client} roomId={ROOM} options={options} resolveMedia={async (url) => url} />,
    );
    await settle();
    expect(unsafeParts(document.body)).toEqual([]);
    expect(screen.queryByRole("dialog") !== null).toBe(message !== null);
  } finally {
    cleanup();
    await stopAllTestClients();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------------------------

describe("the safety oracle", () => {
  it.each([
    ["a script element", "<p>x</p><script>alert(1)</script>"],
    ["an inline event handler", "<img src=x onerror=alert(1)>"],
    ["a javascript: link", '<a href="javascript:alert(1)">x</a>'],
    ["a javascript: link with leading controls and mixed case", '<a href="\u0001 JaVaScRiPt:alert(1)">x</a>'],
    ["a data: link", '<a href="data:text/html,hi">x</a>'],
    ["an iframe", "<iframe></iframe>"],
  ])("flags %s", (_name, markup) => {
    expect(unsafePartsOfHtml(markup)).not.toEqual([]);
  });

  it("accepts sanitised formatting with safe links", () => {
    expect(
      unsafePartsOfHtml(
        '<h1>Rules</h1><a href="https://example.org" rel="noopener noreferrer" target="_blank">x</a>',
      ),
    ).toEqual([]);
  });
});

describe("server notices on hostile content (property)", () => {
  it(
    "given any content of the notices room's m.room.pinned_events, the hook and <NoticeBanner> render safely",
    async () => {
      const usage = usageLimitNoticeEvent("monthly_active_user", "javascript:alert(1)");
      const plain = serverNoticeEvent(
        "See https://example.org/x and javascript:alert(1) <script>alert(1)</script>",
      );
      const knownIds = fc.constantFrom(usage.event_id, plain.event_id, "$missing:example.org");
      const pinnedContent = fc.oneof(
        anyValue,
        fc
          .array(fc.oneof(knownIds, fc.jsonValue({ maxDepth: 1 }), hostileString), { maxLength: 8 })
          .map((pinned) => ({ pinned }) as unknown),
        fc.tuple(anyValue, extraKeys).map(([pinned, extra]) => ({ ...extra, pinned }) as unknown),
      );
      await fc.assert(
        fc.asyncProperty(pinnedContent, async (content) => {
          await checkNotices(noticesWorld(content, [usage, plain]));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "given any content of pinned events, the hook and <NoticeBanner> render safely and bodies stay plain text",
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(pinnedEventContent, { minLength: 1, maxLength: 3 }), async (contents) => {
          const events = contents.map((content) =>
            messageEvent(asContent(content), { sender: NOTICES_USER }),
          );
          await checkNotices(noticesWorld({ pinned: events.map((e) => e.event_id) }, events));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );
});

describe("welcome messages on hostile content (property)", () => {
  it(
    "given any content of m.room.welcome, the hook and <WelcomeDialog> render safely",
    async () => {
      await fc.assert(
        fc.asyncProperty(welcomeContent, async (content) => {
          await checkWelcome(welcomeWorld(content));
        }),
        { numRuns: RUNS },
      );
    },
    TIMEOUT,
  );

  it(
    "given any content of the unstable org.matrix.msc3857.welcome, the hook and <WelcomeDialog> render safely",
    async () => {
      await fc.assert(
        fc.asyncProperty(welcomeContent, async (content) => {
          await checkWelcome(welcomeWorld(content, "org.matrix.msc3857.welcome"));
        }),
        { numRuns: RUNS / 2 },
      );
    },
    TIMEOUT,
  );

  it(
    "given any JSON welcome content delivered through the real sync pipeline, the hook and <WelcomeDialog> render safely",
    async () => {
      const serialisable = welcomeContent.map((value) => {
        try {
          const json = JSON.stringify(value);
          return json === undefined ? null : (JSON.parse(json) as unknown);
        } catch {
          return null;
        }
      });
      await fc.assert(
        fc.asyncProperty(serialisable, async (content) => {
          const script = new SyncScript({ userId: ME });
          const client = script.createClient();
          await script.start(client, {
            join: {
              [ROOM]: {
                state: [
                  createEvent({ creator: MOD }),
                  memberEvent(MOD, "join"),
                  nameEvent("Rules Lounge"),
                  stateEvent("m.room.welcome", asContent(content), { sender: MOD }),
                ],
                timeline: [memberEvent(ME, "join")],
              },
            },
          });
          await checkWelcome(client);
        }),
        { numRuns: RUNS / 2 },
      );
    },
    TIMEOUT,
  );
});

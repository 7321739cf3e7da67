import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  parseWelcomeContent,
  UNSTABLE_WELCOME_EVENT_TYPE,
  WELCOME_EVENT_TYPE,
} from "../../src/welcome/parseWelcomeContent";

const HTML = "<h1>Welcome!</h1> Here are some rules before you get going...";
const TEXT = "Welcome!\nHere are some rules before you get going...";
const html = (body: unknown, mimetype: unknown = "text/html") => ({ mimetype, body });
const plain = (body: unknown) => ({ mimetype: "text/plain", body });

type Bodies = { html?: string; text?: string } | null;

describe("parseWelcomeContent", () => {
  it.each<[string, unknown, Bodies]>([
    // Shapes from MSC3857 and MSC1767.
    [
      "MSC3857 m.message array in the stable wrapper",
      { "m.room.welcome": { "m.message": [html(HTML), plain(TEXT)] } },
      { html: HTML, text: TEXT },
    ],
    [
      "unstable wrapper with org.matrix.msc1767.message",
      { "org.matrix.msc3857.welcome": { "org.matrix.msc1767.message": [html(HTML), plain(TEXT)] } },
      { html: HTML, text: TEXT },
    ],
    [
      "current MSC1767 m.text array",
      { "m.room.welcome": { "m.text": [html(HTML), { body: TEXT }] } },
      { html: HTML, text: TEXT },
    ],
    [
      "unstable org.matrix.msc1767.text array",
      { "m.room.welcome": { "org.matrix.msc1767.text": [plain(TEXT)] } },
      { text: TEXT },
    ],
    [
      "shorthand m.text and m.html",
      { "m.room.welcome": { "m.text": TEXT, "m.html": HTML } },
      { html: HTML, text: TEXT },
    ],
    ["shorthand m.text only", { "m.room.welcome": { "m.text": TEXT } }, { text: TEXT }],
    ["shorthand m.html only", { "m.room.welcome": { "m.html": HTML } }, { html: HTML }],
    [
      "unstable shorthand",
      { "org.matrix.msc3857.welcome": { "org.matrix.msc1767.text": TEXT, "org.matrix.msc1767.html": HTML } },
      { html: HTML, text: TEXT },
    ],
    // Wrapper vs bare content.
    ["bare content without a wrapper", { "m.message": [plain(TEXT)] }, { text: TEXT }],
    ["bare shorthand content", { "m.text": TEXT }, { text: TEXT }],
    [
      "the stable wrapper wins over the unstable one",
      { "m.room.welcome": { "m.text": "stable" }, "org.matrix.msc3857.welcome": { "m.text": "unstable" } },
      { text: "stable" },
    ],
    [
      "a non-object stable wrapper falls to the unstable one",
      { "m.room.welcome": "nope", "org.matrix.msc3857.welcome": { "m.text": "unstable" } },
      { text: "unstable" },
    ],
    [
      "an array wrapper is not a container",
      { "m.room.welcome": [plain("inside")], "m.text": "bare" },
      { text: "bare" },
    ],
    [
      "a present wrapper is the container even when it yields nothing",
      { "m.room.welcome": {}, "m.text": "bare" },
      null,
    ],
    // Mimetypes.
    ["a missing mimetype means text/plain", { "m.text": [{ body: TEXT }] }, { text: TEXT }],
    ["mimetype is case-insensitive", { "m.text": [html(HTML, "TEXT/HTML")] }, { html: HTML }],
    [
      "mimetype parameters are ignored",
      {
        "m.text": [
          html(HTML, " text/html ; charset=utf-8"),
          { mimetype: "Text/Plain;charset=UTF-8", body: TEXT },
        ],
      },
      { html: HTML, text: TEXT },
    ],
    [
      "unknown mimetypes are skipped",
      { "m.text": [{ mimetype: "text/markdown", body: "# md" }, plain(TEXT)] },
      { text: TEXT },
    ],
    ["a null mimetype makes the entry invalid", { "m.text": [{ mimetype: null, body: TEXT }] }, null],
    ["a numeric mimetype makes the entry invalid", { "m.text": [{ mimetype: 1, body: TEXT }] }, null],
    // Invalid entries and empty bodies.
    [
      "invalid entries are skipped",
      { "m.text": [null, 1, "str", [], { mimetype: "text/plain" }, { body: 5 }, plain(TEXT)] },
      { text: TEXT },
    ],
    [
      "the first usable entry of a mimetype wins",
      { "m.text": [html("<b>1</b>"), plain("first"), html("<b>2</b>"), plain("second")] },
      { html: "<b>1</b>", text: "first" },
    ],
    [
      "blank bodies are skipped in favour of later entries of the same mimetype",
      { "m.text": [html("   "), plain(""), plain(" \n\t"), html("<p>later</p>"), plain("later")] },
      { html: "<p>later</p>", text: "later" },
    ],
    [
      "plain text listed before HTML is the sender's first choice: it is used alone (MSC1767 order)",
      { "m.text": [plain("first"), html("<b>second</b>")] },
      { text: "first" },
    ],
    [
      "a type the kit does not understand is skipped: the first understood one decides",
      { "m.text": [{ mimetype: "text/markdown", body: "**md**" }, plain("plain"), html("<em>html</em>")] },
      { text: "plain" },
    ],
    [
      "HTML listed first keeps the plain text after it as its alternative, past other types",
      { "m.text": [{ mimetype: "text/markdown", body: "**md**" }, html("<em>html</em>"), plain("plain")] },
      { html: "<em>html</em>", text: "plain" },
    ],
    [
      "a blank plain body listed first does not decide (it is not usable)",
      { "m.text": [plain("  "), html("<p>shown</p>"), plain("alt")] },
      { html: "<p>shown</p>", text: "alt" },
    ],
    ["an array of only blank bodies yields nothing", { "m.text": [plain(" "), html("")] }, null],
    ["an empty array yields nothing", { "m.message": [] }, null],
    ["blank shorthand is absent", { "m.text": "  ", "m.html": "" }, null],
    [
      "text of only invisible characters (zero-width space, word joiner, Hangul filler) is absent",
      { "m.text": [plain("\u200b\u2060\u3164")], body: "\u00ad" },
      null,
    ],
    ["bodies are not trimmed", { "m.text": [plain("  padded  ")] }, { text: "  padded  " }],
    // Precedence.
    [
      "the m.text array wins over the m.message array",
      { "m.text": [plain("current")], "m.message": [plain("old")] },
      { text: "current" },
    ],
    [
      "stable m.text array wins over the unstable one",
      { "m.text": [plain("stable")], "org.matrix.msc1767.text": [plain("unstable")] },
      { text: "stable" },
    ],
    [
      "stable m.message wins over the unstable one",
      { "m.message": [plain("stable")], "org.matrix.msc1767.message": [plain("unstable")] },
      { text: "stable" },
    ],
    [
      "an unusable stable array falls back to the unstable one",
      {
        "m.text": [{ mimetype: "text/markdown", body: "x" }],
        "org.matrix.msc1767.text": [plain("unstable")],
      },
      { text: "unstable" },
    ],
    [
      "an unusable m.text array falls back to m.message",
      { "m.text": [], "m.message": [html(HTML)] },
      { html: HTML },
    ],
    [
      "bodies never mix across arrays",
      { "m.text": [html("<b>html only</b>")], "m.message": [plain("plain from m.message")] },
      { html: "<b>html only</b>" },
    ],
    [
      "stable shorthand wins over unstable shorthand",
      { "m.text": "stable", "org.matrix.msc1767.text": "unstable" },
      { text: "stable" },
    ],
    [
      "blank stable shorthand falls back to unstable shorthand",
      { "m.html": " ", "org.matrix.msc1767.html": "<i>unstable</i>" },
      { html: "<i>unstable</i>" },
    ],
    // Arrays suppress the shorthand.
    [
      "an m.message array suppresses shorthand",
      { "m.message": [plain("from array")], "m.html": "<b>shorthand</b>" },
      { text: "from array" },
    ],
    [
      "a present but unusable array still suppresses shorthand",
      { "m.message": [plain("")], "m.text": "shorthand", "m.html": "<b>shorthand</b>" },
      null,
    ],
    [
      "an unstable text array with a shorthand m.text string uses the array",
      { "m.text": "shorthand", "org.matrix.msc1767.text": [plain("array")] },
      { text: "array" },
    ],
    ["a non-array, non-string m.text is ignored", { "m.text": { body: TEXT } }, null],
    // Non-object inputs.
    ["null", null, null],
    ["undefined", undefined, null],
    ["a number", 3, null],
    ["a string", TEXT, null],
    ["a boolean", true, null],
    ["an array", [plain(TEXT)], null],
    ["an empty object", {}, null],
  ])("%s", (_name, content, expected) => {
    expect(parseWelcomeContent(content)).toEqual(expected);
  });

  it("omits keys that are absent instead of setting them to undefined", () => {
    expect(Object.keys(parseWelcomeContent({ "m.text": TEXT }) ?? {})).toEqual(["text"]);
    expect(Object.keys(parseWelcomeContent({ "m.html": HTML }) ?? {})).toEqual(["html"]);
  });

  it("ignores inherited fields", () => {
    expect(parseWelcomeContent(Object.create({ "m.text": TEXT }))).toBeNull();
    const entry = Object.create({ body: TEXT }) as object;
    expect(parseWelcomeContent({ "m.text": [entry] })).toBeNull();
  });

  it("never invokes getters, even throwing ones", () => {
    const boom = (): never => {
      throw new Error("boom");
    };
    const content = {
      get "m.room.welcome"() {
        return boom();
      },
      "m.message": [
        {
          mimetype: "text/html",
          get body() {
            return boom();
          },
        },
        plain(TEXT),
      ],
    };
    expect(parseWelcomeContent(content)).toEqual({ text: TEXT });
  });

  it("returns null for a Proxy whose traps throw", () => {
    const hostile = new Proxy(
      {},
      {
        getOwnPropertyDescriptor() {
          throw new Error("trap");
        },
      },
    );
    expect(parseWelcomeContent(hostile)).toBeNull();
    expect(parseWelcomeContent({ "m.room.welcome": hostile })).toBeNull();
    expect(parseWelcomeContent({ "m.text": [hostile, plain(TEXT)] })).toBeNull();
  });

  it("returns null for a revoked Proxy", () => {
    const { proxy, revoke } = Proxy.revocable({ "m.text": TEXT }, {});
    revoke();
    expect(parseWelcomeContent(proxy)).toBeNull();
  });

  it("stays bounded for a Proxy array claiming a huge length", () => {
    const entries = new Proxy([] as unknown[], {
      get(target, key, receiver) {
        return key === "length" ? Number.MAX_SAFE_INTEGER : Reflect.get(target, key, receiver);
      },
    });
    expect(parseWelcomeContent({ "m.text": entries })).toBeNull();
  });

  it("exports the stable and unstable event types", () => {
    expect(WELCOME_EVENT_TYPE).toBe("m.room.welcome");
    expect(UNSTABLE_WELCOME_EVENT_TYPE).toBe("org.matrix.msc3857.welcome");
  });

  it("never throws for any JSON value or arbitrary value", () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (value) => {
        const result = parseWelcomeContent(value);
        if (result !== null) {
          expect(result.html !== undefined || result.text !== undefined).toBe(true);
          for (const body of [result.html, result.text]) {
            if (body !== undefined) expect(body.trim()).not.toBe("");
          }
        }
      }),
    );
  });

  it("returns non-blank bodies for arbitrary welcome-shaped content", () => {
    const entry = fc.record(
      {
        mimetype: fc.oneof(
          fc.constantFrom("text/plain", "text/html", "TEXT/HTML; a=b", "text/markdown"),
          fc.anything(),
        ),
        body: fc.oneof(fc.string(), fc.anything()),
      },
      { requiredKeys: [] },
    );
    const container = fc.dictionary(
      fc.constantFrom(
        "m.text",
        "org.matrix.msc1767.text",
        "m.message",
        "org.matrix.msc1767.message",
        "m.html",
        "org.matrix.msc1767.html",
      ),
      fc.oneof(fc.array(fc.oneof(entry, fc.anything())), fc.string(), fc.anything()),
    );
    const content = fc.oneof(
      container,
      container.map((c) => ({ [WELCOME_EVENT_TYPE]: c })),
      container.map((c) => ({ [UNSTABLE_WELCOME_EVENT_TYPE]: c })),
    );
    fc.assert(
      fc.property(content, (value) => {
        const result = parseWelcomeContent(value);
        for (const body of [result?.html, result?.text]) {
          if (body !== undefined) expect(body.trim()).not.toBe("");
        }
      }),
    );
  });
});

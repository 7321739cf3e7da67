import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  isUsageLimitNotice,
  parseServerNotice,
  type ServerNotice,
  USAGE_LIMIT_REACHED,
} from "../../src/notices/parseServerNotice";

/** The content Synapse sends when the monthly active user limit is hit. */
const synapseMauNotice = {
  msgtype: "m.server_notice",
  server_notice_type: "m.server_notice.usage_limit_reached",
  limit_type: "monthly_active_user",
  admin_contact: "mailto:admin@example.org",
  body: "This server has exceeded its monthly active user limit.",
};

describe("parseServerNotice", () => {
  it("reads Synapse's usage-limit notice", () => {
    expect(parseServerNotice(synapseMauNotice)).toEqual({
      body: "This server has exceeded its monthly active user limit.",
      serverNoticeType: USAGE_LIMIT_REACHED,
      limitType: "monthly_active_user",
      adminContact: "mailto:admin@example.org",
    });
  });

  it("reads a plain notice with only a body, leaving the optional keys out", () => {
    const notice = parseServerNotice({ msgtype: "m.server_notice", body: "Maintenance tonight" });
    expect(notice).toEqual({ body: "Maintenance tonight" });
    expect(Object.keys(notice ?? {})).toEqual(["body"]);
  });

  it.each<[string, unknown, ServerNotice | null]>([
    ["a text message is not a notice", { msgtype: "m.text", body: "hi" }, null],
    ["a missing msgtype is not a notice", { body: "hi" }, null],
    ["msgtype is compared exactly", { msgtype: "M.SERVER_NOTICE", body: "hi" }, null],
    ["a non-string body becomes empty", { msgtype: "m.server_notice", body: 42 }, { body: "" }],
    ["a missing body becomes empty", { msgtype: "m.server_notice" }, { body: "" }],
    [
      "empty server_notice_type and limit_type are omitted",
      { msgtype: "m.server_notice", body: "b", server_notice_type: "", limit_type: "" },
      { body: "b" },
    ],
    [
      "non-string server_notice_type and limit_type are omitted",
      { msgtype: "m.server_notice", body: "b", server_notice_type: 1, limit_type: ["x"] },
      { body: "b" },
    ],
    [
      "a null admin_contact (Synapse default) is omitted",
      { msgtype: "m.server_notice", body: "b", admin_contact: null },
      { body: "b" },
    ],
    [
      "a javascript: admin_contact is dropped",
      { msgtype: "m.server_notice", body: "b", admin_contact: "javascript:alert(document.cookie)" },
      { body: "b" },
    ],
    [
      "an admin_contact hiding javascript: behind a tab is dropped",
      { msgtype: "m.server_notice", body: "b", admin_contact: "java\tscript:alert(1)" },
      { body: "b" },
    ],
    [
      "a bare email admin_contact is kept as text only (no link)",
      { msgtype: "m.server_notice", body: "b", admin_contact: "admin@example.org" },
      { body: "b", adminContactText: "admin@example.org" },
    ],
    [
      "an https admin_contact is kept",
      { msgtype: "m.server_notice", body: "b", admin_contact: "https://example.org/support" },
      { body: "b", adminContact: "https://example.org/support" },
    ],
    [
      "an http admin_contact is kept",
      { msgtype: "m.server_notice", body: "b", admin_contact: "http://example.org/support" },
      { body: "b", adminContact: "http://example.org/support" },
    ],
    [
      "an ftp admin_contact is kept as text only (no link)",
      { msgtype: "m.server_notice", body: "b", admin_contact: "ftp://example.org" },
      { body: "b", adminContactText: "ftp://example.org" },
    ],
    ["null", null, null],
    ["undefined", undefined, null],
    ["a number", 7, null],
    ["a string", "m.server_notice", null],
    ["an array", [{ msgtype: "m.server_notice" }], null],
  ])("%s", (_name, content, expected) => {
    expect(parseServerNotice(content)).toEqual(expected);
  });

  it("ignores fields inherited through the prototype", () => {
    const inherited = Object.create({ msgtype: "m.server_notice", body: "from proto" }) as object;
    expect(parseServerNotice(inherited)).toBeNull();
    const literal = {
      __proto__: { admin_contact: "https://evil.example" },
      msgtype: "m.server_notice",
      body: "b",
    };
    expect(parseServerNotice(literal)).toEqual({ body: "b" });
  });

  it("treats an own __proto__ key from JSON like any other key", () => {
    const parsed: unknown = JSON.parse('{"__proto__": {"msgtype": "m.server_notice"}, "body": "x"}');
    expect(parseServerNotice(parsed)).toBeNull();
    const notice: unknown = JSON.parse(
      '{"msgtype": "m.server_notice", "body": "x", "__proto__": {"limit_type": "l"}}',
    );
    expect(parseServerNotice(notice)).toEqual({ body: "x" });
  });

  it("never invokes getters, even throwing ones", () => {
    const content = {
      msgtype: "m.server_notice",
      get body(): string {
        throw new Error("boom");
      },
      get admin_contact(): string {
        throw new Error("boom");
      },
    };
    expect(parseServerNotice(content)).toEqual({ body: "" });
  });

  it("returns null for a Proxy whose traps throw", () => {
    const hostile = new Proxy(
      {},
      {
        getOwnPropertyDescriptor() {
          throw new Error("trap");
        },
        get() {
          throw new Error("trap");
        },
      },
    );
    expect(parseServerNotice(hostile)).toBeNull();
  });

  it("returns null for a revoked Proxy", () => {
    const { proxy, revoke } = Proxy.revocable({ msgtype: "m.server_notice" }, {});
    revoke();
    expect(parseServerNotice(proxy)).toBeNull();
  });

  it("reads through a well-behaved Proxy", () => {
    const proxy = new Proxy({ msgtype: "m.server_notice", body: "proxied" }, {});
    expect(parseServerNotice(proxy)).toEqual({ body: "proxied" });
  });

  it("never throws for any value, and returns null or a notice with a string body", () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.jsonValue()), (value) => {
        const notice = parseServerNotice(value);
        if (notice !== null) expect(typeof notice.body).toBe("string");
      }),
    );
  });

  it("keeps only safe admin contacts for arbitrary notice-shaped content", () => {
    const content = fc.record(
      {
        msgtype: fc.constant("m.server_notice"),
        body: fc.anything(),
        server_notice_type: fc.oneof(fc.string(), fc.anything()),
        limit_type: fc.oneof(fc.string(), fc.anything()),
        admin_contact: fc.oneof(fc.string(), fc.webUrl(), fc.constant("javascript:alert(1)"), fc.anything()),
      },
      { requiredKeys: ["msgtype"] },
    );
    fc.assert(
      fc.property(content, (value) => {
        const notice = parseServerNotice(value);
        expect(notice).not.toBeNull();
        expect(typeof notice?.body).toBe("string");
        if (notice?.adminContact !== undefined) {
          expect(["mailto:", "https:", "http:"]).toContain(new URL(notice.adminContact).protocol);
        }
        for (const key of ["serverNoticeType", "limitType"] as const) {
          if (key in (notice ?? {})) expect(notice?.[key]).toMatch(/./su);
        }
      }),
    );
  });
});

describe("isUsageLimitNotice", () => {
  it("is true for a usage_limit_reached notice", () => {
    expect(isUsageLimitNotice({ body: "", serverNoticeType: USAGE_LIMIT_REACHED })).toBe(true);
  });

  it.each([undefined, "m.server_notice.other", "M.SERVER_NOTICE.USAGE_LIMIT_REACHED"])(
    "is false for server notice type %s",
    (serverNoticeType) => {
      expect(isUsageLimitNotice({ body: "", ...(serverNoticeType ? { serverNoticeType } : {}) })).toBe(false);
    },
  );

  it("does not throw for a missing notice", () => {
    expect(isUsageLimitNotice(null as unknown as ServerNotice)).toBe(false);
  });

  it("exports the spec's usage-limit type", () => {
    expect(USAGE_LIMIT_REACHED).toBe("m.server_notice.usage_limit_reached");
  });
});

describe("admin_contact shown as text, at its edges", () => {
  const contactOf = (admin_contact: unknown) =>
    parseServerNotice({ msgtype: "m.server_notice", body: "Limit reached", admin_contact })?.adminContactText;

  it("given a contact of exactly 256 characters, it is shown; one of 257 is dropped", () => {
    const longest = `+${"1".repeat(255)}`;
    expect(contactOf(longest)).toBe(longest);
    expect(contactOf(`${longest}1`)).toBeUndefined();
  });

  it("given a Hebrew or Persian contact carrying a right-to-left mark or a zero-width non-joiner, it is shown as given", () => {
    expect(contactOf("\u200fמנהל: +972 3 555 0000")).toBe("\u200fמנהל: +972 3 555 0000");
    expect(contactOf("مدیر\u200cسرور")).toBe("مدیر\u200cسرور");
  });

  it("given a blob: or file: URI, it is not shown, not even as text", () => {
    expect(contactOf("blob:https://evil.example/1234")).toBeUndefined();
    expect(contactOf("file:///etc/passwd")).toBeUndefined();
  });
});

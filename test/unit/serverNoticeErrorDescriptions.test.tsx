/**
 * describeServerNoticeError for the refusals a login page, a composer or a "not sent" bar sees: resource limits titled
 * by their `limit_type` and carrying the error as a notice (contact, the server's own words), and consent refusals
 * with their terms link when it is safe. Errors come from the real SDK through canned responses, malformed ones too.
 */
import { MatrixError } from "matrix-js-sdk";
import { describe, expect, it } from "vitest";
import { CONSENT_NOT_GIVEN, defaultServerNoticeErrorLabels, describeServerNoticeError } from "../../src";
import { ordinaryRoom } from "../support/scenarios";
import { type Failure, SyncScript } from "../support/syncScript";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";
const ROOM = "!chat:example.org";
const CONSENT_URI = "https://hs.example.org/_matrix/consent?u=alice&h=abc";

/** What the SDK rejects `loginRequest` with when the homeserver answers `failure`. */
async function loginRefusedWith(failure: Failure): Promise<unknown> {
  const script = new SyncScript({ userId: ME });
  const client = script.createClient();
  script.fail({ path: "/login" }, failure);
  return client
    .loginRequest({
      type: "m.login.password",
      identifier: { type: "m.id.user", user: "alice" },
      password: "x",
    })
    .then(
      () => {
        throw new Error("expected a refusal");
      },
      (e: unknown) => e,
    );
}

/** What the SDK rejects a text message with when the homeserver refuses the send with `failure`. */
async function sendRefusedWith(failure: Failure): Promise<unknown> {
  const { client, script } = await startWorld(ME, ordinaryRoom(ME, ROOM));
  script.fail({ path: /\/send\// }, failure);
  return client.sendTextMessage(ROOM, "hello").then(
    () => {
      throw new Error("expected a refusal");
    },
    (e: unknown) => e,
  );
}

const limit = (
  limitType: unknown,
  error = "Limit reached",
  extra: Record<string, unknown> = {},
): Failure => ({
  status: 403,
  errcode: "M_RESOURCE_LIMIT_EXCEEDED",
  error,
  data: { limit_type: limitType, admin_contact: "mailto:ops@example.org", ...extra },
});

describe("given a login the homeserver refused with M_RESOURCE_LIMIT_EXCEEDED", () => {
  it("when it is hs_disabled, then the title says the administrator blocked it and the notice keeps their words and contact", async () => {
    const error = await loginRefusedWith(limit("hs_disabled", "Down for migration until Monday 09:00 UTC."));
    expect(describeServerNoticeError(error)).toEqual({
      errcode: "M_RESOURCE_LIMIT_EXCEEDED",
      title: "This homeserver has been blocked by its administrator.",
      description: defaultServerNoticeErrorLabels.resourceLimitDescription,
      notice: {
        body: "Down for migration until Monday 09:00 UTC.",
        serverNoticeType: "m.server_notice.usage_limit_reached",
        limitType: "hs_disabled",
        adminContact: "mailto:ops@example.org",
      },
    });
  });

  it("when it is hs_blocked, then it gets the same title as hs_disabled", async () => {
    const error = await loginRefusedWith(limit("hs_blocked"));
    expect(describeServerNoticeError(error)?.title).toBe(defaultServerNoticeErrorLabels.hsDisabledTitle);
  });

  it("when it is monthly_active_user, then the title is the banner's monthly-active-user headline", async () => {
    const error = await loginRefusedWith(limit("monthly_active_user", "Monthly Active User Limit Exceeded"));
    const described = describeServerNoticeError(error);
    expect(described?.title).toBe("This homeserver has hit its monthly active user limit.");
    expect(described?.notice?.limitType).toBe("monthly_active_user");
  });

  it("when the limit type is one the kit does not know, then the generic title stays as it was", async () => {
    const error = await loginRefusedWith(limit("storage_quota", "Your storage quota is used up."));
    const described = describeServerNoticeError(error);
    expect(described?.title).toBe("Your homeserver has reached a limit");
    expect(described?.notice?.body).toBe("Your storage quota is used up.");
  });
});

describe("given a send the homeserver refused with a malformed M_RESOURCE_LIMIT_EXCEEDED", () => {
  it("when limit_type is not a string, then the generic title shows and the notice has no limit type", async () => {
    const error = await sendRefusedWith(limit(42));
    const described = describeServerNoticeError(error);
    expect(described?.title).toBe(defaultServerNoticeErrorLabels.resourceLimitTitle);
    expect(described?.notice).not.toHaveProperty("limitType");
  });

  it("when admin_contact is a javascript: URL, then the notice has no contact at all", async () => {
    const error = await sendRefusedWith(
      limit("monthly_active_user", "x", { admin_contact: "javascript:alert(1)" }),
    );
    const notice = describeServerNoticeError(error)?.notice;
    expect(notice).not.toHaveProperty("adminContact");
    expect(notice).not.toHaveProperty("adminContactText");
  });

  it("when the body has no data but the errcode, then the generic title and an empty notice show", () => {
    const error = new MatrixError({ errcode: "M_RESOURCE_LIMIT_EXCEEDED" }, 403);
    expect(describeServerNoticeError(error)).toEqual({
      errcode: "M_RESOURCE_LIMIT_EXCEEDED",
      title: defaultServerNoticeErrorLabels.resourceLimitTitle,
      description: defaultServerNoticeErrorLabels.resourceLimitDescription,
      notice: { body: "", serverNoticeType: "m.server_notice.usage_limit_reached" },
    });
  });

  it("when reading its data throws, then it is still described, without throwing", () => {
    const error = {
      errcode: "M_RESOURCE_LIMIT_EXCEEDED",
      get data() {
        throw new Error("hostile");
      },
    };
    expect(describeServerNoticeError(error)?.title).toBe(defaultServerNoticeErrorLabels.resourceLimitTitle);
  });
});

describe("given resource-limit title labels", () => {
  const mau = new MatrixError(
    { errcode: "M_RESOURCE_LIMIT_EXCEEDED", limit_type: "monthly_active_user" },
    403,
  );
  const disabled = new MatrixError({ errcode: "M_RESOURCE_LIMIT_EXCEEDED", limit_type: "hs_disabled" }, 403);

  it("when the app overrides the per-type titles, then each type takes its own", () => {
    const labels = { monthlyActiveUserTitle: "Limite MAU", hsDisabledTitle: "Serveur bloqué" };
    expect(describeServerNoticeError(mau, labels)?.title).toBe("Limite MAU");
    expect(describeServerNoticeError(disabled, labels)?.title).toBe("Serveur bloqué");
  });

  it("when the app translated only the generic title, then every type keeps that translation rather than English", () => {
    const labels = { resourceLimitTitle: "Limite atteinte" };
    expect(describeServerNoticeError(mau, labels)?.title).toBe("Limite atteinte");
    expect(describeServerNoticeError(disabled, labels)?.title).toBe("Limite atteinte");
  });

  it("when a per-type title is given as undefined or a number, then its English default is used", () => {
    const labels = { monthlyActiveUserTitle: undefined, hsDisabledTitle: 7 as unknown as string };
    expect(describeServerNoticeError(mau, labels)?.title).toBe(
      defaultServerNoticeErrorLabels.monthlyActiveUserTitle,
    );
    expect(describeServerNoticeError(disabled, labels)?.title).toBe(
      defaultServerNoticeErrorLabels.hsDisabledTitle,
    );
  });
});

describe("given a send refused with M_CONSENT_NOT_GIVEN (Synapse's user_consent)", () => {
  const consent = (data?: Record<string, unknown>): Failure => ({
    status: 403,
    errcode: CONSENT_NOT_GIVEN,
    error: "To continue using this homeserver you must review and agree to the terms and conditions",
    ...(data ? { data } : {}),
  });

  it("when its consent_uri is an https URL, then it is described with the terms link", async () => {
    const error = await sendRefusedWith(consent({ consent_uri: CONSENT_URI }));
    expect(describeServerNoticeError(error)).toEqual({
      errcode: "M_CONSENT_NOT_GIVEN",
      title: "Review the terms and conditions",
      description:
        "You can't send messages until you review and agree to the terms and conditions of this homeserver.",
      consentUri: CONSENT_URI,
    });
  });

  it("when its consent_uri is a javascript: URL, then it is described without a link", async () => {
    const error = await sendRefusedWith(consent({ consent_uri: "javascript:alert(document.cookie)" }));
    const described = describeServerNoticeError(error);
    expect(described?.title).toBe(defaultServerNoticeErrorLabels.consentTitle);
    expect(described).not.toHaveProperty("consentUri");
  });

  it("when consent_uri is missing, not a string, or hides a control character, then there is no link", () => {
    for (const data of [
      {},
      { consent_uri: 42 },
      { consent_uri: { href: CONSENT_URI } },
      { consent_uri: "java\tscript:x" },
    ]) {
      const described = describeServerNoticeError(
        new MatrixError({ errcode: CONSENT_NOT_GIVEN, ...data }, 403),
      );
      expect(described?.errcode).toBe(CONSENT_NOT_GIVEN);
      expect(described).not.toHaveProperty("consentUri");
    }
  });

  it("when the app overrides the consent labels, then they are used", () => {
    const error = new MatrixError({ errcode: CONSENT_NOT_GIVEN, consent_uri: CONSENT_URI }, 403);
    const described = describeServerNoticeError(error, {
      consentTitle: "Conditions",
      consentDescription: "Lisez-les.",
    });
    expect([described?.title, described?.description]).toEqual(["Conditions", "Lisez-les."]);
  });
});

describe("existing descriptions are unchanged", () => {
  it("given M_CANNOT_LEAVE_SERVER_NOTICE_ROOM, then the same title and description, and no notice or link", () => {
    const described = describeServerNoticeError(
      new MatrixError({ errcode: "M_CANNOT_LEAVE_SERVER_NOTICE_ROOM" }, 403),
    );
    expect(described).toEqual({
      errcode: "M_CANNOT_LEAVE_SERVER_NOTICE_ROOM",
      title: defaultServerNoticeErrorLabels.cannotLeaveTitle,
      description: defaultServerNoticeErrorLabels.cannotLeaveDescription,
    });
  });

  it("given any other error, a string, null or a throwing Proxy, then null without throwing", () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error("hostile");
        },
      },
    );
    for (const error of [
      new MatrixError({ errcode: "M_FORBIDDEN" }, 403),
      "M_CONSENT_NOT_GIVEN",
      null,
      hostile,
    ])
      expect(describeServerNoticeError(error)).toBeNull();
  });
});

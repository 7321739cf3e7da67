/**
 * What the editor tells the author when the homeserver refuses a save or removal over a usage limit (403
 * M_RESOURCE_LIMIT_EXCEEDED, as Synapse answers every send over its monthly-active-user limit), and when a removal
 * fails for want of a connection (a review's probes: each failed before).
 */
import { render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { defaultWelcomeEditorLabels, WelcomeEditor } from "../../src";
import { EDITOR_ROOM, moderatorsWorld, removeWelcome, typeAndSave } from "../support/editor";
import { welcomeEvent } from "../support/events";

afterEach(() => localStorage.clear());

const LIMIT = {
  status: 403,
  errcode: "M_RESOURCE_LIMIT_EXCEEDED",
  error: "Monthly Active User Limit Exceeded",
  data: { limit_type: "monthly_active_user", admin_contact: "mailto:admin@example.org" },
};

describe("given a homeserver over its usage limit", () => {
  it("when a save is refused, the editor says the homeserver reached a usage limit, not to check the connection", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    script.fail({ method: "PUT", path: /\/state\// }, LIMIT);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    typeAndSave("v2");
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent(defaultWelcomeEditorLabels.errorUsageLimit);
    expect(alert).not.toHaveTextContent("Check your connection");
  });

  it("when a removal is refused, the editor says the same", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    script.fail({ method: "PUT", path: /\/state\// }, LIMIT);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    removeWelcome();
    expect(await screen.findByRole("alert")).toHaveTextContent(defaultWelcomeEditorLabels.errorUsageLimit);
  });

  it("the usage-limit text is the app's own when it gives one", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    script.fail({ method: "PUT", path: /\/state\// }, LIMIT);
    render(
      <WelcomeEditor
        client={client}
        roomId={EDITOR_ROOM}
        defaultFormat="plain"
        labels={{ errorUsageLimit: "Serveur plein." }}
      />,
    );
    typeAndSave("v2");
    expect(await screen.findByRole("alert")).toHaveTextContent("Serveur plein.");
  });
});

describe("given no connection", () => {
  it("when a removal fails, the editor says the welcome couldn't be removed (not saved)", async () => {
    const { client, script } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    script.fail({ method: "PUT", path: /\/state\// }, "network", 20);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="plain" />);
    removeWelcome();
    const alert = await screen.findByRole("alert", {}, { timeout: 5000 });
    expect(alert).toHaveTextContent(defaultWelcomeEditorLabels.errorRemoveNetwork);
  });
});

/**
 * On a translated page: WelcomeEditor (and its RemoveWelcomeButton) text that changes shape while a
 * translator has replaced the kit's text nodes with <font><font>…</font></font>.
 */
import { act, fireEvent, render, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_CONTENT_BYTES, WelcomeEditor, type WelcomeEditorProps } from "../../src";
import { CrashBoundary } from "../support/crashBoundary";
import {
  EDITOR_LABEL,
  EDITOR_ROOM,
  holdStatePuts,
  MODERATOR,
  moderatorLevels,
  moderatorsWorld,
  OTHER_MODERATOR,
  statePuts,
  syncEditorRoom,
} from "../support/editor";
import { welcomeEvent } from "../support/events";
import { crashed, translate } from "../support/translate";

afterEach(() => localStorage.clear());

const settle = (ms = 50) => act(() => new Promise((r) => setTimeout(r, ms)));
// By part, not by name: the translator changed the labels' text.
const box = () => document.querySelector<HTMLTextAreaElement>('[data-part="source"]')!;
const part = (name: string) => document.querySelector<HTMLElement>(`[data-part="${name}"]`)!;

/** The moderator's editor on a real client, translated; `step` runs an action, settles, and translates again. */
async function openEditor(props: Partial<WelcomeEditorProps> = {}, state = [welcomeEvent("Be kind")]) {
  const world = await moderatorsWorld(state);
  const ui = (p: Partial<WelcomeEditorProps>) => (
    <CrashBoundary>
      <WelcomeEditor client={world.client} roomId={EDITOR_ROOM} {...p} />
    </CrashBoundary>
  );
  const view = render(ui(props));
  await settle();
  translate(view.container);
  const step = async (action: () => unknown) => {
    await act(async () => {
      await action();
    });
    await settle();
    translate(view.container);
    return crashed();
  };
  const rerender = (p: Partial<WelcomeEditorProps>) => step(() => view.rerender(ui(p)));
  return { ...world, view, step, rerender };
}

const type = (text: string) => () => fireEvent.change(box(), { target: { value: text } });
const click = (dataPart: string) => () => fireEvent.click(part(dataPart));

describe("WelcomeEditor status lines", () => {
  it("typing (size label changes), saving (button text), saved (status)", async () => {
    const { step, script } = await openEditor({ defaultFormat: "plain" }, [welcomeEvent("Hi", undefined)]);
    const release = holdStatePuts(script, { json: { event_id: "$saved:example.org" } });
    expect(await step(type("Be kind, please"))).toBeNull();
    expect(await step(type("Be kind, please, and https://example.org"))).toBeNull();
    expect(await step(click("save"))).toBeNull();
    expect(part("save").textContent).toMatch(/Saving/);
    expect(await step(release)).toBeNull();
    await waitFor(() => expect(document.querySelector('[data-part="status"]')?.textContent).toMatch(/saved/));
    translate(document.body);
    // Typing again clears the status line.
    expect(await step(type("Another edit"))).toBeNull();
  });

  it("save error appears (error with draft kept), typing clears it, a second error, then a save succeeds", async () => {
    const { step, script } = await openEditor({ defaultFormat: "plain" });
    script.fail({ method: "PUT", path: /\/state\// }, "network");
    expect(await step(type("Draft one"))).toBeNull();
    expect(await step(click("save"))).toBeNull();
    await waitFor(() => expect(document.querySelector('[data-part="error"]')).not.toBeNull());
    translate(document.body);
    expect(await step(type("Draft two"))).toBeNull();
    script.fail({ method: "PUT", path: /\/state\// }, { status: 403, errcode: "M_FORBIDDEN" });
    expect(await step(click("save"))).toBeNull();
    await waitFor(() => expect(document.querySelector('[data-part="error"]')).not.toBeNull());
    translate(document.body);
    script.route({ method: "PUT", path: /\/state\// }, () => ({ json: { event_id: "$ok:example.org" } }));
    expect(await step(click("save"))).toBeNull();
    expect(crashed()).toBeNull();
  });

  it("too-large note appears and goes; size line over the limit", async () => {
    const { step } = await openEditor({ defaultFormat: "plain" });
    expect(await step(type("x".repeat(MAX_CONTENT_BYTES)))).toBeNull();
    expect(document.querySelector('[data-part="too-large"] p')).not.toBeNull();
    expect(await step(type("short"))).toBeNull();
    expect(await step(type("y".repeat(MAX_CONTENT_BYTES)))).toBeNull();
  });
});

describe("WelcomeEditor read-only", () => {
  it("power level lowered (read-only text appears), levels change (text changes), raised again (text goes)", async () => {
    const { step, script } = await openEditor();
    expect(await step(() => syncEditorRoom(script, moderatorLevels(0)))).toBeNull();
    expect(document.querySelector('[data-part="read-only"]')).not.toBeNull();
    expect(await step(() => syncEditorRoom(script, moderatorLevels(10)))).toBeNull();
    expect(await step(() => syncEditorRoom(script, moderatorLevels(100)))).toBeNull();
    expect(document.querySelector('[data-part="read-only"]')).toBeNull();
  });
});

describe("WelcomeEditor preview and format", () => {
  it("markdown <-> plain (hint text '' <-> hint, preview html <-> text), empty preview <-> body", async () => {
    const { step } = await openEditor({}, [welcomeEvent("Hello")]);
    // "Hello" opens as plain text: Markdown first (the hint appears, the preview goes through the renderer).
    expect(await step(() => fireEvent.click(document.querySelector('input[value="markdown"]')!))).toBeNull();
    expect(await step(type("# Rules\n\nBe **kind** https://example.org"))).toBeNull();
    await waitFor(() => expect(document.querySelector('[data-part="preview"] strong')).not.toBeNull());
    translate(document.body);
    expect(await step(() => fireEvent.click(document.querySelector('input[value="plain"]')!))).toBeNull();
    expect(await step(() => fireEvent.click(document.querySelector('input[value="markdown"]')!))).toBeNull();
    expect(await step(type(""))).toBeNull();
    expect(document.querySelector('[data-part="preview-empty"]')).not.toBeNull();
    expect(await step(type("Back"))).toBeNull();
    expect(await step(type("   "))).toBeNull();
  });

  it("formatting note (another app's HTML) goes once the author saves", async () => {
    const { step, script } = await openEditor({}, [
      welcomeEvent("Read the rules", "<p>Read the <u>rules</u></p>"),
    ]);
    expect(document.querySelector('[data-part="formatting-note"]')).not.toBeNull();
    script.route({ method: "PUT", path: /\/state\// }, () => ({ json: { event_id: "$ok:example.org" } }));
    expect(await step(type("Read the rules now"))).toBeNull();
    expect(await step(click("save"))).toBeNull();
    expect(crashed()).toBeNull();
  });

  it("changed elsewhere notice appears (other moderator's edition while dirty), then discard", async () => {
    const { step, script } = await openEditor({ defaultFormat: "plain" });
    expect(await step(type("My draft"))).toBeNull();
    expect(
      await step(() =>
        syncEditorRoom(script, welcomeEvent("Theirs", undefined, { sender: OTHER_MODERATOR })),
      ),
    ).toBeNull();
    expect(document.querySelector('[data-part="changed-elsewhere"] p')).not.toBeNull();
    expect(await step(() => fireEvent.click(part("changed-elsewhere").querySelector("button")!))).toBeNull();
  });
});

describe("WelcomeEditor remove (RemoveWelcomeButton)", () => {
  it("Remove -> question -> Keep it -> Remove -> Yes (removing) -> removed status", async () => {
    const { step, script } = await openEditor();
    const release = holdStatePuts(script, { json: { event_id: "$cleared:example.org" } });
    expect(await step(click("remove"))).toBeNull();
    expect(await step(click("remove-confirm-no"))).toBeNull();
    expect(await step(click("remove"))).toBeNull();
    expect(await step(click("remove-confirm-yes"))).toBeNull();
    expect(await step(release)).toBeNull();
    await waitFor(() => expect(statePuts(script).length).toBeGreaterThan(0));
    await waitFor(() => expect(part("status").textContent).toMatch(/removed/));
    translate(document.body);
    await settle(100);
    expect(crashed()).toBeNull();
  });

  it("removal fails (error), question closed by another moderator's edition while asking", async () => {
    const { step, script } = await openEditor();
    script.fail({ method: "PUT", path: /\/state\// }, "network");
    expect(await step(click("remove"))).toBeNull();
    expect(await step(click("remove-confirm-yes"))).toBeNull();
    await waitFor(() => expect(document.querySelector('[data-part="error"]')).not.toBeNull());
    translate(document.body);
    expect(await step(click("remove"))).toBeNull();
    expect(
      await step(() =>
        syncEditorRoom(script, welcomeEvent("Theirs", undefined, { sender: OTHER_MODERATOR })),
      ),
    ).toBeNull();
    expect(document.querySelector('[data-part="remove-confirm"]')).toBeNull();
  });
});

describe("WelcomeEditor labels changing while mounted", () => {
  const fr = {
    heading: "Message d'accueil",
    format: "Format",
    formatMarkdown: "Markdown (fr)",
    formatPlain: "Texte brut",
    message: EDITOR_LABEL,
    size: (b: number, l: number) => `${b} octets sur ${l}`,
    save: "Enregistrer",
    cancel: "Annuler",
    preview: "Aperçu",
  };

  it("all labels switch language", async () => {
    const { rerender } = await openEditor();
    expect(await rerender({ labels: fr })).toBeNull();
    expect(await rerender({})).toBeNull();
  });

  it("format option label switches to '' (text next to the radio input)", async () => {
    const { rerender } = await openEditor();
    expect(await rerender({ labels: { formatPlain: "" } })).toBeNull();
  });

  it("label functions returning elements vs strings (size, readOnlyPowerLevel)", async () => {
    const { rerender } = await openEditor();
    const el = { size: ((b: number) => <b>{b} bytes</b>) as unknown as (b: number, l: number) => string };
    expect(await rerender({ labels: el })).toBeNull();
    expect(await rerender({})).toBeNull();
    void MODERATOR;
  });
});

describe("text that changes under translation follows the change", () => {
  it("when the format options' labels switch language, the radio labels show the new words", async () => {
    const { rerender } = await openEditor();
    expect(await rerender({ labels: { formatPlain: "Texte brut" } })).toBeNull();
    expect(document.querySelector('input[value="plain"]')!.closest("label")!.textContent).toContain(
      "Texte brut",
    );
  });
});

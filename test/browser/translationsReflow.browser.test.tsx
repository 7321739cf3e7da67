/**
 * German, Finnish and Japanese labels at 320 CSS px (WCAG reflow width): nothing overflows sideways, and every button's
 * text stays inside the button (an i18n review's probes; the editor's format choice and a one-word confirm label
 * failed before; later a localisation hunt's: a long word in the editor's heading, message label, Remove question or
 * read-only note, and German labels at an app text size of 200%).
 */
import "../../src/styles.css";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { page } from "vitest/browser";
import {
  createMemoryDismissStore,
  type NoticeBannerLabels,
  NoticeBannerList,
  type WelcomeDialogLabels,
  WelcomeEditor,
  type WelcomeEditorLabels,
} from "../../src";
import { moderatorLevels, moderatorsRoom, moderatorsWorld } from "../support/editor";
import { welcomeEvent } from "../support/events";
import { bareUsageLimitItem, noticeItem } from "../support/noticeItems";
import { openWelcomeDialog } from "../support/welcomeDialog";

const ROOM = "!lounge:example.org";

beforeEach(async () => {
  document.body.style.margin = "0";
  await page.viewport(320, 640);
});
afterEach(async () => {
  document.body.style.margin = "";
  localStorage.clear();
  await page.viewport(414, 896);
});

type Lang = {
  name: string;
  banner: Partial<NoticeBannerLabels>;
  dialog: Partial<WelcomeDialogLabels>;
  editor: Partial<WelcomeEditorLabels>;
};

const de: Lang = {
  name: "de",
  banner: {
    region: "Serverbenachrichtigungen",
    monthlyActiveUser:
      "Dieser Heimserver hat sein monatliches Kontingent an aktiven Benutzerinnen und Benutzern überschritten.",
    contactAdmin: "Wenden Sie sich an die Administratorin oder den Administrator Ihres Servers",
    noticeTitle: "Benachrichtigung Ihres Heimservers",
    dismiss: "Benachrichtigung schließen",
  },
  dialog: {
    title: (n) => `Willkommen im Raum „${n}“`,
    untitledRoom: "diesem Raum",
    confirm: "Verstanden, nicht mehr anzeigen",
    close: "Schließen",
  },
  editor: {
    heading: "Willkommensnachricht bearbeiten",
    format: "Formatierung",
    formatMarkdown: "Markdown-Formatierung",
    formatPlain: "Unformatierter Nur-Text",
    message: "Nachricht, die Personen beim Betreten des Raums angezeigt wird",
    size: (b, l) => `${b.toLocaleString("de")} von ${l.toLocaleString("de")} Bytes`,
    save: "Änderungen speichern",
    cancel: "Bearbeitung abbrechen",
    remove: "Willkommensnachricht entfernen",
    removeConfirm: "Willkommensnachricht für alle, die diesem Raum beitreten, entfernen?",
    removeConfirmYes: "Ja, Willkommensnachricht entfernen",
    removeConfirmNo: "Nein, beibehalten",
    preview: "Vorschau",
  },
};

const fi: Lang = {
  name: "fi",
  banner: {
    region: "Palvelinilmoitukset",
    monthlyActiveUser:
      "Tämä kotipalvelin on saavuttanut kuukausittaisten aktiivisten käyttäjien enimmäismäärän.",
    contactAdmin: "Ota yhteyttä palvelimesi ylläpitäjään",
    noticeTitle: "Kotipalvelimesi lähettämä ilmoitus",
    dismiss: "Sulje ilmoitus",
  },
  dialog: {
    title: (n) => `Tervetuloa huoneeseen ${n}`,
    confirm: "Selvä, älä näytä uudelleen",
    close: "Sulje",
  },
  editor: {
    heading: "Tervetuloviestin muokkaaminen",
    format: "Tekstinmuotoilu",
    formatMarkdown: "Markdown-muotoilu",
    formatPlain: "Muotoilematon teksti",
    save: "Tallenna muutokset",
    cancel: "Peruuta muokkaus",
    remove: "Poista tervetuloviesti",
    removeConfirm: "Poistetaanko tervetuloviesti kaikilta huoneeseen liittyviltä?",
    removeConfirmYes: "Kyllä, poista tervetuloviesti",
    removeConfirmNo: "Ei, säilytä",
    preview: "Esikatselu",
  },
};

const ja: Lang = {
  name: "ja",
  banner: {
    monthlyActiveUser: "このホームサーバーは月間アクティブユーザー数の上限に達しました。",
    contactAdmin: "サーバー管理者に連絡してください",
    noticeTitle: "ホームサーバーからのお知らせ",
    dismiss: "お知らせを閉じる",
  },
  dialog: { title: (n) => `${n}へようこそ`, confirm: "了解しました", close: "閉じる" },
  editor: {
    heading: "ウェルカムメッセージ",
    format: "書式",
    formatMarkdown: "マークダウン",
    formatPlain: "プレーンテキスト",
    save: "保存",
    cancel: "キャンセル",
    remove: "ウェルカムメッセージを削除",
    removeConfirm: "このルームに参加するすべての人に対してウェルカムメッセージを削除しますか？",
    removeConfirmYes: "はい、削除します",
    removeConfirmNo: "残す",
  },
};

/** Everything under `root` that sticks out of the viewport, scrolls sideways, or whose text leaves its button. */
function overflows(root: Element): string[] {
  const out: string[] = [];
  const vw = document.documentElement.clientWidth;
  for (const el of [root, ...root.querySelectorAll("*")]) {
    if (el.closest(".mnk-visually-hidden")) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width === 0) continue;
    const name = `<${el.tagName.toLowerCase()} ${el.getAttribute("data-part") ?? ""}> "${(el.textContent ?? "").slice(0, 30)}"`;
    if (rect.right > vw + 0.5 || rect.left < -0.5)
      out.push(`${name} outside viewport [${rect.left.toFixed(1)}, ${rect.right.toFixed(1)}]`);
    if (
      el instanceof HTMLElement &&
      el.tagName !== "TEXTAREA" &&
      el.scrollWidth > el.clientWidth + 1 &&
      el.clientWidth > 0
    )
      out.push(`${name} scrollWidth ${el.scrollWidth} > clientWidth ${el.clientWidth}`);
  }
  if (document.documentElement.scrollWidth > vw)
    out.push(`page scrolls sideways: ${document.documentElement.scrollWidth}`);
  return out;
}

const notices = [bareUsageLimitItem, noticeItem("$n", "Wartungsarbeiten heute Nacht.")];

for (const lang of [de, fi, ja]) {
  describe(`${lang.name} labels at 320 px`, () => {
    it("banners", async () => {
      const { container } = render(
        <NoticeBannerList notices={notices} labels={lang.banner} dismissStore={createMemoryDismissStore()} />,
      );
      const root = container.querySelector('[data-part="root"]')!;
      expect(overflows(root)).toEqual([]);
    });

    it("dialog", async () => {
      const dialog = await openWelcomeDialog({
        roomName: "Gemeinschaftsraumverwaltungsausschuss",
        text: "Be kind.",
        labels: lang.dialog,
      });
      await new Promise((r) => setTimeout(r, 250));
      expect(overflows(dialog)).toEqual([]);
    });

    it("editor with the Remove question open", async () => {
      const { client } = await moderatorsWorld([welcomeEvent("Be kind.", undefined, { sender: "@other:x" })]);
      const { container } = render(<WelcomeEditor client={client} roomId={ROOM} labels={lang.editor} />);
      fireEvent.change(container.querySelector("textarea")!, { target: { value: "Be kind, please." } });
      fireEvent.click(screen.getByRole("button", { name: lang.editor.remove! }));
      const root = container.querySelector('[data-part="root"]')!;
      expect(overflows(root)).toEqual([]);
    });
  });
}

describe("stress: one long compound word per label at 320 px", () => {
  it("editor format choice and buttons (German compounds)", async () => {
    const { client } = await moderatorsWorld();
    const { container } = render(
      <WelcomeEditor
        client={client}
        roomId={ROOM}
        labels={{
          format: "Nachrichtenformatierung",
          formatMarkdown: "Markdownformatierung",
          formatPlain: "Klartextformatierung",
          save: "Willkommensnachrichtspeicherung",
        }}
      />,
    );
    const root = container.querySelector('[data-part="root"]')!;
    expect(overflows(root)).toEqual([]);
  });

  it("dialog confirm button (German compound)", async () => {
    const dialog = await openWelcomeDialog({
      roomName: "Rules Lounge",
      text: "Be kind.",
      labels: { confirm: "Kenntnisnahmebestätigungsschaltfläche" },
    });
    await new Promise((r) => setTimeout(r, 250));
    expect(overflows(dialog)).toEqual([]);
  });
});

// Realistic-ish German compounds (Rechtschreibung aside), one per label.
const LONG = {
  heading: "Begrüßungsnachrichtenbearbeitung",
  cancel: "Bearbeitungsabbruchbestätigung",
  remove: "Begrüßungsnachrichtenentfernung",
  removeConfirm: "Begrüßungsnachrichtenentfernungsbestätigung?",
  removeConfirmYes: "Entfernungsbestätigungsschaltfläche",
  removeConfirmNo: "Beibehaltungsbestätigungsschaltfläche",
  message: "Begrüßungsnachrichteneingabefeldbeschriftung",
};

describe("stress: the editor with one long German compound in each other label at 320 px", () => {
  for (const [key, value] of Object.entries(LONG)) {
    it(`${key}: nothing overflows`, async () => {
      const { client } = await moderatorsWorld([welcomeEvent("Be kind.", undefined, { sender: "@other:x" })]);
      const { container } = render(
        <WelcomeEditor
          client={client}
          roomId={ROOM}
          labels={{ [key]: value, remove: key === "remove" ? value : "Entfernen" }}
        />,
      );
      fireEvent.change(container.querySelector("textarea")!, { target: { value: "Be kind, please." } });
      if (key.startsWith("removeConfirm")) fireEvent.click(screen.getByRole("button", { name: "Entfernen" }));
      const root = container.querySelector('[data-part="root"]')!;
      expect(overflows(root)).toEqual([]);
    });
  }
  it("the read-only note with a long compound: nothing overflows", async () => {
    const { client } = await moderatorsRoom([moderatorLevels(0)]);
    const { container } = render(
      <WelcomeEditor
        client={client}
        roomId={ROOM}
        labels={{ readOnlyPowerLevel: () => "Berechtigungsstufenunzulänglichkeitshinweis" }}
      />,
    );
    await act(async () => {});
    const root = container.querySelector('[data-part="root"]')!;
    expect(root.textContent).toContain("Berechtigungsstufen");
    expect(overflows(root)).toEqual([]);
  });
});

describe("real German labels at 320 px and an app text size of 200%", () => {
  let style: HTMLStyleElement;
  beforeEach(() => {
    style = document.createElement("style");
    style.textContent = "html { font-size: 200% } body { font-size: 1rem }";
    document.head.append(style);
  });
  afterEach(() => style.remove());
  const de = {
    heading: "Willkommensnachricht bearbeiten",
    message: "Nachricht, die beim Betreten angezeigt wird",
    save: "Speichern",
    cancel: "Abbrechen",
    remove: "Entfernen",
  };
  it("the editor: nothing overflows", async () => {
    const { client } = await moderatorsWorld([welcomeEvent("Be kind.", undefined, { sender: "@other:x" })]);
    const { container } = render(<WelcomeEditor client={client} roomId={ROOM} labels={de} />);
    const root = container.querySelector('[data-part="root"]')!;
    expect(overflows(root)).toEqual([]);
  });
});

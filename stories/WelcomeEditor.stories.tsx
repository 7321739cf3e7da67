import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, mocked, userEvent, waitFor, within } from "storybook/test";
import { saveDraft, WelcomeEditor, type WelcomeEditorLabels } from "../src";
import { loadMarkdown } from "../src/authoring/markdown";
import { memberEvent, nameEvent, stateEvent, welcomeEvent } from "../test/support/events";
import { welcomeRoom } from "../test/support/scenarios";
import type { Failure } from "../test/support/syncScript";
import { DEMO_USER, type DemoWorld, demoLoader, startDemo } from "./support/demo";
import { narrowColumn } from "./support/narrowColumn";

const ROOM = "!lounge:example.org";
const LABEL = "Message shown to people when they join";

const powerLevels = (level: number) =>
  stateEvent("m.room.power_levels", {
    users: { [DEMO_USER]: level, "@mod:example.org": 100 },
    users_default: 0,
    state_default: 50,
  });

const room = (level: number, welcome: ReturnType<typeof welcomeEvent>[] = []) =>
  welcomeRoom(DEMO_USER, ROOM, {
    joinTs: Date.now() - 30 * 86_400_000,
    welcome: [powerLevels(level), ...welcome],
  });

/** A loader whose homeserver answers every welcome save with `failure` (the room has `welcome`, if given). */
const savesFail =
  (failure: Failure, welcome: ReturnType<typeof welcomeEvent>[] = []) =>
  async () => {
    const world = await startDemo(room(100, welcome));
    world.script.fail({ method: "PUT", path: /\/state\// }, failure, 100);
    return { world };
  };

/** Types `text` into the editor and presses Save; returns the canvas queries. */
async function typeAndSave(canvasElement: HTMLElement, text: string) {
  const canvas = within(canvasElement);
  await userEvent.type(canvas.getByLabelText(LABEL), text);
  await userEvent.click(canvas.getByRole("button", { name: "Save" }));
  return canvas;
}

const meta = {
  title: "Welcome messages/WelcomeEditor",
  component: WelcomeEditor,
  parameters: {
    docs: {
      description: { component: "Room moderators write, preview and publish the room's welcome message." },
    },
  },
  // Drafts live in localStorage: start every story without one (meta loaders run before the story's).
  loaders: [
    async () => {
      localStorage.clear();
      return {};
    },
  ],
  render: (args, { loaded }) => (
    <WelcomeEditor {...args} client={(loaded.world as DemoWorld).client} roomId={ROOM} />
  ),
} satisfies Meta<typeof WelcomeEditor>;
export default meta;
type Story = StoryObj<typeof meta>;

/** A room without a welcome: the moderator writes Markdown and sees the live preview, then saves. */
export const EmptyRoom: Story = {
  args: {} as never,
  loaders: [demoLoader(() => room(100))],
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    await userEvent.type(
      canvas.getByLabelText(LABEL),
      "# House rules{enter}{enter}1. Be **kind**{enter}2. No spam",
    );
    await expect(await canvas.findByRole("heading", { name: "House rules", level: 1 })).toBeVisible();
    await userEvent.click(canvas.getByRole("button", { name: "Save" }));
    await expect(await canvas.findByText("Welcome message saved.")).toBeVisible();
    const { script } = loaded.world as DemoWorld;
    await expect(script.requestsTo(/\/state\/org\.matrix\.msc3857\.welcome/, "PUT")).toHaveLength(1);
  },
};

/**
 * Another app's formatted message (HTML, no Markdown source) opens as Markdown that says the same (see
 * `ExistingMarkdown` for one the kit wrote from Markdown, and `FormattingNotKept` for HTML Markdown cannot say).
 */
export const ExistingMessage: Story = {
  args: {} as never,
  loaders: [
    demoLoader(() =>
      room(100, [
        welcomeEvent(
          "Welcome!\nPlease read the pinned rules before posting.",
          "<h2>Welcome!</h2><p>Please read the pinned rules before posting.</p>",
        ),
      ]),
    ),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByLabelText(LABEL)).toHaveValue(
      "## Welcome!\n\nPlease read the pinned rules before posting.",
    );
    await expect(canvas.getByRole("button", { name: "Remove welcome message" })).not.toHaveAttribute(
      "aria-disabled",
    );
    await expect(await canvas.findByRole("heading", { name: "Welcome!", level: 2 })).toBeVisible();
  },
};

/**
 * Another app's message with formatting Markdown cannot say (a colour, underline) opens as its text, and the editor
 * says that a save keeps only that text.
 */
export const FormattingNotKept: Story = {
  args: {} as never,
  loaders: [
    demoLoader(() =>
      room(100, [
        welcomeEvent(
          "Welcome! Please read the pinned rules before posting.",
          '<p><font data-mx-color="#0467dd">Welcome!</font> Please read the <u>pinned rules</u> before posting.</p>',
        ),
      ]),
    ),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByLabelText(LABEL)).toHaveValue(
      "Welcome! Please read the pinned rules before posting.",
    );
    await expect(canvas.getByText(/formatted in another app/)).toBeVisible();
  },
};

/** A member without the power level sees the message read-only, with the reason. */
export const NoPermission: Story = {
  args: {} as never,
  loaders: [demoLoader(() => room(0, [welcomeEvent("Only moderators can change this.")]))],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText(/needs power level 50, and yours is 0/)).toBeVisible();
    await expect(canvas.getByLabelText(LABEL)).toHaveAttribute("readonly");
    await expect(canvas.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
  },
};

/**
 * The homeserver refuses the save: the error shows and the draft stays.
 *
 * Open in Canvas: its state is reached by its play function.
 */
export const SaveError: Story = {
  args: {} as never,
  loaders: [savesFail({ status: 403, errcode: "M_FORBIDDEN" })],
  play: async ({ canvasElement }) => {
    const canvas = await typeAndSave(canvasElement, "Rules that will not save");
    await expect(await canvas.findByRole("alert")).toHaveTextContent("you don't have permission");
    await expect(canvas.getByLabelText(LABEL)).toHaveValue("Rules that will not save");
  },
};

/**
 * The Markdown renderer (loaded on demand) fails to load, as a lazy chunk does offline: the editor says so, and Save
 * is unavailable (it still takes focus and says why), since publishing would send the raw Markdown. Typing again
 * retries the load. Here `loadMarkdown` is mocked (`sb.mock` in .storybook/preview.tsx) to fail once.
 */
export const MarkdownUnavailable: Story = {
  args: {} as never,
  beforeEach: () => {
    mocked(loadMarkdown).mockRejectedValueOnce(
      new TypeError("Failed to fetch dynamically imported module (offline)"),
    );
    // Back to the real renderer for the stories after this one (also if this editor never asked for it).
    return () => {
      mocked(loadMarkdown).mockReset();
    };
  },
  loaders: [
    async () => {
      saveDraft(ROOM, { format: "markdown", source: "Be **kind** to everyone." }, DEMO_USER);
      return { world: await startDemo(room(100)) };
    },
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const alert = await canvas.findByRole("alert");
    await expect(alert).toHaveTextContent("The Markdown preview couldn't be loaded.");
    await expect(canvas.getByLabelText(LABEL)).toHaveValue("Be **kind** to everyone.");
    const save = canvas.getByRole("button", { name: "Save" });
    await expect(save).toHaveAttribute("aria-disabled", "true");
    await expect(save).toHaveAccessibleDescription(expect.stringContaining("couldn't be loaded"));
    // No raw Markdown dressed up as a preview.
    await expect(canvasElement.querySelector('[data-part="preview"] strong')).toBeNull();
  },
};

/**
 * The homeserver rate-limits the save (429 `M_LIMIT_EXCEEDED`): the author is told it is busy and to wait, and the
 * draft stays to try again.
 *
 * Open in Canvas: its state is reached by its play function.
 */
export const SaveRateLimited: Story = {
  args: {} as never,
  loaders: [
    savesFail({
      status: 429,
      errcode: "M_LIMIT_EXCEEDED",
      error: "Too Many Requests",
      data: { retry_after_ms: 2000 },
    }),
  ],
  play: async ({ canvasElement, loaded }) => {
    const canvas = await typeAndSave(canvasElement, "Rules sent too fast");
    const alert = await canvas.findByRole("alert");
    await expect(alert).toHaveTextContent("The homeserver is busy");
    await expect(alert).toHaveTextContent("Your draft is kept.");
    await expect(canvas.getByLabelText(LABEL)).toHaveValue("Rules sent too fast");
    await expect(canvas.getByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled");
    const { script } = loaded.world as DemoWorld;
    await expect(script.requestsTo(/\/state\//, "PUT")).toHaveLength(1);
  },
};

const longRules = Array.from(
  { length: 80 },
  (_, i) => `${i + 1}. Rule number ${i + 1}: keep discussions on topic and be **respectful** to everyone.`,
).join("\n");

/** A long message: the preview scrolls, the size indicator shows how much of an event it uses. */
export const LongMessage: Story = {
  args: {} as never,
  loaders: [
    async () => {
      saveDraft(ROOM, { format: "markdown", source: longRules }, DEMO_USER);
      return { world: await startDemo(room(100)) };
    },
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const preview = canvasElement.querySelector<HTMLElement>('[data-part="preview"]')!;
    await waitFor(() => expect(preview.querySelectorAll("li")).toHaveLength(80));
    await expect(preview.scrollHeight).toBeGreaterThan(preview.clientHeight);
    await expect(canvas.getByText(/of 63,488 bytes/)).toBeVisible();
  },
};

/** Right to left: Arabic labels and message. */
export const RightToLeft: Story = {
  args: {
    labels: {
      heading: "رسالة الترحيب",
      format: "التنسيق",
      formatMarkdown: "ماركداون",
      formatPlain: "نص عادي",
      message: "الرسالة التي تظهر عند الانضمام",
      markdownHint: "يدعم ماركداون.",
      preview: "معاينة",
      previewEmpty: "لا شيء للمعاينة بعد.",
      save: "حفظ",
      cancel: "إلغاء",
      remove: "حذف رسالة الترحيب",
    },
  } as never,
  globals: { dir: "rtl" },
  loaders: [demoLoader(() => room(100, [welcomeEvent("مرحبًا بكم في الغرفة!\nيرجى قراءة القواعد.")]))],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByRole("heading", { name: "رسالة الترحيب" })).toBeVisible();
    await expect(canvas.getByLabelText("الرسالة التي تظهر عند الانضمام")).toHaveAttribute("dir", "auto");
  },
};

const germanEditor: Partial<WelcomeEditorLabels> = {
  heading: "Willkommensnachricht",
  format: "Format",
  formatMarkdown: "Markdown",
  formatPlain: "Nur Text",
  message: "Nachricht für alle, die dem Raum beitreten",
  preview: "Vorschau",
  previewEmpty: "Noch nichts in der Vorschau.",
  save: "Speichern",
  cancel: "Abbrechen",
  remove: "Willkommensnachricht entfernen",
};

/**
 * The editor in a 320px-wide column (a small phone), with German labels and a message with a long link: everything
 * wraps, nothing scrolls sideways, and every button stays inside the editor.
 */
export const WelcomeEditorNarrow: Story = {
  args: { labels: germanEditor } as never,
  loaders: [
    demoLoader(() =>
      room(100, [
        welcomeEvent(
          "Willkommen! Bitte lies die Hausordnung: https://example.org/gemeinschaftsrichtlinien/hausordnung-und-verhaltenskodex",
        ),
      ]),
    ),
  ],
  decorators: [narrowColumn],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const source = canvas.getByLabelText<HTMLTextAreaElement>("Nachricht für alle, die dem Raum beitreten");
    await expect(source.value).toContain("Hausordnung");
    const column = canvas.getByTestId("narrow").getBoundingClientRect();
    await expect(column.width).toBe(320);
    const editor = canvasElement.querySelector<HTMLElement>(".mnk-welcome-editor")!;
    const box = editor.getBoundingClientRect();
    await expect(box.right).toBeLessThanOrEqual(column.right);
    await expect(editor.scrollWidth).toBeLessThanOrEqual(editor.clientWidth);
    const preview = editor.querySelector<HTMLElement>('[data-part="preview"]')!;
    await waitFor(() => expect(within(preview).getByRole("link")).toBeVisible());
    await expect(preview.scrollWidth).toBeLessThanOrEqual(preview.clientWidth);
    for (const button of canvas.getAllByRole("button")) {
      const b = button.getBoundingClientRect();
      await expect(b.left).toBeGreaterThanOrEqual(box.left);
      await expect(b.right).toBeLessThanOrEqual(box.right);
    }
  },
};

/** Types a draft over "Be kind.", then `sender` publishes "Be kind. No bots." while it is open. */
async function draftThenEditionBy(
  sender: string,
  canvasElement: HTMLElement,
  loaded: Record<string, unknown>,
) {
  const canvas = within(canvasElement);
  const box = canvas.getByLabelText(LABEL);
  await userEvent.clear(box);
  await userEvent.type(box, "Be kind. No spam.");
  const { script } = loaded.world as DemoWorld;
  await script.push({
    join: {
      [ROOM]: { timeline: [welcomeEvent("Be kind. No bots.", undefined, { unstable: true, sender })] },
    },
  });
  return { canvas, box };
}

/**
 * Another moderator publishes a new edition while this one has a draft open: the editor says so (saving would
 * replace theirs) and offers to load it instead (loading it is covered by the unit tests).
 *
 * Open in Canvas: its state is reached by its play function.
 */
export const ChangedElsewhere: Story = {
  args: {} as never,
  loaders: [demoLoader(() => room(100, [welcomeEvent("Be kind.", undefined, { unstable: true })]))],
  play: async ({ canvasElement, loaded }) => {
    const { canvas, box } = await draftThenEditionBy("@mod:example.org", canvasElement, loaded);
    await expect(await canvas.findByText(/Someone else changed the welcome message/)).toBeVisible();
    // Left here for designers: the notice, the author's draft, and the way to load theirs instead.
    await expect(box).toHaveValue("Be kind. No spam.");
    await expect(canvas.getByRole("button", { name: "Discard my draft and load theirs" })).toBeVisible();
  },
};

/**
 * The same moderator published another edition in another tab (or on another device) while this draft was open: the
 * notice says it was them, and the button loads that version.
 *
 * Open in Canvas: its state is reached by its play function.
 */
export const ChangedInAnotherTab: Story = {
  args: {} as never,
  loaders: [demoLoader(() => room(100, [welcomeEvent("Be kind.", undefined, { unstable: true })]))],
  play: async ({ canvasElement, loaded }) => {
    const { canvas, box } = await draftThenEditionBy(DEMO_USER, canvasElement, loaded);
    await expect(await canvas.findByText(/You changed the welcome message in another tab/)).toBeVisible();
    await expect(box).toHaveValue("Be kind. No spam.");
    await expect(
      canvas.getByRole("button", { name: "Discard this draft and load that version" }),
    ).toBeVisible();
  },
};

/** A room without a welcome, before the moderator types: the empty preview. */
export const NothingYet: Story = {
  args: {} as never,
  loaders: [demoLoader(() => room(100))],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByText("Nothing to preview yet.")).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
  },
};

/** An existing welcome on the dark theme (the Theme toolbar set to Dark). */
export const DarkTheme: Story = {
  args: {} as never,
  globals: { theme: "dark" },
  loaders: [demoLoader(() => room(100, [welcomeEvent("Welcome!\nPlease read the pinned rules.")]))],
  play: async ({ canvasElement }) => {
    const editor = canvasElement.querySelector(".mnk-welcome-editor")!;
    await expect(editor.closest("[data-theme]")).toHaveAttribute("data-theme", "dark");
    await expect(within(canvasElement).getByLabelText(LABEL)).toHaveValue(
      "Welcome!\nPlease read the pinned rules.",
    );
  },
};

/**
 * Remove clears the welcome for everyone, so it asks first; "Keep it" has focus (Escape keeps it too).
 *
 * Open in Canvas: its state is reached by its play function.
 */
export const ConfirmRemoval: Story = {
  args: {} as never,
  loaders: [demoLoader(() => room(100, [welcomeEvent("Old rules.")]))],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Remove welcome message" }));
    await expect(
      canvas.getByRole("group", { name: "Remove the welcome message for everyone who joins this room?" }),
    ).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Keep it" })).toHaveFocus();
    await expect(canvas.getByRole("button", { name: "Yes, remove it" })).not.toHaveAttribute("aria-disabled");
  },
};

/**
 * The moderator removes the welcome: the editor confirms it and starts empty.
 *
 * Open in Canvas: its state is reached by its play function.
 */
export const Removed: Story = {
  args: {} as never,
  loaders: [demoLoader(() => room(100, [welcomeEvent("Old rules.")]))],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Remove welcome message" }));
    await userEvent.click(canvas.getByRole("button", { name: "Yes, remove it" }));
    await expect(await canvas.findByText("Welcome message removed.")).toBeVisible();
    await expect(canvas.getByLabelText(LABEL)).toHaveValue("");
  },
};

/**
 * An app that asks itself (`confirmRemoval={false}`): Remove removes on the first press. From the keyboard, focus stays
 * on Remove, now unavailable, while "removed" is announced; it moves to the text area when Remove goes with the
 * removal's echo (this demo homeserver sends none, so the story stays in that moment).
 */
export const RemovedWithoutQuestion: Story = {
  args: { confirmRemoval: false } as never,
  loaders: [demoLoader(() => room(100, [welcomeEvent("Old rules.")]))],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    canvas.getByRole("button", { name: "Remove welcome message" }).focus();
    await userEvent.keyboard("{Enter}");
    await expect(await canvas.findByText("Welcome message removed.")).toBeVisible();
    const remove = canvas.getByRole("button", { name: "Remove welcome message" });
    await expect(remove).toHaveFocus();
    await expect(remove).toHaveAttribute("aria-disabled", "true");
  },
};

/**
 * While the homeserver has not answered yet: Save says so and nothing can be sent twice.
 *
 * Open in Canvas: its state is reached by its play function.
 */
export const Saving: Story = {
  args: {} as never,
  loaders: [
    async () => {
      const world = await startDemo(room(100));
      world.script.route({ method: "PUT", path: /\/state\// }, () => new Promise<never>(() => undefined));
      return { world };
    },
  ],
  play: async ({ canvasElement }) => {
    const canvas = await typeAndSave(canvasElement, "Rules on their way");
    await expect(await canvas.findByRole("button", { name: "Saving…" })).toHaveAttribute(
      "aria-disabled",
      "true",
    );
  },
};

/** The homeserver rejects the message as too large (`M_TOO_LARGE`): the author is told to shorten it. */
export const TooLargeForTheServer: Story = {
  args: {} as never,
  loaders: [savesFail({ status: 413, errcode: "M_TOO_LARGE" })],
  play: async ({ canvasElement }) => {
    const canvas = await typeAndSave(canvasElement, "A message this server finds too long");
    await expect(await canvas.findByRole("alert")).toHaveTextContent("too long to be sent");
  },
};

/** A draft over the size of one event: the counter is flagged and Save is off until it is shortened. */
export const OverTheLimit: Story = {
  args: {} as never,
  loaders: [
    async () => {
      const source = "Please be kind to everyone here. ".repeat(2_100);
      saveDraft(ROOM, { format: "plain", source }, DEMO_USER);
      return { world: await startDemo(room(100)) };
    },
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvasElement.querySelector('[data-part="size"]')).toHaveAttribute(
      "data-over-limit",
      "true",
    );
    await expect(canvas.getByLabelText(LABEL)).toHaveAttribute("aria-invalid", "true");
    await expect(canvas.getByLabelText(LABEL)).toHaveAccessibleDescription(
      expect.stringContaining("too long to be sent"),
    );
    await expect(canvas.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
  },
};

/** Invited but not joined yet: the editor is read-only and says why. */
export const NotJoined: Story = {
  args: {} as never,
  loaders: [
    demoLoader(() => ({
      invite: {
        [ROOM]: [
          memberEvent("@mod:example.org", "join"),
          memberEvent(DEMO_USER, "invite", { sender: "@mod:example.org" }),
          nameEvent("Rules Lounge", { sender: "@mod:example.org" }),
        ],
      },
    })),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText("Join the room to edit its welcome message.")).toBeVisible();
    await expect(canvas.getByLabelText(LABEL)).toHaveAttribute("readonly");
  },
};

/** A room the client does not know (yet): read-only, with the reason. */
export const UnknownRoom: Story = {
  args: {} as never,
  loaders: [demoLoader({})],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(await canvas.findByText(/This room isn't available yet/)).toBeVisible();
    await expect(canvas.getByRole("button", { name: "Save" })).toHaveAttribute("aria-disabled", "true");
  },
};

/**
 * Keyboard only: the moderator types, tabs to Save and presses Enter. Save is unavailable while the message is sent
 * (and stays so, nothing being unsaved) but keeps focus (`aria-disabled`), so "Saved" is announced once and the next
 * Tab goes on from where the moderator was.
 */
export const KeyboardSave: Story = {
  args: { defaultFormat: "plain" } as never,
  loaders: [demoLoader(() => room(100))],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const textarea = canvas.getByLabelText(LABEL);
    await userEvent.click(textarea);
    await userEvent.keyboard("Be kind.");
    const save = canvas.getByRole("button", { name: "Save" });
    await waitFor(() => expect(save).not.toHaveAttribute("aria-disabled"));
    save.focus();
    await userEvent.keyboard("{Enter}");
    await expect(await canvas.findByText("Welcome message saved.")).toBeVisible();
    // Focus stays where the author pressed: Save, now with nothing left to save.
    await expect(save).toHaveFocus();
    await expect(save).toHaveAttribute("aria-disabled", "true");
  },
};

const longDraft = Array.from(
  { length: 100 },
  (_, i) => `${i + 1}. Rule ${i + 1}: stay on topic and be **respectful** to everyone here.`,
).join("\n");

/**
 * A long Markdown draft (100 rules, rendered to well over 10 KB): the preview renders at a
 * lower priority than typing, so the text area keeps up; Save pressed straight after typing publishes what was
 * typed, even while the preview is a keystroke behind.
 */
export const LongDraftTyping: Story = {
  args: {} as never,
  loaders: [
    async () => {
      saveDraft(ROOM, { format: "markdown", source: longDraft }, DEMO_USER);
      return { world: await startDemo(room(100)) };
    },
  ],
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const preview = canvasElement.querySelector<HTMLElement>('[data-part="preview"]')!;
    await waitFor(() => expect(preview.querySelectorAll("li")).toHaveLength(100));
    const textarea = canvas.getByLabelText(LABEL);
    await userEvent.click(textarea);
    await userEvent.keyboard("{Control>}{End}{/Control}{enter}101. Last rule: have fun");
    await expect(textarea).toHaveValue(`${longDraft}\n101. Last rule: have fun`);
    await userEvent.click(canvas.getByRole("button", { name: "Save" }));
    await expect(await canvas.findByText("Welcome message saved.")).toBeVisible();
    const { script } = loaded.world as DemoWorld;
    const [put] = script.requestsTo(/\/state\/org\.matrix\.msc3857\.welcome/, "PUT");
    const sent = JSON.stringify(put!.body);
    await expect(sent).toContain("101. Last rule: have fun");
    await expect(sent).toContain("Last rule: have fun</li>");
    await waitFor(() => expect(preview.querySelectorAll("li")).toHaveLength(101));
  },
};

/** The connection drops while saving: the author is told to check it, and the draft stays to try again. */
export const SaveFailsOffline: Story = {
  args: {} as never,
  loaders: [savesFail("network")],
  play: async ({ canvasElement }) => {
    const canvas = await typeAndSave(canvasElement, "Rules written on a train");
    await expect(await canvas.findByRole("alert")).toHaveTextContent("Check your connection");
    await expect(canvas.getByLabelText(LABEL)).toHaveValue("Rules written on a train");
    await expect(canvas.getByRole("button", { name: "Save" })).not.toHaveAttribute("aria-disabled");
  },
};

/** Remove is refused by the homeserver: the error shows and the welcome stays as it was. */
export const RemoveFails: Story = {
  args: {} as never,
  loaders: [savesFail({ status: 403, errcode: "M_FORBIDDEN" }, [welcomeEvent("Rules that stay.")])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Remove welcome message" }));
    await userEvent.click(canvas.getByRole("button", { name: "Yes, remove it" }));
    await expect(await canvas.findByRole("alert")).toHaveTextContent("you don't have permission");
    await expect(canvas.getByLabelText(LABEL)).toHaveValue("Rules that stay.");
    await expect(canvas.getByRole("button", { name: "Remove welcome message" })).not.toHaveAttribute(
      "aria-disabled",
    );
  },
};

/** The homeserver is over its usage limit (monthly active users) and refuses the save: the author is told so. */
export const SaveRefusedUsageLimit: Story = {
  args: {} as never,
  loaders: [
    savesFail({
      status: 403,
      errcode: "M_RESOURCE_LIMIT_EXCEEDED",
      error: "Monthly Active User Limit Exceeded",
      data: { limit_type: "monthly_active_user", admin_contact: "mailto:admin@example.org" },
    }),
  ],
  play: async ({ canvasElement }) => {
    const canvas = await typeAndSave(canvasElement, "Rules for a full server");
    await expect(await canvas.findByRole("alert")).toHaveTextContent("reached a usage limit");
    await expect(canvas.getByLabelText(LABEL)).toHaveValue("Rules for a full server");
  },
};

/** The connection drops while removing: the author is told the welcome couldn't be removed, and it stays. */
export const RemoveFailsOffline: Story = {
  args: {} as never,
  loaders: [savesFail("network", [welcomeEvent("Rules that stay.")])],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.click(canvas.getByRole("button", { name: "Remove welcome message" }));
    await userEvent.click(canvas.getByRole("button", { name: "Yes, remove it" }));
    await expect(await canvas.findByRole("alert", {}, { timeout: 5000 })).toHaveTextContent(
      "couldn't be removed",
    );
    await expect(canvas.getByLabelText(LABEL)).toHaveValue("Rules that stay.");
  },
};

const markdownSource = "## Welcome!\n\nPlease read the **pinned rules** before posting.";

/** A welcome this editor wrote from Markdown opens as its Markdown source again, not as the derived text. */
export const ExistingMarkdown: Story = {
  args: {} as never,
  loaders: [
    demoLoader(() =>
      room(100, [
        stateEvent("m.room.welcome", {
          "m.room.welcome": {
            "m.message": [
              {
                mimetype: "text/html",
                body: "<h2>Welcome!</h2><p>Please read the <strong>pinned rules</strong> before posting.</p>",
              },
              { mimetype: "text/plain", body: "Welcome!\n\nPlease read the pinned rules before posting." },
              { mimetype: "text/markdown", body: markdownSource },
            ],
          },
        }),
      ]),
    ),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await expect(canvas.getByLabelText(LABEL)).toHaveValue(markdownSource);
    await waitFor(() => expect(canvasElement.querySelector("strong")).toHaveTextContent("pinned rules"));
  },
};

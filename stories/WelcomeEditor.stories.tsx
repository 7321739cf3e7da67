import type { Meta, StoryObj } from "@storybook/react-vite";
import { expect, userEvent, waitFor, within } from "storybook/test";
import { WelcomeEditor } from "../src";
import { stateEvent, welcomeEvent } from "../test/support/events";
import { welcomeRoom } from "../test/support/scenarios";
import { DEMO_USER, type DemoWorld, demoLoader, startDemo } from "./support/demo";

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

/** An existing message opens for editing (its Markdown source when the kit wrote it, else its text). */
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
      "Welcome!\nPlease read the pinned rules before posting.",
    );
    await expect(canvas.getByRole("button", { name: "Remove welcome message" })).toBeEnabled();
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
    await expect(canvas.getByRole("button", { name: "Save" })).toBeDisabled();
  },
};

/** The homeserver refuses the save: the error shows and the draft stays. */
export const SaveError: Story = {
  args: {} as never,
  loaders: [
    async () => {
      const world = await startDemo(room(100));
      world.script.fail({ method: "PUT", path: /\/state\// }, { status: 403, errcode: "M_FORBIDDEN" }, 100);
      return { world };
    },
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    await userEvent.type(canvas.getByLabelText(LABEL), "Rules that will not save");
    await userEvent.click(canvas.getByRole("button", { name: "Save" }));
    await expect(await canvas.findByRole("alert")).toHaveTextContent("you don't have permission");
    await expect(canvas.getByLabelText(LABEL)).toHaveValue("Rules that will not save");
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
      localStorage.setItem(
        `matrix-notice-kit:welcome-draft:${ROOM}`,
        JSON.stringify({ format: "markdown", source: longRules }),
      );
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

/**
 * Another moderator publishes a new edition while this one has a draft open: the editor says so (saving would
 * replace theirs) and offers to load it instead.
 */
export const ChangedElsewhere: Story = {
  args: {} as never,
  loaders: [demoLoader(() => room(100, [welcomeEvent("Be kind.", undefined, { unstable: true })]))],
  play: async ({ canvasElement, loaded }) => {
    const canvas = within(canvasElement);
    const box = canvas.getByLabelText(LABEL);
    await userEvent.clear(box);
    await userEvent.type(box, "Be kind. No spam.");
    const { script } = loaded.world as DemoWorld;
    await script.push({
      join: {
        [ROOM]: {
          timeline: [
            welcomeEvent("Be kind. No bots.", undefined, { unstable: true, sender: "@mod:example.org" }),
          ],
        },
      },
    });
    await expect(await canvas.findByText(/Someone else changed the welcome message/)).toBeVisible();
    await userEvent.click(canvas.getByRole("button", { name: "Discard my draft and load theirs" }));
    await expect(box).toHaveValue("Be kind. No bots.");
  },
};

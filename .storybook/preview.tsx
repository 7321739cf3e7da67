import type { Decorator, Preview } from "@storybook/react-vite";
import { sb } from "storybook/test";
import "../src/styles.css";
import "./preview.css";
import { stopDemos } from "../stories/support/demo";

// The lazily loaded Markdown renderer, spied on (it still renders): WelcomeEditor's MarkdownUnavailable story makes it
// fail as an offline chunk load does. A path Node can resolve, with its extension (Storybook resolves it at startup).
sb.mock("../src/authoring/markdown.ts", { spy: true });

/**
 * Applies the theme (light/dark/system) and direction (ltr/rtl) toolbars to every story. "System" leaves `data-theme`
 * off, so the OS's `prefers-color-scheme` decides, as in an app without a theme switch of its own.
 */
const withThemeAndDirection: Decorator = (Story, context) => {
  const theme = (context.globals.theme as string | undefined) ?? "light";
  const dir = (context.globals.dir as string | undefined) ?? "ltr";
  return (
    <div className="mnk-story-frame" data-theme={theme === "system" ? undefined : theme} dir={dir}>
      <Story />
    </div>
  );
};

const preview: Preview = {
  tags: ["autodocs"],
  decorators: [withThemeAndDirection],
  // Each story's demo client is stopped when the next story starts (no sync loops or listeners left running).
  beforeEach: () => stopDemos,
  globalTypes: {
    theme: {
      description: "Colour scheme",
      toolbar: {
        title: "Theme",
        icon: "mirror",
        items: [
          { value: "light", title: "Light" },
          { value: "dark", title: "Dark" },
          { value: "system", title: "System (prefers-color-scheme)" },
        ],
        dynamicTitle: true,
      },
    },
    dir: {
      description: "Text direction",
      toolbar: {
        title: "Direction",
        icon: "transfer",
        items: [
          { value: "ltr", title: "Left to right" },
          { value: "rtl", title: "Right to left" },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { theme: "light", dir: "ltr" },
  parameters: {
    a11y: { test: "error" },
    controls: { expanded: true },
    layout: "padded",
  },
};
export default preview;

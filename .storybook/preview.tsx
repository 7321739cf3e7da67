import type { Decorator, Preview } from "@storybook/react-vite";
import "../src/styles.css";
import "./preview.css";
import { stopDemos } from "../stories/support/demo";

/** Applies the theme (light/dark) and direction (ltr/rtl) toolbars to every story. */
const withThemeAndDirection: Decorator = (Story, context) => {
  const theme = (context.globals.theme as string | undefined) ?? "light";
  const dir = (context.globals.dir as string | undefined) ?? "ltr";
  return (
    <div className="mnk-story-frame" data-theme={theme} dir={dir}>
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

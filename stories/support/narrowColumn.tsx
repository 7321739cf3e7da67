import type { Decorator } from "@storybook/react-vite";

/** Renders the story in a 320px-wide column (a small phone), found by its test id `narrow`. */
export const narrowColumn: Decorator = (Story) => (
  <div style={{ inlineSize: "320px" }} data-testid="narrow">
    <Story />
  </div>
);

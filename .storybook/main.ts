import type { StorybookConfig } from "@storybook/react-vite";

/** Hand-written Storybook config: react-vite, docs, a11y and the vitest addon; no telemetry, no network. */
const config: StorybookConfig = {
  framework: { name: "@storybook/react-vite", options: {} },
  stories: ["../stories/**/*.mdx", "../stories/**/*.stories.@(ts|tsx)"],
  addons: ["@storybook/addon-docs", "@storybook/addon-a11y", "@storybook/addon-vitest"],
  core: { disableTelemetry: true, disableWhatsNewNotifications: true, enableCrashReports: false },
  typescript: { reactDocgen: "react-docgen-typescript" },
  viteFinal: async (viteConfig) => {
    // The project's vite.config.ts is for the library build: its lib mode and stylesheet emitter are not for Storybook.
    viteConfig.plugins = (viteConfig.plugins ?? []).filter(
      (p) => !(p && typeof p === "object" && "name" in p && p.name === "mnk-stylesheet"),
    );
    if (viteConfig.build) delete viteConfig.build.lib;
    viteConfig.resolve ??= {};
    viteConfig.resolve.dedupe = [...(viteConfig.resolve.dedupe ?? []), "matrix-js-sdk", "react", "react-dom"];
    return viteConfig;
  },
};
export default config;

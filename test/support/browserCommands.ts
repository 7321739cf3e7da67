/**
 * The browser tier's own commands (vite.config.ts `browserCommands`), typed for `commands` from "vitest/browser":
 * import this module in a browser test that calls them.
 */

/** Playwright's media emulation as `emulateMedia` takes it (`null` ends an emulation). */
export type EmulatedMedia = {
  colorScheme?: "light" | "dark" | null;
  forcedColors?: "active" | "none" | null;
};

declare module "vitest/browser" {
  interface BrowserCommands {
    /** Emulates a colour scheme or forced colours in the test's page. */
    emulateMedia: (media: EmulatedMedia) => Promise<void>;
    /** styles.css (or `code`) lowered as Vite's build lowers CSS for its default targets. */
    lowerCss: (code?: string) => Promise<{ css: string; targets: string[] }>;
  }
}

import * as a11yAddonAnnotations from "@storybook/addon-a11y/preview";
import { setProjectAnnotations } from "@storybook/react-vite";
import * as projectAnnotations from "./preview";

// Stories run as tests in Chromium with their play functions and the a11y checks (violations fail).
setProjectAnnotations([a11yAddonAnnotations, projectAnnotations]);

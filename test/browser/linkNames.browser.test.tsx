/**
 * What Chromium gives a screen reader for the kit's links now that their text and new-tab hint sit in spans of their
 * own (for page translators): one name with one space before the hint, as before.
 */
import "../../src/styles.css";
import { render } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  createMemoryDismissStore,
  defaultWelcomeDialogLabels,
  NoticeBannerList,
  WelcomeBody,
} from "../../src";
import { axTree } from "../support/axTree";
import { noticeItem, usageLimitItem } from "../support/noticeItems";
import { textWelcome } from "../support/welcomeMessage";

async function linkNames(): Promise<unknown[]> {
  const { nodes } = await axTree();
  return nodes.filter((n) => !n.ignored && n.role?.value === "link").map((n) => n.name?.value);
}

describe("links' accessible names in Chromium", () => {
  it("a usage limit's contact link and a notice's linkified URL each end with the hint after one space", async () => {
    render(
      <NoticeBannerList
        notices={[usageLimitItem, noticeItem("$a", "See https://status.example.org now")]}
        dismissStore={createMemoryDismissStore()}
      />,
    );
    expect(await linkNames()).toEqual([
      "Contact your server administrator (opens in a new tab)",
      "https://status.example.org (opens in a new tab)",
    ]);
  });

  it("a plain-text welcome's link ends with the hint after one space", async () => {
    render(
      <WelcomeBody
        message={textWelcome("Rules: https://example.org/rules")}
        labels={defaultWelcomeDialogLabels}
      />,
    );
    expect(await linkNames()).toEqual(["https://example.org/rules (opens in a new tab)"]);
  });
});

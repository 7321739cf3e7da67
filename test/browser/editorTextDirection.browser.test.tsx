/**
 * The editor's text area in a right-to-left page while a Markdown line starts ("# ", "- ", "1. "): it keeps the page's
 * direction until a letter decides (a second review's probe: the caret jumped sides before).
 */
import "../../src/styles.css";
import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { WelcomeEditor } from "../../src";
import { EDITOR_ROOM, moderatorsWorld } from "../support/editor";
import { welcomeEvent } from "../support/events";

afterEach(() => {
  document.documentElement.removeAttribute("dir");
});

describe("given the editor in an Arabic UI", () => {
  it("typing '# ' (a Markdown heading) then Arabic: the text area keeps the page's RTL throughout", async () => {
    document.documentElement.dir = "rtl";
    const { client } = await moderatorsWorld([welcomeEvent("v1", undefined, { unstable: true })]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} defaultFormat="markdown" />);
    const box = await screen.findByRole("textbox");
    await act(async () => fireEvent.change(box, { target: { value: "" } }));
    const seen: string[] = [];
    for (const value of ["", "#", "# ", "# أ", "# أهلًا"]) {
      await act(async () => fireEvent.change(box, { target: { value } }));
      seen.push(`${JSON.stringify(value)}:${box.matches(":dir(rtl)") ? "rtl" : "ltr"}`);
    }
    expect(seen).toEqual(['"":rtl', '"#":rtl', '"# ":rtl', '"# أ":rtl', '"# أهلًا":rtl']);
  });
});

/** Given a welcome whose stored Markdown source is blank, the editor opens with the text readers see (a review probe). */
import { act, render, screen } from "@testing-library/react";
import { afterEach, expect, it } from "vitest";
import { WelcomeEditor } from "../../src";
import { EDITOR_LABEL, EDITOR_ROOM, moderatorsWorld } from "../support/editor";
import { stateEvent } from "../support/events";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
afterEach(() => localStorage.clear());

for (const blank of ["", "   ", "\n\n"])
  it(`a welcome "Be kind" with a blank (${JSON.stringify(blank)}) text/markdown entry opens as its text, not as an empty draft`, async () => {
    const content = {
      "m.room.welcome": {
        "m.text": [
          { mimetype: "text/plain", body: "Be kind" },
          { mimetype: "text/markdown", body: blank },
        ],
      },
    };
    const { client } = await moderatorsWorld([
      stateEvent("m.room.welcome", content, { sender: "@other:example.org" }),
    ]);
    render(<WelcomeEditor client={client} roomId={EDITOR_ROOM} />);
    await act(() => sleep(30));
    expect((screen.getByLabelText(EDITOR_LABEL) as HTMLTextAreaElement).value).toBe("Be kind");
  });

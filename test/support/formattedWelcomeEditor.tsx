/** The welcome editor opened on another app's formatted welcome ("House **rules**"), inside a crash boundary. */
import { render, screen } from "@testing-library/react";
import { WelcomeEditor } from "../../src";
import { CrashBoundary } from "./crashBoundary";
import { EDITOR_LABEL, EDITOR_ROOM, moderatorsWorld } from "./editor";
import { welcomeEvent } from "./events";

/** Renders the editor for a room whose welcome is "House <b>rules</b>"; resolves with its text box. */
export async function editFormattedWelcome(): Promise<HTMLTextAreaElement> {
  const world = await moderatorsWorld([welcomeEvent("House rules", "<p>House <b>rules</b></p>")]);
  render(
    <CrashBoundary>
      <WelcomeEditor client={world.client} roomId={EDITOR_ROOM} />
    </CrashBoundary>,
  );
  return (await screen.findByLabelText(EDITOR_LABEL)) as HTMLTextAreaElement;
}

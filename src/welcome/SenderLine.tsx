"use client";

import type { ReactNode } from "react";
import { ID_SLOT, isolatedSentence, NAME_SLOT } from "./isolatedSentence.js";
import type { WelcomeDialogLabels } from "./welcomeLabels.js";

const SLOTS = /(\uE000|\uE001)/;

/**
 * `label(name, userId)`, the name and the ID each in a `<bdi>` (the ID left to right, untranslated): a name in another
 * script, or one made to look like something else, neither turns the sentence nor is turned by it. As the title's
 * room name: only where the label put them in unchanged; otherwise what it returns, as it returns it.
 */
function senderSentence(label: WelcomeDialogLabels["sentBy"], name: string, userId: string): ReactNode {
  return isolatedSentence(
    label(name, userId),
    label(name && NAME_SLOT, ID_SLOT),
    SLOTS,
    (part) => (part === NAME_SLOT ? name : part === ID_SLOT ? userId : undefined),
    (slot, i) =>
      slot === NAME_SLOT ? (
        <bdi key={`n${i}`} data-part="sender-name">
          {name}
        </bdi>
      ) : (
        <bdi key={`i${i}`} dir="ltr" translate="no" data-part="sender-id">
          {userId}
        </bdi>
      ),
  );
}

interface SenderLineProps {
  /** The welcome's sender, as shown (see `shownUserId`). */
  userId: string;
  /** Their display name, or "" for none to show (see `senderName`). */
  name: string;
  /** The label that words the line. */
  label: WelcomeDialogLabels["sentBy"];
  /** Its id, for the dialog's description. */
  id: string;
}

/** Who set the welcome, in a line of the dialog's header: "From Alice (@alice:example.org)". */
export function SenderLine({ userId, name, label, id }: SenderLineProps) {
  return (
    <div data-part="sender" id={id}>
      {senderSentence(label, name, userId)}
    </div>
  );
}

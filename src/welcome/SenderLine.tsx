"use client";

import type { ReactNode } from "react";
import type { WelcomeDialogLabels } from "./welcomeLabels.js";

/** Stand for the name and the ID while the label is asked for its sentence (private-use characters). */
const NAME_SLOT = "\uE000";
const ID_SLOT = "\uE001";
const SLOTS = /(\uE000|\uE001)/;

/**
 * `label(name, userId)`, the name and the ID each in a `<bdi>` (the ID left to right, untranslated): a name in another
 * script, or one made to look like something else, neither turns the sentence nor is turned by it. As the title's
 * room name: only where the label put them in unchanged; otherwise what it returns, as it returns it.
 */
function senderSentence(label: WelcomeDialogLabels["sentBy"], name: string, userId: string): ReactNode {
  const plain = label(name, userId);
  const sentence = label(name && NAME_SLOT, ID_SLOT);
  // (A label's element or number shows as it is; text in a span: a page translator replaces bare text nodes.)
  if (typeof plain !== "string") return plain;
  if (typeof sentence !== "string") return <span key="plain">{plain}</span>;
  const parts = sentence.split(SLOTS);
  const filled = parts.map((part) => (part === NAME_SLOT ? name : part === ID_SLOT ? userId : part));
  if (parts.length === 1 || filled.join("") !== plain) return <span key="plain">{plain}</span>;
  // One span per sentence (keyed by its wording), bare text between the values: see the title's `withIsolatedName`.
  const nodes: ReactNode[] = [];
  for (const [i, part] of parts.entries()) {
    if (part === NAME_SLOT)
      nodes.push(
        <bdi key={`n${i}`} data-part="sender-name">
          {name}
        </bdi>,
      );
    else if (part === ID_SLOT)
      nodes.push(
        <bdi key={`i${i}`} dir="ltr" translate="no" data-part="sender-id">
          {userId}
        </bdi>,
      );
    else nodes.push(part);
  }
  return <span key={`sentence:${sentence}`}>{nodes}</span>;
}

/** Props of {@link SenderLine}. */
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

"use client";

import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { WelcomeEditorLabels } from "./editorLabels.js";

/** Props of {@link RemoveWelcomeButton}. */
interface RemoveWelcomeButtonProps {
  /** The editor's strings. */
  labels: Pick<WelcomeEditorLabels, "remove" | "removeConfirm" | "removeConfirmYes" | "removeConfirmNo">;
  /** Ask before removing (the default); false removes on the first press. */
  confirm: boolean;
  /** While a save or removal is out. */
  disabled: boolean;
  /** Removes the welcome message (called once the author confirmed). */
  onRemove: () => void;
  /** Where keyboard focus goes once the author confirmed (the confirmation goes away). */
  focusAfterConfirm: () => void;
}

/**
 * The editor's Remove button. Removing clears the welcome for every member, so by default a press asks first: an
 * inline question whose "keep it" answer takes focus (the safe default, as in WAI-ARIA's alert dialog pattern), with
 * Escape keeping it too; either way of keeping it returns focus to Remove.
 */
export function RemoveWelcomeButton({
  labels,
  confirm,
  disabled,
  onRemove,
  focusAfterConfirm,
}: RemoveWelcomeButtonProps) {
  const [asking, setAsking] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (asking) keepRef.current?.focus();
    else if (returnFocus.current) removeRef.current?.focus();
    returnFocus.current = false;
  }, [asking]);

  const keep = () => {
    returnFocus.current = true;
    setAsking(false);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== "Escape") return;
    e.preventDefault();
    // Only this question closes: not a dialog the editor may sit in.
    e.stopPropagation();
    keep();
  };

  if (!asking)
    return (
      <button
        ref={removeRef}
        type="button"
        data-part="remove"
        onClick={() => (confirm ? setAsking(true) : onRemove())}
        disabled={disabled}
      >
        {labels.remove}
      </button>
    );
  return (
    // A group named by the question (Escape from either button inside keeps the welcome).
    <fieldset data-part="remove-confirm" onKeyDown={onKeyDown}>
      <legend>{labels.removeConfirm}</legend>
      <button
        type="button"
        data-part="remove-confirm-yes"
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          focusAfterConfirm();
          onRemove();
        }}
      >
        {labels.removeConfirmYes}
      </button>
      <button ref={keepRef} type="button" data-part="remove-confirm-no" onClick={keep}>
        {labels.removeConfirmNo}
      </button>
    </fieldset>
  );
}

"use client";

import { useRef, useState } from "react";
import { useIsomorphicLayoutEffect } from "../core/useIsomorphicLayoutEffect.js";
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
  /**
   * Where keyboard focus goes once the author confirmed, or when the question goes away with Remove (the welcome
   * removed elsewhere, the permission lost).
   */
  focusAfterConfirm: () => void;
  /** What the question is about (the edition shown): a new one closes the question, which was not about it. */
  subject: string;
}

/**
 * Whether a key event seen on the window began inside `group`. From inside a shadow root the window sees its host as
 * the target: the event's path tells where it began (a closed root's inside is left out of it, but its focus says).
 */
function fromWithin(e: Event, group: Element): boolean {
  if (e.composedPath().includes(group)) return true;
  const root = group.getRootNode();
  const host = (root as ShadowRoot).host;
  return (
    !!host &&
    e.target instanceof Node &&
    e.target.contains(host) &&
    group.contains((root as ShadowRoot).activeElement)
  );
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
  subject,
}: RemoveWelcomeButtonProps) {
  // The edition asked about: the question is open only while that edition is still the one shown.
  const [askedAbout, setAskedAbout] = useState<string | null>(null);
  // A save started meanwhile answers the question otherwise: it closes.
  if (disabled && askedAbout !== null) setAskedAbout(null);
  const asking = askedAbout !== null && askedAbout === subject;
  const setAsking = (on: boolean) => setAskedAbout(on ? subject : null);
  const keepRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const groupRef = useRef<HTMLFieldSetElement>(null);
  const returnFocus = useRef(false);
  const wasAsking = useRef(false);
  // Focus goes to "Keep it" when the question opens; when it closes, back to Remove if the author kept the welcome,
  // or if the question closed on its own (a new edition) with focus in it, now fallen to the page body.
  useIsomorphicLayoutEffect(() => {
    if (asking) keepRef.current?.focus();
    else if (wasAsking.current) {
      const doc = removeRef.current?.ownerDocument;
      if (returnFocus.current || doc?.activeElement === doc?.body) removeRef.current?.focus();
    }
    returnFocus.current = false;
    wasAsking.current = asking;
  }, [asking]);
  // Gone while asking, with Remove (the welcome removed elsewhere, the permission lost): focus in the question moves
  // on instead of falling to the page body.
  const focusAway = useRef(focusAfterConfirm);
  focusAway.current = focusAfterConfirm;
  useIsomorphicLayoutEffect(() => {
    if (!asking) return;
    const group = groupRef.current;
    const view = group?.ownerDocument.defaultView;
    // Escape keeps the welcome and goes no further, caught on the window before a dialog around the editor takes it
    // to close (Radix listens on the document, capturing; React's own handlers come after both).
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== "Escape" || !group || !fromWithin(e, group)) return;
      e.preventDefault();
      e.stopPropagation();
      returnFocus.current = true;
      setAskedAbout(null);
    };
    view?.addEventListener("keydown", onKeyDown, true);
    return () => {
      view?.removeEventListener("keydown", onKeyDown, true);
      if (group?.isConnected && group.contains(group.ownerDocument.activeElement)) focusAway.current();
    };
  }, [asking]);

  const keep = () => {
    returnFocus.current = true;
    setAsking(false);
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
    // A group named by the question (Escape from inside keeps the welcome: see above).
    <fieldset ref={groupRef} data-part="remove-confirm">
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

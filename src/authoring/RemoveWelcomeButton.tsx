"use client";

import { useRef, useState } from "react";
import { activeElementOf } from "../core/activeElementOf.js";
import { swallowKeyRepeats } from "../core/swallowKeyRepeats.js";
import { useIsomorphicLayoutEffect } from "../core/useIsomorphicLayoutEffect.js";
import type { WelcomeEditorLabels } from "./editorLabels.js";

/** Props of {@link RemoveWelcomeButton}. */
interface RemoveWelcomeButtonProps {
  /** The editor's strings. */
  labels: Pick<WelcomeEditorLabels, "remove" | "removeConfirm" | "removeConfirmYes" | "removeConfirmNo">;
  /** Ask before removing (the default); false removes on the first press. */
  confirm: boolean;
  /**
   * While a save or removal is out, or an answered removal's echo is still to come: the button stays focusable
   * (`aria-disabled`) and does nothing.
   */
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
 * Whether a key event seen on the window began inside `group`. From inside a shadow root the window sees the outermost
 * host as the target: the event's path tells where it began, but leaves out a closed root's inside (and any root
 * nested in it). Then, from the group's root outwards, the first host the path shows, with focus in each root on the
 * way leading to the group, says so (key events go to the focused element). No `instanceof`: the group may live in an
 * iframe's document (another window's classes).
 */
function fromWithin(e: Event, group: Element): boolean {
  const path = e.composedPath();
  if (path.includes(group)) return true;
  let inner: Node = group;
  for (let root = group.getRootNode(); ; ) {
    const host = (root as ShadowRoot).host as Element | undefined;
    const active = (root as ShadowRoot).activeElement;
    if (!host || !active || !inner.contains(active)) return false;
    if (path.includes(host)) return true;
    inner = host;
    root = host.getRootNode();
  }
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
  // A save started meanwhile answers the question otherwise, and a new edition makes it moot: it closes, for good (the
  // edition asked about may show again, as when a newer one of the other type goes: the question must not reopen).
  if (askedAbout !== null && (disabled || askedAbout !== subject)) setAskedAbout(null);
  const asking = askedAbout === subject;
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
      const remove = removeRef.current;
      if (remove && (returnFocus.current || activeElementOf(remove) === remove.ownerDocument.body))
        remove.focus();
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
      // Its repeats would reach that dialog once the question is gone.
      swallowKeyRepeats(e);
      returnFocus.current = true;
      setAskedAbout(null);
    };
    view?.addEventListener("keydown", onKeyDown, true);
    return () => {
      view?.removeEventListener("keydown", onKeyDown, true);
      if (group?.isConnected && group.contains(activeElementOf(group))) focusAway.current();
    };
  }, [asking]);

  // Remove gone with focus on it (the welcome removed, here or elsewhere, or the permission lost): focus moves on
  // instead of falling to the page body. Run while it is still in the page.
  useIsomorphicLayoutEffect(
    () => () => {
      const remove = removeRef.current;
      if (remove?.isConnected && activeElementOf(remove) === remove) focusAway.current();
    },
    [],
  );

  const keep = () => {
    returnFocus.current = true;
    setAskedAbout(null);
  };

  if (!asking)
    return (
      <button
        ref={removeRef}
        type="button"
        data-part="remove"
        // Each of these buttons moves focus (to the question, back here, to the text area): a held key's repeats would
        // press the next one, or type into the text area.
        onKeyDown={swallowKeyRepeats}
        onClick={() => (disabled ? undefined : confirm ? setAskedAbout(subject) : onRemove())}
        aria-disabled={disabled || undefined}
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
        aria-disabled={disabled || undefined}
        onKeyDown={swallowKeyRepeats}
        onClick={() => {
          if (disabled) return;
          setAskedAbout(null);
          focusAfterConfirm();
          onRemove();
        }}
      >
        {labels.removeConfirmYes}
      </button>
      <button
        ref={keepRef}
        type="button"
        data-part="remove-confirm-no"
        onKeyDown={swallowKeyRepeats}
        onClick={keep}
      >
        {labels.removeConfirmNo}
      </button>
    </fieldset>
  );
}

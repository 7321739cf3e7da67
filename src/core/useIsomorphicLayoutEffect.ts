"use client";

/** `useLayoutEffect` in the browser, `useEffect` on the server (where layout effects never run, and React 18 warns). */
import { useEffect, useLayoutEffect } from "react";

/** Runs after the DOM changed and before the browser paints; on the server, not at all (without a warning). */
export const useIsomorphicLayoutEffect = typeof document === "undefined" ? useEffect : useLayoutEffect;

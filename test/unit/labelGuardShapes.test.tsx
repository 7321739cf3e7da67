// The label guard with odd shapes: a thrown value without a string form, a cyclic array, an array holding undefined.
import { render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import { defaultWelcomeDialogLabels, WelcomeBody } from "../../src";
import { withLabelDefaults } from "../../src/core/withLabelDefaults";
import { CrashBoundary } from "../support/crashBoundary";
import { collectReports } from "../support/reports";
import { htmlWelcome } from "../support/welcomeMessage";

const reported = collectReports();

describe("a label function throwing something String() cannot convert", () => {
  it("a thrown null-prototype object (a bare error record) gives English and is reported, not thrown", () => {
    const title = () => {
      throw Object.assign(Object.create(null), { code: "MISSING_KEY", key: "welcome.title" });
    };
    const labels = withLabelDefaults(defaultWelcomeDialogLabels, { title: title as never });
    let result: unknown;
    let escaped: unknown = null;
    try {
      result = labels.title("Lounge", false);
    } catch (error) {
      escaped = error;
    }
    expect({ result, escaped: escaped === null ? null : String(escaped), reported: reported.length }).toEqual(
      {
        result: "Welcome to Lounge",
        escaped: null,
        reported: 1,
      },
    );
  });

  it("in WelcomeBody (revealSpoiler throwing such an object) the app is not unmounted", () => {
    const revealSpoiler = () => {
      throw Object.create(null);
    };
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    render(
      <CrashBoundary>
        <WelcomeBody
          message={htmlWelcome('<p><span data-mx-spoiler="x">secret</span></p>')}
          labels={{ ...defaultWelcomeDialogLabels, revealSpoiler: revealSpoiler as never }}
        />
      </CrashBoundary>,
    );
    errors.mockRestore();
    expect(screen.queryByTestId("crashed")?.textContent ?? null).toBeNull();
  });
});

describe("`showable` recursion", () => {
  it("a label returning a cyclic array gives English instead of a stack overflow", () => {
    const cyclic: unknown[] = ["Bienvenue"];
    cyclic.push(cyclic);
    const labels = withLabelDefaults(defaultWelcomeDialogLabels, { title: (() => cyclic) as never });
    let out: unknown;
    try {
      out = labels.title("Lounge", false);
    } catch (error) {
      out = `threw ${String(error)}`;
    }
    expect(out).toBe("Welcome to Lounge");
  });

  it("an array holding undefined (React renders it as nothing) is shown, as the array of nodes it is", () => {
    // e.g. a rich-text label whose optional suffix part is missing in this locale.
    const title = (name: string) => ["Bienvenue dans ", name, undefined];
    const labels = withLabelDefaults(defaultWelcomeDialogLabels, { title: title as never });
    expect(labels.title("Lounge", false)).toEqual(["Bienvenue dans ", "Lounge", undefined]);
  });
});

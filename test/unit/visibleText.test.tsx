// What counts as text a reader sees: legitimate scripts, emoji sequences and visible format marks do; blanks,
// zero-width and filler characters do not.
import { render, renderHook, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { createMemoryDismissStore, NoticeBanner, parseWelcomeContent, useServerNotices } from "../../src";
import { hasVisibleText } from "../../src/core/visibleText";
import { serverNoticeEvent } from "../support/events";
import { noticesRoom } from "../support/scenarios";
import { startWorld } from "../support/world";

const ME = "@alice:example.org";

const legit: Record<string, string> = {
  zwjFamily: "👨\u200d👩\u200d👧",
  heartVs: "❤\ufe0f",
  flagScotland: "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
  rtlMarks: "\u200fשלום\u200e",
  hangul: "안녕하세요",
  hangulJamoWithFiller: "\u115f\u1161", // conjoining: filler + vowel
  combining: "e\u0301",
  keycap: "#\ufe0f\u20e3",
  arabicEndOfAyah: "\u06dd", // ARABIC END OF AYAH: a visible ornament (Cf, Prepended_Concatenation_Mark)
  arabicNumberSign: "\u0600\u0661", // with a digit
};

describe("hasVisibleText on legitimate text", () => {
  for (const [name, text] of Object.entries(legit))
    it(name, () => {
      expect(hasVisibleText(text)).toBe(true);
    });
  it("a welcome of only ۝ (U+06DD, rendered as an ornament) is a welcome", () => {
    expect(parseWelcomeContent({ "m.room.welcome": { "m.text": [{ body: "\u06dd" }] } })).not.toBeNull();
  });
});

describe("hasVisibleText on text of default-ignorable characters only", () => {
  const invisible: Record<string, string> = {
    variationSelectors: "\ufe0f\ufe00",
    combiningGraphemeJoiner: "\u034f",
    khmerInherentVowels: "\u17b4\u17b5",
    mongolianFreeVariationSelectors: "\u180b\u180c\u180d\u180f",
    supplementaryVariationSelectors: "\u{E0100}\u{E01EF}",
    mixedWithFormatCharacters: "\ufe0f\u034f\u17b4\u180b\u200b\u2060 \u00ad",
  };
  for (const [name, text] of Object.entries(invisible))
    it(name, () => {
      expect(hasVisibleText(text)).toBe(false);
    });
});

describe("a pinned notice whose body is default-ignorable characters only", () => {
  it("gets no banner (it would paint 0 px wide under its title); the hook still lists it", async () => {
    const selectors = serverNoticeEvent("\ufe0f\u034f\u17b4\u180b");
    const real = serverNoticeEvent("Maintenance tonight");
    const { client } = await startWorld(
      ME,
      noticesRoom(ME, { pinned: [selectors.event_id, real.event_id], timeline: [selectors, real] }),
    );
    render(<NoticeBanner client={client} dismissStore={createMemoryDismissStore()} />);
    const { result } = renderHook(() => useServerNotices(client));
    await waitFor(() => expect(result.current.notices).toHaveLength(2));
    const banners = await screen.findAllByRole("group");
    expect(banners.map((b) => b.getAttribute("data-notice-id"))).toEqual([real.event_id]);
  });
});

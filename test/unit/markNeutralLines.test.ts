import { describe, expect, it } from "vitest";
import { markNeutralLines } from "../../src/notices/markNeutralLines";

const LRM = "\u200E";
const RLM = "\u200F";
const AR = "ستخضع الخدمة للصيانة الليلة";

describe("markNeutralLines", () => {
  it("given an Arabic line then a line of times, the times line is opened by a right-to-left mark", () => {
    expect(markNeutralLines(`${AR}:\n22:00 - 23:00`)).toBe(`${AR}:\n${RLM}22:00 - 23:00`);
  });

  it("given an English line then a line of times, the times line is opened by a left-to-right mark", () => {
    expect(markNeutralLines("Maintenance tonight:\n22:00 - 23:00")).toBe(
      `Maintenance tonight:\n${LRM}22:00 - 23:00`,
    );
  });

  it("a neutral first line takes the direction of the first line after it that has one", () => {
    expect(markNeutralLines(`22:00\n\n${AR}`)).toBe(`${RLM}22:00\n\n${AR}`);
  });

  it("a line of Arabic-Indic digits has no direction of its own either (a browser lays it out left to right)", () => {
    expect(markNeutralLines(`${AR}\n٢٢:٠٠ - ٢٣:٠٠`)).toBe(`${AR}\n${RLM}٢٢:٠٠ - ٢٣:٠٠`);
  });

  it("follows the nearest line before it: English, Arabic, then times", () => {
    expect(markNeutralLines(`Tonight\n${AR}\n22:00`)).toBe(`Tonight\n${AR}\n${RLM}22:00`);
  });

  it("leaves lines with letters, blank lines and text with no letters at all unchanged", () => {
    expect(markNeutralLines(`${AR}\n\n   \nTonight 22:00`)).toBe(`${AR}\n\n   \nTonight 22:00`);
    expect(markNeutralLines("22:00\n23:00")).toBe("22:00\n23:00");
  });

  it("given an Arabic line opening with a product name or an email, the line is opened by a right-to-left mark", () => {
    expect(markNeutralLines(`Tonight\nSynapse ${AR}`)).toBe(`Tonight\n${RLM}Synapse ${AR}`);
    expect(markNeutralLines(`${AR}\nadmin@example.org ${AR}`)).toBe(`${AR}\n${RLM}admin@example.org ${AR}`);
  });

  it("given an English line opening with an Arabic word, the line is opened by a left-to-right mark", () => {
    expect(markNeutralLines(`${AR}\nمحمد will answer questions tonight about it`)).toBe(
      `${AR}\n${LRM}محمد will answer questions tonight about it`,
    );
  });

  it("a line that is only a URL keeps its first letter's direction (unmarked)", () => {
    expect(markNeutralLines(`${AR}\nhttps://status.example.org`)).toBe(`${AR}\nhttps://status.example.org`);
  });

  it("Arabic-Indic digits give an English line no right-to-left words (it is left unmarked)", () => {
    expect(markNeutralLines("Maintenance tonight\nCall ٠١٢٣ ٤٥٦٧")).toBe(
      "Maintenance tonight\nCall ٠١٢٣ ٤٥٦٧",
    );
  });

  it("a line that is only a URL gives no direction to a line of times after it (the Arabic line before it does)", () => {
    expect(markNeutralLines(`${AR}\nhttps://status.example.org\n22:00 - 23:00`)).toBe(
      `${AR}\nhttps://status.example.org\n${RLM}22:00 - 23:00`,
    );
  });
});

import { render, screen } from "@testing-library/react";
import { version } from "react";
import { version as domVersion } from "react-dom";
import { describe, expect, it } from "vitest";
import { NoticeBannerList } from "../../src";

// The component tests run on the dev React 19 (`unit`), on React 18 (`react18`) and some on React 19.0.0
// (`react19floor`), see vite.config.ts: a major, or an exact version.
const expected = process.env.MNK_EXPECT_REACT ?? "19";

describe("the React under test", () => {
  it(`is React ${expected}, for react and react-dom alike`, () => {
    expect(`${version}.`.startsWith(`${expected}.`), `React ${version}`).toBe(true);
    expect(domVersion).toBe(version);
  });

  it("renders the kit's components through that same React", () => {
    render(
      <NoticeBannerList
        notices={[
          {
            eventId: "$e",
            sender: "@notices:example.org",
            ts: 0,
            source: "pinned",
            notice: { body: "Maintenance at noon" },
          },
        ]}
      />,
    );
    expect(screen.getByText("Maintenance at noon")).toBeInTheDocument();
  });
});

import { describe, expect, it } from "vitest";
import { hasVisibleText } from "../../src/core/visibleText";
import { sanitizeMatrixHtml, sanitizeMatrixHtmlForDisplay } from "../../src/welcome/sanitizeMatrixHtml";
import corpus from "../fixtures/xss-corpus-dompurify-fixtures.json";
import {
  type CorpusEntry,
  checkMatrixHtmlRules,
  corpusMediaUrl,
  GENERAL_RULES,
  isKnownRule,
} from "../support/matrixHtmlRules";

const entries: readonly CorpusEntry[] = corpus;

describe("the DOMPurify-derived XSS corpus", () => {
  it("holds 238 payloads, each naming only rules the checker knows", () => {
    expect(entries).toHaveLength(238);
    const unknown = [...new Set(entries.flatMap((entry) => entry.rules))].filter(
      (rule) => !isKnownRule(rule),
    );
    expect(unknown).toEqual([]);
  });
});

describe("the corpus rule checker", () => {
  const identity = (html: string) => html;

  it.each([
    ["allowed_tags_only", "<mark>x</mark><svg></svg>"],
    ["allowed_attrs_only", '<p id="x">t</p>'],
    ["no_event_handlers", '<b onclick="alert(1)">t</b>'],
    ["no_dangerous_scheme_in_attrs", '<span title=" javascript:alert(1)">t</span>'],
    ["href_scheme_allowlist", '<a href="/relative" rel="noopener">t</a>'],
    ["href_scheme_allowlist", '<a href="https:example.org" rel="noopener">t</a>'],
    ["img_src_mxc_derived", '<img src="https://evil.example/hs.example/abc">'],
    ["style_only_mx_colors", '<span style="position: fixed">t</span>'],
    ["code_class_language_only", '<code class="hljs language-js">t</code>'],
    ["max_depth_100", `${"<div>".repeat(101)}${"</div>".repeat(101)}`],
    ["should:a_rel_noopener", '<a href="https://example.org/">t</a>'],
    ["mx_color_format", '<span data-mx-color="red">t</span>'],
    ["should:roundtrip_stable", "<p><div>x</div></p>"],
    ["no_element:svg", "<svg></svg>"],
    ["no_attr:xlink:href", '<a xlink:href="https://example.org/">t</a>'],
    ["no_css_function:url", '<span style="background: url(x)">t</span>'],
    ["no_css_property:position", '<span style="position: fixed">t</span>'],
    ["no_such_rule", "<p>t</p>"],
  ])("given output that breaks %s, it reports that rule", (rule, output) => {
    const failures = checkMatrixHtmlRules([rule], {
      input: output,
      output,
      sanitize: identity,
      mediaUrl: corpusMediaUrl,
    });
    expect(failures.map((failure) => failure.rule)).toEqual([rule]);
  });

  it("given an output that a second pass changes, it reports idempotent", () => {
    const failures = checkMatrixHtmlRules(["idempotent"], {
      input: "x",
      output: "x",
      sanitize: (h) => `${h}!`,
    });
    expect(failures.map((failure) => failure.rule)).toEqual(["idempotent"]);
  });

  it("given an image and no mediaUrl, it reports img_src_mxc_derived", () => {
    const output = `<img src="${corpusMediaUrl("mxc://hs.example/abc")}">`;
    const failures = checkMatrixHtmlRules(["img_src_mxc_derived"], {
      input: output,
      output,
      sanitize: identity,
    });
    expect(failures.map((failure) => failure.rule)).toEqual(["img_src_mxc_derived"]);
  });

  it("given conforming output, it reports nothing", () => {
    const output = `<p><a href="mailto:a@example.org" rel="noopener noreferrer" target="_blank">m</a><span data-mx-color="#AABBCC" style="color: #aabbcc">c</span><img src="${corpusMediaUrl("mxc://hs.example/abc")}" alt="a"><code class="language-js">x</code></p>`;
    const rules = [...GENERAL_RULES, "no_element:svg", "no_attr:id", "no_css_function:url"];
    expect(
      checkMatrixHtmlRules(rules, { input: output, output, sanitize: identity, mediaUrl: corpusMediaUrl }),
    ).toEqual([]);
  });
});

describe.each([
  { mode: "without mediaUrl", mediaUrl: undefined },
  { mode: "with mediaUrl", mediaUrl: corpusMediaUrl },
])("each corpus payload sanitised $mode", ({ mediaUrl }) => {
  const sanitize = (html: string) => sanitizeMatrixHtml(html, { mediaUrl });

  it.for(entries.map((entry) => [entry.id, entry] as const))(
    "given payload %s, the output satisfies every rule the entry lists",
    ([, entry]) => {
      const output = sanitize(entry.html);
      expect(checkMatrixHtmlRules(entry.rules, { input: entry.html, output, sanitize, mediaUrl })).toEqual(
        [],
      );
    },
  );
});

describe("whether a sanitised welcome shows anything", () => {
  /** What a reader would see: the output parsed again, looked at for text, an image or a rule. */
  const showsSomething = (html: string) => {
    const template = document.createElement("template");
    template.innerHTML = html;
    return !!template.content.querySelector("img, hr") || hasVisibleText(template.content.textContent);
  };

  it("given every corpus payload and a few empty shells, it is read from the tree as a re-parse would see it", () => {
    const inputs = [
      ...entries.map((entry) => entry.html),
      "<p></p>",
      '<p><img src="https://evil.example/x.png"></p>',
      "<p>&nbsp;</p>",
      "  \n ",
      "<hr>",
      '<img src="mxc://hs.example/abc" alt="">',
      "<script>alert(1)</script>",
      "plain words",
    ];
    for (const mediaUrl of [undefined, corpusMediaUrl]) {
      for (const input of inputs) {
        const { html, visible } = sanitizeMatrixHtmlForDisplay(input, { mediaUrl });
        expect(html).toBe(sanitizeMatrixHtml(input, { mediaUrl }));
        expect(visible, input).toBe(showsSomething(html));
      }
    }
  });
});

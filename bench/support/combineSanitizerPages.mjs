// Combines the sanitizer part's runs in several fresh Chromium pages (bench/run.mjs runs it BENCH_SANITIZER_PAGES
// times) into one result: per input, each sanitizer's time is the median of the pages' medians, each ratio the
// median of the pages' ratios, and every page's ratio is kept (`pages`) so the spread between pages shows. One page's
// figure depends on how that browser's JIT compiled the sanitizers that time: ratios moved by 0.1x between pages on an
// idle host, more than the rounds within one page vary.

import { median, r3 } from "./stats.mjs";

/** One result from the pages' results (each as bench/browser/sanitizer.bench.ts writes it); null when there are none. */
export function combineSanitizerPages(pages) {
  if (pages.length === 0) return null;
  const [first] = pages;
  const inputs = {};
  for (const key of Object.keys(first.inputs)) {
    const each = pages.map((p) => p.inputs[key]).filter(Boolean);
    const names = Object.keys(first.inputs[key].medianMs);
    const ratio = (field) => r3(median(each.map((r) => r[field])));
    inputs[key] = {
      ...first.inputs[key],
      iterationsPerTiming: each.map((r) => r.iterationsPerTiming),
      medianMs: Object.fromEntries(names.map((n) => [n, r3(median(each.map((r) => r.medianMs[n])))])),
      kitVsDompurify: ratio("kitVsDompurify"),
      sanitizeHtmlVsDompurify: ratio("sanitizeHtmlVsDompurify"),
      kitVsDompurifyMedianOfRounds: ratio("kitVsDompurifyMedianOfRounds"),
      sanitizeHtmlVsDompurifyMedianOfRounds: ratio("sanitizeHtmlVsDompurifyMedianOfRounds"),
      pages: {
        kitVsDompurify: each.map((r) => r.kitVsDompurify),
        sanitizeHtmlVsDompurify: each.map((r) => r.sanitizeHtmlVsDompurify),
      },
    };
  }
  // The guarantees do not depend on timing: every page checks the same outputs. A page that disagrees is reported.
  const sameGuarantees = pages.every(
    (p) => JSON.stringify(p.guarantees) === JSON.stringify(first.guarantees),
  );
  return { ...first, pages: pages.length, inputs, guaranteesAgreeAcrossPages: sameGuarantees };
}

/**
 * HTML into the page where it enforces Trusted Types (`require-trusted-types-for 'script'`, as strict CSPs do): the
 * kit's string sinks (parsing in inert templates, its sanitized HTML shown) go through its own policy,
 * `matrix-notice-kit`, which passes on what it is given (the kit hands it only its sanitizer's output, and HTML it
 * parses in templates, where nothing runs or loads). A page whose `trusted-types` directive does not name the policy
 * gets the plain text instead of the HTML, never a TypeError in render.
 */

/** The kit's policy: undefined until first needed, null when the page refused it. */
let policy: { createHTML(html: string): unknown } | null | undefined;
/** With the policy refused, whether the page still takes strings (no enforcement, or a default policy of its own). */
let takesStrings: boolean | undefined;

/**
 * `html` as the page's sinks take it: a string where the browser has no Trusted Types, a TrustedHTML from the kit's
 * policy where it has, or null where the page enforces them and refused the policy.
 */
export function trustedHtml(html: string): string | null {
  const types = (
    globalThis as { trustedTypes?: { createPolicy(name: string, rules: object): typeof policy } }
  ).trustedTypes;
  if (!types) return html;
  if (policy === undefined) {
    try {
      policy = types.createPolicy("matrix-notice-kit", { createHTML: (input: string) => input });
    } catch {
      policy = null;
    }
  }
  // A TrustedHTML object, which every HTML sink (and React's `dangerouslySetInnerHTML`) takes as it takes a string.
  if (policy) return policy.createHTML(html) as string;
  if (takesStrings === undefined) {
    try {
      document.createElement("template").innerHTML = "";
      takesStrings = true;
    } catch {
      takesStrings = false;
    }
  }
  return takesStrings ? html : null;
}

/** `html` parsed in an inert template (nothing in it runs or loads), or null where the page's Trusted Types refuse it. */
export function parseInert(html: string): HTMLTemplateElement | null {
  const markup = trustedHtml(html);
  if (markup === null) return null;
  const template = document.createElement("template");
  template.innerHTML = markup;
  return template;
}

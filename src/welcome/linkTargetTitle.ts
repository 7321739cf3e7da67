/**
 * The tooltip a welcome link gets: its target (as the browser parsed it, so an internationalised host shows as
 * punycode), unless its visible text already says where it goes. A link whose text reads as one address and goes to
 * another (`<a href="https://evil.example">https://bank.example</a>`) then shows its real target on hover, as
 * Element's links do.
 */
export function linkTargetTitle(text: string, href: string): string | null {
  const said = comparable(text);
  if (said === "") return null;
  return said === comparable(href) ? null : href;
}

// Text and target compared without case, a scheme a reader does not type, `www.` or a trailing slash.
function comparable(url: string): string {
  return url
    .trim()
    .toLowerCase()
    .replace(/^(?:https?:\/\/|mailto:)/, "")
    .replace(/^www\./, "")
    .replace(/\/$/, "");
}

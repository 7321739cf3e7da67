/** The server-name part of a Matrix user id. */

/** The server part of a user id, everything after its first `:` (`@bob:example.org` -> `example.org`); "" when there is none. */
export function serverOf(userId: string | null | undefined): string {
  const at = typeof userId === "string" ? userId.indexOf(":") : -1;
  return at < 0 ? "" : userId!.slice(at + 1);
}

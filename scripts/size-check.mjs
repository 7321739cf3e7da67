// Size budgets (part of `npm test`): bundles three tiny entries that import from src/ — only `NoticeBanner`, only
// `WelcomeDialog`, everything — with Vite's build API in library mode, minified, as an app's production build would
// (process.env.NODE_ENV = "production"), with react, react-dom and matrix-js-sdk external, and gzips each with
// node:zlib. Each entry is measured twice: with its dependencies bundled (what an app ships for it), and with
// dompurify and @radix-ui external too ("the kit's own code").
// Enforced (exit 1): `NoticeBanner` alone pulls in neither DOMPurify nor Radix (nor anything else from
// node_modules), and each entry's own code stays under its ceiling (regression guards, set just above the
// measured sizes). Reported, not enforced: the benchmark issue's target of 6 kB for everything, which the current
// feature set misses (see README, Performance). Prints a table.
//   node scripts/size-check.mjs [--json <file>] [--compare]
// --compare also measures dompurify and sanitize-html alone (for the bench report; not a budget).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import react from "@vitejs/plugin-react";
import { build } from "vite";

const root = resolve(import.meta.dirname, "..");
const args = process.argv.slice(2);
const jsonOut = args.includes("--json") ? resolve(args[args.indexOf("--json") + 1]) : null;
const compare = args.includes("--compare");

const OWN_BUDGET_BYTES = 6000; // the issue's target for everything: "under 6 kB" gzip, kB = 1000 bytes (reported)
/** Enforced ceilings for each entry's own code, gzip bytes: raise them only deliberately, with a reason. */
// 29.9 -> 32.3 (2026-12-03, evening): the editor opens another app's HTML as Markdown (htmlToMarkdown, 2.2 kB), or
// says its formatting is not kept. 10.1/12.7/32.3 -> 10.4/13.0/32.9 (2026-12-03, night): review fixes (redactions of
// ours count once accepted with detached pending events, bundled edits by others ignored, the notice list's live
// region, authored editions, live mediaUrl, the editor's heading level): +0.2, +0.2 and +0.5 kB. 32.9 -> 33.1
// (2026-12-04): spec fixes (representation order, the stable welcome event decides without timestamps, permissions
// live on redactions, removal by the type readers go by, usage-limit server text): everything 33.00 kB.
// 10.4 -> 10.6 and 33.1 -> 33.4 (2026-12-04, evening): review fixes to notices (the banner follows only its notices,
// a server's rate-limit wait kept across remounts and after the last attempt, a limit's end seen with nothing
// mounted, answers from another room refused, MAU text of the homeserver's own): +0.2 kB. 13.0 -> 13.3 and
// 33.4 -> 33.6 (same evening): a join's age as the homeserver reports it, whatever the device clock (0.25 kB), and
// the dialog waiting for hydration and reporting a throwing onConfirm. 33.6 -> 33.7 (same evening): a second review's
// fixes (stale re-checks wait for the server, a failed build loses no notice, later events bound a join's age);
// WelcomeDialog 13.3 -> 13.4 for the last (13.30 kB). 10.6/13.4/33.7 -> 10.8/13.5/33.9 (same night): edits and
// redactions matrix-js-sdk files nowhere with thread support on (Element's default), heard through the client's Event;
// then 10.9/13.6/34.0 for listening only on thread-enabled clients (also those started after the component mounted).
// 10.9/13.6/34.0 -> 11.1/13.7/34.5 (2026-12-04, late): cancelling timed-out pinned fetches (+0.14 kB), the banner list
// without nested live regions and with described dismiss buttons (+0.11 kB), the dialog's title with the room name
// isolated (+0.09 kB), unfiled edits recorded, the permission stores hearing unfiled redactions, the editor's usage-limit
// and too-large messages (11.07 / 13.65 / 34.49 kB); everything 34.6 for the title keeping labels that change the name
// (34.51 kB); WelcomeDialog 13.8 for bringing a control the focus trap focuses into view on short viewports (13.72 kB).
// NoticeBanner 11.2 when the stores' unfiled-event wiring moved into one helper (11.10 kB; everything fell to 34.54).
// 11.2/34.6 -> 11.3/34.8 (2026-12-04, night): a fuzz review's fixes (rooms looked up only by their own id, as the
// SDK's store answers "constructor" with a function; ids with half a surrogate pair refused; an edit's relation id
// that is no string ignored), a forgotten room let go, and the editor's labels joining error and draft note
// (11.20 / 13.75 / 34.69 kB). WelcomeDialog 13.8 -> 13.9 for a seen mark in a room whose id cannot be put in a URL
// (it threw out of markSeen and left the room's writes stuck), refused with a shared error (13.86 kB).
// WelcomeDialog 13.9 -> 15.4, everything 34.8 -> 36.4 (2026-12-05): the sender's text colours kept readable on the
// app's theme (WCAG 4.5:1; a dark blue picked on a light client was invisible on the dark dialog), measured through a
// 1-pixel canvas, on code blocks and revealed spoilers too, followed across theme switches, stylesheets, transitions
// and shadow roots, with nothing written while the backgrounds stay the same (+1.5 kB; 15.35 / 36.33 kB).
// 11.3/15.4/36.4 -> 11.4/15.8/36.8 (2026-12-05, stop 27): a review of the colour pass (+0.33 kB: themes switched
// through <link> loads, the CSSOM, forced colours and contrast; bodies in slots or attached late; code tinted from its
// text, translucent surfaces, the theme's text on a sender's highlight, hidden spoilers left alone), and the notices
// stores letting go of a stopped client and of a forgotten room, and a notice's lines each in their own direction
// (+0.13 kB): 11.32 / 15.71 / 36.77 kB. NoticeBanner 11.5, everything 36.9 (same stop): a review of those notices
// changes put back the room store's state-event listener from the end of the first sync (a create event after the
// join, a re-invite), and a stopped store read once keeps no room either (11.41 / 36.88 kB).
// WelcomeDialog 15.9, everything 37.1 (same stop): a second review of the colour fixes (islands judged on the colours
// they show as sent, every written colour restored, a highlight's text left to follow the theme unless it must move,
// links on highlights measured, only the islands read again after the writes): 15.79 / 36.99 kB.
// WelcomeDialog 16.0, everything 37.2 (same stop): a review of what the environment can throw into the app (text in
// spans a page translator cannot pull from under React, a resolver that throws, a seen store's subscribe, a canvas
// that throws, Web Storage given as a function, timers capped): 15.88 / 37.12 kB.
// WelcomeDialog 16.4, everything 37.7 (2026-12-05, stop 28): label functions that throw or return nothing showable
// give the English text (+0.15 kB), a welcome in two languages lays out each block and line in its own direction
// (+0.2 kB), WelcomeBody sanitizes HTML the kit did not (+0.1 kB), and the rest of the kit's changing text in elements
// of its own for page translators: 11.45 / 16.36 / 37.61 kB. WelcomeDialog 16.7, everything 38.0 (same stop): a
// review of those changes: the welcome's direction estimated by words (a block written in one direction, not the
// first letter's), WelcomeBody's trust kept for the store's HTML while a message holds it and for HTML it showed
// before, a throwing label reported once until it works again, lists of nodes from labels shown: 16.65 / 37.95 kB.
// WelcomeDialog 17.0, everything 38.4 (same stop): a second review: a block's direction by its first word and most
// of its words together, words counted across blocks, identifiers left out, a plain-text welcome's paragraphs in
// their own direction, publishing and server outputs never taken for display HTML, each label error reported once,
// arrays from labels checked item by item: 16.98 / 38.31 kB. WelcomeDialog 17.1 (same stop): a third review (a
// right-to-left first word needs a quarter of the words, a linear paragraph split, label reports per label slot,
// thrown values without a string form, nested arrays bounded): 17.03 / 38.35 kB.
// NoticeBanner 11.6, WelcomeDialog 17.2, everything 38.6 (stop 29, 5 December): the unfiled-relation recorder put back
// when an app's removeAllListeners took it off (+0.06 kB, in every entry), the editor's buttons aria-disabled with
// their reasons as descriptions, its size line isolated, the dialog's portal given the body: 11.51 / 17.11 / 38.50 kB.
// everything 38.7 (same stop): two reviews of those: focus moved on when Remove or a format option goes from under
// it, the Markdown failure describing Save, the recorder kept on a client whose `on` wraps listeners and not decided
// by a stopped run's last sync state, the body read only where a document is: 11.53 / 17.14 / 38.62 kB.
// NoticeBanner 11.8, everything 38.8 (same stop): a notice's lines of digits or times only laid out in the direction
// of the line before them (an invisible mark; they went left in an Arabic notice): 11.73 / 17.14 / 38.77 kB.
// everything 38.9 (stop 30, 5 December): the editor's Remove kept focused and unavailable until its removal's echo
// with confirmRemoval={false}, and the DOM-less htmlToPlainText putting each list item on its own line without the
// markup's own line breaks (it glued a nested item to its parent): 38.86 kB.
// NoticeBanner 11.9, everything 39.0 (same stop): a stale notice's failing check reported, and an auto-join's
// rate-limit wait kept across remounts (a remount joined again at once): 11.84 / 17.14 / 38.95 kB.
// everything 39.1 (same stop): another tab's dismissals applied live by the storage dismiss store (its storage
// listener shared with the storage seen store): 39.04 kB.
// everything 39.2 (same stop): code on the sender's highlight measured on its own background (it showed the colour
// moved for the highlight: 2.68:1 in the dark theme): 17.18 / 39.13 kB.
// NoticeBanner 12.0 (same stop): a banner that goes while it holds keyboard focus (dismissed in another tab, unpinned,
// redacted, a limit lifted) hands focus on as a dismissal did, in one place for both (focus fell to <body>): 11.99 kB.
// NoticeBanner 12.1, everything 39.3 (same stop): the whole list going sends focus straight back where it came from
// (the banners handed it to each other, then it fell to <body>): 12.03 / 39.22 kB.
// NoticeBanner 12.3, everything 39.5 (stop 31, 5 December): an auto-join the server refused (403) is not sent again
// for that invite when a hook remounts (0.10 kB), and focus that leaves with the last banner goes to a notice pinned
// in its place in the same change (0.09 kB): 12.26 / 39.49 kB.
// WelcomeDialog 17.4, everything 39.8 (same stop): the memory and Web Storage seen stores keep each user's marks
// apart (one store served a logout and the next user's login, or two accounts), and a new edition sent while a
// welcome is open takes its place whatever the join's age (it closed it unread): 17.34 / 39.72 kB.
// NoticeBanner 12.4, everything 39.9 (same stop): a soft logout (401, soft_logout) retried like a network failure,
// not taken for a refusal, and an auto-join whose attempts ran out sent again when sync comes back: 12.37 / 39.84 kB.
// 12.5 / 17.5 / 40.0 (same stop): a fetched notice's answer checked again after a gap since it was asked for, two
// clients' usage limits given ids of their own, every welcome dismissed in a mount kept closed, and the room's creator
// not welcomed to their own room: 12.41 / 17.46 / 39.96 kB.
// WelcomeDialog 17.7, everything 40.2 (same stop): uncontrolled welcome dialogs due at once open one at a time, in
// line, focus handed along (two modal dialogs each hid the other from screen readers): 17.65 / 40.14 kB.
// NoticeBanner 12.6, everything 40.3 (same stop): the usage limit a pinned notice covers shown once that notice is
// dismissed (a dismissed homeserver notice hid a later refusal of sync): 12.50 / 40.23 kB.
// 12.7 / 17.8 / 40.5 (same stop): a review of this stop's fixes: a newer welcome edition kept open only while the
// join's age alone keeps it from being due, a Web Storage read without a user listing every user's marks, a refused
// join kept to the invite it answered (a new invite to the same room is joined) and a server's wait kept when sync
// comes back: 12.62 / 17.71 / 40.47 kB.
// everything 40.6 (same stop): a second review's fixes (a new welcome edition told by the editions the room held when
// the welcome was shown, not by timestamps; a marked dismissal keyed by edition, so showNewEditions opens the next;
// focus handed on past a dialog that never opened; invites told apart by event id where they carry one):
// 12.63 / 17.79 / 40.54 kB.
// WelcomeDialog 17.9 (stop 32, 5 December): a welcome that closes in the same sync that makes another due hands its
// focus origin on (focus went nowhere after the second closed): 17.80 / 40.55 kB.
// everything 40.8 (same stop): a welcome dialog hidden by React (Suspense, Activity) neither dismissed by input meant
// for the page nor claiming focus (17.84 kB), and pinned notices found locally let go once unpinned, the fetcher's
// cache bound kept for them too (12.68 kB): everything 40.66 kB.
// NoticeBanner 12.8, WelcomeDialog 18.0 (same stop): the account-data seen store's retry holding its write weakly and
// writing nothing from a stopped client (a logout kept the old client alive for the server's wait, then wrote from
// it), and the redacted ids a room keeps bounded at 1,000 (a moderation wave grew them for the session):
// 12.72 / 17.93 / 40.74 kB.
// WelcomeDialog 18.2, everything 41.0 (same stop): strict CSPs. Under Trusted Types the kit's HTML goes through its
// own policy (a welcome with HTML threw a TypeError out of render, unmounting the app), the plain text where the page
// refuses the policy; under style-src without 'unsafe-inline' the sender's colours painted through the CSSOM (the
// colour pass measured a highlight that was not painted and left text at 1:1): 12.72 / 18.13 / 40.95 kB.
// WelcomeDialog 18.3, everything 41.1 (same stop): a review's fixes: the 1,000 cap on redacted ids replaced by
// recording, of the redactions the SDK files nowhere, only those that may matter later (of a welcome or pins, or in a
// notices room: the cap brought a redacted welcome back after a spam clean-up), and a dialog the app opens put right
// after the open one in line (a welcome already waiting opened alongside it): 12.76 / 18.20 / 41.00 kB.
// WelcomeDialog 18.6, everything 41.4 (stop 33): under sliding sync a welcome becomes due only once the response that
// made it due is applied whole (the SDK applies the seen marks after it announces the room: on a reload a welcome
// already seen was due for an instant): 12.77 / 18.52 / 41.32 kB.
// NoticeBanner 12.9, everything 41.5 (same stop): a review of one mounted instance whose props change: an app's
// isNoticesInvite that changes asks the pending invites again (one that learnt the notices sender later never found
// the invite, so autoJoin never joined), and the dialog keeping focus's origin when Radix mounts its content afresh
// (a new portal container, a room switched away and back) and showing a switched room's welcome from its top:
// 12.85 / 18.52 / 41.41 kB.
// NoticeBanner 13.2, everything 41.8 (same stop): pinned notices from before a gap checked with the server again
// while a banner is mounted (a redaction or edit inside a gappy sync went unseen), and under sliding sync, whose gaps
// reset no timeline, heard from the sliding sync itself (the notices room back in a list's window, a restart with a
// new sliding sync; the SDK's copy from before the gap stands no more): 13.15 / 18.52 / 41.70 kB.
// NoticeBanner 13.4, everything 42.0 (same stop): a review of those checks: only the room's own timeline reset is a
// gap (a new thread reset its set and had every pinned notice fetched), the answer for an event the SDK still holds
// built afresh (the SDK's mapper handed back its copy, old edit and all), edits the SDK knew before the gap kept only
// as fallbacks, the same notice in a new event shown without a commit, and the SDK's old copy let go:
// 13.35 / 18.52 / 41.89 kB.
// WelcomeDialog 18.9, everything 42.2 (stop 34): the switched room's welcome takes focus (0.05 kB), and the default
// media resolver retries a failed image download (network, timeout, rate limit, 5xx) through the client's fetchFn
// (0.24 kB; before, one failed download showed the alt text for good): 13.34 / 18.81 / 42.16 kB.
// WelcomeDialog 19.0, everything 42.4 (same stop): the colour pass at most once per frame, in its animation callbacks,
// and not for changes that cannot touch a theme (a host app's title, scripts, ARIA and tabindex: each had cost a full
// pass with a forced style recalculation), and the keyboard-scroll check writing tabindex only when it changes
// (0.17 kB): 13.35 / 18.98 / 42.31 kB.
// NoticeBanner 13.5, everything 42.5 (same stop): under sliding sync, a limited or initial timeline that reaches back
// to the last event the client had is no gap (an app opening the notices room with a larger timeline_limit had each
// pinned notice checked with the server again; 0.11 kB): 13.46 / 18.98 / 42.43 kB.
// WelcomeDialog 19.2, everything 42.8 (same stop): a review of this stop's changes: the colour pass measures a change
// at once again and coalesces only what follows it (a theme switched in an animation frame callback was painted for a
// frame unreadable), the dialog measures whether its title and buttons squeeze its message (watchSqueeze: the CSS
// guess had the dialog and the message both scroll, and a short welcome a blank band, under a large app text size),
// and a media error body that is not an object (0.19 kB): 13.46 / 19.18 / 42.71 kB.
// WelcomeDialog 19.3, everything 42.9 (same stop): a review of error reporting: a custom seen store that is down
// reported once per outage of that store, not once per hook, mount or StrictMode render, and on a server what the kit
// reports logged rather than thrown from a timer (an uncaught exception ends a Node process; 0.11 kB):
// 13.46 / 19.29 / 42.83 kB.
// WelcomeDialog 19.4, everything 43.0 (same stop): a review on mobile web: each table of a welcome in a box that
// scrolls sideways by itself (a wide one scrolled the whole message; 0.04 kB): 13.46 / 19.33 / 42.88 kB.
// WelcomeDialog 19.5, everything 43.1 (same stop): a review of the fixes: a change in a later animation frame callback
// after the colour pass's own is measured at once too, the dialog's squeeze read from the layout (an app's padding),
// a seen store's outage kept per room, and a wide table's box keyboard-reachable (tabindex while it overflows) and in
// its table's direction (0.17 kB): 13.46 / 19.49 / 43.04 kB.
// WelcomeDialog 19.6, everything 43.2 (same stop): the squeeze measure settles on the whole dialog scrolling when each
// layout calls for the other (a positioned new-tab hint had stretched the dialog's scrolling area, and a story's
// dialog flipped every frame; 0.05 kB): 13.46 / 19.54 / 43.10 kB.
// WelcomeDialog 19.7, everything 43.3 (stop 35, 6 December): welcome images downloaded through the SDK's
// authenticated requests (an expired access token refreshed, as for the SDK's own requests, in OAuth sessions; no
// logout announced per image), a soft logout's download waiting for the user to sign in again, and a dialog given
// another client loading its images afresh (0.15 kB); a notices room from a sender no longer listed giving way to the
// new room's invite (0.02 kB, notices): 13.49 / 19.67 / 43.26 kB.
// NoticeBanner 13.7, WelcomeDialog 20.7, everything 44.5 (stop 36, 6 December): a welcome waiting for the client's
// first live sync response after a reload from the SDK's saved sync, and a join's age read past the age that saved
// sync keeps (0.24 kB); the marks this device made kept per user in localStorage, written by a later page or client
// when the server lacked them, read only when it had them, and the waiting snapshot published (review rounds: 0.72
// kB); the last 100 pinned ids rather than the first, and rate-limited pinned fetches paced by the server's waits
// (0.20 kB, NoticeBanner); the editor's byte count without TextEncoder (0.05 kB, everything): 13.69 / 20.63 / 44.47 kB.
// NoticeBanner 14.4, WelcomeDialog 21.0, everything 45.3 (stop 37, 6 December): a notice's text in the direction its
// words read in (the welcome's estimate, now shared; 0.34 kB, NoticeBanner), the editor's error and an image's
// stand-in following a language switch and the dialog's `lang` (0.09 kB, WelcomeDialog); bounded bookkeeping over a
// long session (the device's marks read once per room switch, joins of rooms left dropped, two own editions kept,
// redactions kept only where they may matter; 0.21 kB, mostly WelcomeDialog); nothing asked of a stopped client and
// fetched encrypted notices shown once decrypted, heard decrypting later (0.32 kB, NoticeBanner): 14.38 / 20.96 /
// 45.20 kB.
// NoticeBanner 14.5 (stop 38, 6 December): the rule "sync came back" shared by three stores (isSyncBack) costs a few
// bytes of import in NoticeBanner, which stood 0.01 kB under 14.4: 14.40 / 20.95 / 45.22 kB.
// NoticeBanner 14.6, everything 45.4 (stop 38): an administrator contact the banner cannot link (a `matrix:` or `tel:`
// URI, a bare email) shown as text rather than dropped (0.14 kB, NoticeBanner); welcomes in MSC1767's 2022 `m.markup`
// shape read (0.01 kB): 14.54 / 20.96 / 45.37 kB.
// NoticeBanner 14.7, everything 45.5 (stop 38): a gappy sync of the notices room while no store listened to it (left and
// joined again, untagged, or another notices room chosen) checked with the server when it is bound again (0.06 kB):
// 14.60 / 20.96 / 45.45 kB.
// NoticeBanner 14.8, everything 45.6 (stop 38): a joined notices room that reads as the invite the user's own join
// answered (Synapse without MSC4222 re-sends it after a forked join) kept as joined, not joined again (0.10 kB):
// 14.70 / 20.96 / 45.57 kB.
// everything 45.7 (stop 38): a review's fixes (a gap found also after the old timeline was collected or the room
// forgotten and joined again; contacts with invisible format characters not shown): 14.72 / 20.96 / 45.60 kB.
// WelcomeDialog 21.1, everything 45.8 (stop 38): the second click of a double-click and a held key's repeats ignored
// where they would land on something the user never saw (0.08 kB); a request still out when sync comes back given a
// fresh retry budget (fetch, join, seen-mark write: 0.04 kB): 14.78 / 21.00 / 45.72 kB.
// WelcomeDialog 21.2, everything 45.9 (stop 38): redactions noted in every room while a welcome hook is mounted, so a
// gap in a room no hook watched does not lose one (0.10 kB): 14.78 / 21.10 / 45.81 kB.
// NoticeBanner 15.0, WelcomeDialog 21.4, everything 46.1 (stop 38): a review's fixes: a held key's repeats swallowed in
// the whole document until it comes up (not only on the next button), an answered invite remembered across a gap, bans
// from no membership in an upgraded room's old room (0.19 / 0.23 / 0.23 kB): 14.97 / 21.33 / 46.04 kB.
// everything 46.4 (stop 39): an editor opened again (or a room switched away and back) while the room's save is out
// waits for that save and takes its outcome, rather than offering the same text to save again (0.30 kB, authoring):
// 14.98 / 21.34 / 46.36 kB.
// everything 46.5 (stop 39): the editor telling an edition of the author's own from another tab or device apart from
// someone else's (two labels; 0.07 kB): 14.98 / 21.34 / 46.43 kB.
// WelcomeDialog 21.8, everything 46.8 (stop 39): the dialog in a web component's shadow root or an iframe's document:
// Tab wrapped where Radix's trap cannot see focus, the shadow root's other content hidden (0.37 / 0.30 kB; the :host()
// theme rules are CSS): 14.98 / 21.71 / 46.73 kB.
// NoticeBanner 15.1 (stop 39): a pinned event's answer that is no event (no string type and sender, no object content)
// counted as a failed fetch (0.02 kB), which left NoticeBanner at its 15.0 ceiling: 15.00 / 21.71 / 46.75 kB.
// WelcomeDialog 21.9, everything 46.9 (stop 39): a welcome's images resolved once per URL and 6 at a time, and a
// rate limit holding back every image of the resolver (0.12 / 0.14 kB): 15.00 / 21.83 / 46.89 kB.
// WelcomeDialog 22.0, everything 47.0 (stop 39): a welcome replaced many times in one sync read once its events are
// applied (0.05 / 0.04 kB): 15.00 / 21.88 / 46.93 kB.
// everything 47.1 (stop 39): a review's fixes (images still waiting when the dialog goes never asked for; every save
// out for the room waited for, across a client switch; the author's own removal elsewhere told as theirs; shadow-root
// hiding counted per element; 0.07 / 0.07 kB), which left everything at its 47.0 ceiling: 15.00 / 21.95 / 47.00 kB.
// WelcomeDialog 22.1 (stop 39): a media answer that is a web page (text/html) counted as a failed download (0.05 /
// 0.04 kB), which left WelcomeDialog at its 22.0 ceiling: 15.00 / 22.00 / 47.06 kB.
// everything 47.3 (stop 40): a 503's Retry-After obeyed as a rate limit's wait (0.02 / 0.01 / 0.01 kB), then
// forgetStoredUserData, an app's logout removing the kit's keys for one user (0.15 kB, everything only):
// 15.02 / 22.02 / 47.22 kB.
// everything 47.4 (stop 40): a review's fixes (a 503's wait capped at the policy's maxDelayMs; forgetStoredUserData
// with options, the per-user dismiss key, each removal tried on its own; 0.02 / 0.01 / 0.09 kB), which left
// everything over its 47.3 ceiling: 15.04 / 22.03 / 47.31 kB.
// NoticeBanner 15.2, WelcomeDialog 22.2, everything 47.5 (stop 41): forgetStoredUserData reading a storage given in
// place of its options (0.03 kB, everything only), then retries spread at random (a policy's jitter, half the backoff
// by default; 0.08 / 0.09 / 0.12 kB), which left each entry over its ceiling: 15.12 / 22.14 / 47.46 kB.
// WelcomeDialog 22.3 (stop 41): the welcome, its seen marks and the editor's permission reading the user's membership as
// the notices stores do (an invite the user's own join answered, sent again by a forked sync, is no invite), which
// brings that reading into WelcomeDialog (0.02 / 0.14 / 0.01 kB): 15.14 / 22.28 / 47.47 kB.
// NoticeBanner 15.3, everything 47.6 (stop 41): a tagged notices room created on another homeserver not trusted, and
// with noticesUserIds a listed creator's room first and other senders' pinned notices ignored (0.14 / 0.00 / 0.09 kB):
// 15.28 / 22.28 / 47.56 kB.
// NoticeBanner 15.4, everything 48.0 (stop 41): describeServerNoticeError titling a resource limit by its limit_type
// with the error as a notice, and describing M_CONSENT_NOT_GIVEN with its consent_uri; resourceLimitItem for a login
// form's <NoticeBannerItem>, whose labels became optional; isIgnoredServerNotice for host timelines (0.02 / 0.00 /
// 0.39 kB), which left NoticeBanner at its ceiling and everything over it: 15.30 / 22.28 / 47.95 kB.
// WelcomeDialog 22.6, everything 48.3 (stop 41): the account-data seen store reading a room's marks from the server
// once before a due welcome shows there (Synapse syncs a room joined later without its older account data), and a
// guest's marks kept on the device (0.00 / 0.30 / 0.29 kB): 15.30 / 22.58 / 48.24 kB.
// WelcomeDialog 22.7, everything 48.4 (stop 41): plain-text links ending at bidi controls (0.01 kB), then a welcome
// written by a user the user ignores not popping up (0.05 / 0.05 kB): 15.31 / 22.64 / 48.30 kB.
// WelcomeDialog 23.0, everything 48.7 (stop 41): a review's fixes to the seen-marks read (shared per client, started
// only once subscribed, only in a room rejoined, a failed read made again before a write and after a minute, a read
// a logout cut short not reported; 0.00 / 0.33 / 0.30 kB): 15.31 / 22.97 / 48.60 kB.
// WelcomeDialog 23.1, everything 48.8 (stop 42): a welcome link whose text is not its own address shows its target on
// hover (0.00 / 0.11 / 0.12 kB): 15.31 / 23.09 / 48.73 kB.
// NoticeBanner 15.5, everything 49.0 (stop 42): a tagged room naming a predecessor the client knows counts only once
// that room's tombstone names it (0.14 / 0.00 / 0.17 kB): 15.45 / 23.09 / 48.90 kB.
// WelcomeDialog 23.4, everything 49.2 (stop 42): an invite's or a knock's preview welcome (stripped state, which the
// inviting server wrote) no longer taken for the room's after the join (0.00 / 0.21 / 0.21 kB): 15.44 / 23.30 /
// 49.11 kB.
// WelcomeDialog 23.6, everything 49.4 (stop 42): a failed seen-marks read made again when sync comes back, and a due
// welcome's wait for a read bounded at 30 s whatever the policy's timeout (0.00 / 0.25 / 0.27 kB): 15.44 / 23.55 /
// 49.38 kB.
// everything 49.5 (stop 42): a soak hunt's two fixes (own redaction echoes kept only while they may matter, authored
// editions recorded only in rooms where the user set one; 0.02 / 0.04 / 0.03 kB): 15.46 / 23.59 / 49.41 kB.
// WelcomeDialog 23.7 (stop 42): a review's fixes (image links show their target, the editor's writers skip preview
// welcomes, a recovery re-read that fails again is not repeated; 0.01 / 0.06 / 0.06 kB): 15.47 / 23.65 / 49.47 kB.
// WelcomeDialog 23.8, everything 49.6 (stop 42): an invite's preview room name and alias no longer title the dialog
// after the join (0.00 / 0.05 / 0.06 kB): 15.47 / 23.70 / 49.53 kB.
// NoticeBanner 15.6, everything 49.7 (stop 43): the ignore list applied while a welcome is mounted (0.00 / 0.04 /
// 0.03 kB), then `useVisibleServerNotices` and its rule `visibleServerNotices` (what a banner shows, for an app's own
// count or banners; the banner's rule moved there, with a throwing dismiss store reported instead of thrown in render;
// 0.09 / 0.00 / 0.12 kB): 15.56 / 23.74 / 49.68 kB.
// WelcomeDialog 24.6, everything 50.6 (stop 43): a welcome's images follow the user's MSC4278 media preview setting
// (account data at both levels and the room's join rule, followed live; a "show image" button per image while it
// hides them, one click per URL; 0.00 / 0.82 / 0.87 kB): 15.56 / 24.56 / 50.55 kB.
// WelcomeDialog 25.2, everything 51.2 (stop 43): the dialog says who set the welcome, by their display name in the room
// and Matrix ID, each isolated, followed as it changes (0.00 / 0.54 / 0.55 kB): 15.56 / 25.10 / 51.10 kB.
// NoticeBanner 15.7, WelcomeDialog 25.3, everything 51.3 (stop 43): a review's fixes (a hidden image taken out of the
// message, focus kept when a shown one fails, a rich-text label's fallback, a room's null, a welcome kept past its
// join's age closed by an ignore, preview member names, a dismiss store's throwing subscribe and getVersion reported;
// +0.04 / +0.10 / +0.13 kB): 15.60 / 25.20 / 51.22 kB.
// WelcomeDialog 25.8, everything 51.8 (stop 44): the sender line names a sender lazy-loaded members left out (their one
// member event fetched, retried, cancelled; +0.50 / +0.44 kB), after focus following the media setting and a cap of 50
// image URLs shown unasked (+0.07 / +0.07 kB): 15.60 / 25.77 / 51.73 kB. WelcomeDialog 26.1, everything 52.1 (stop 44):
// an invite's state claiming the user's own join no longer passes for a first join (+0.26 / +0.27 kB): 26.03 / 52.00 kB.
// WelcomeDialog 26.3, everything 52.2 (stop 44): a review's fixes (focus in shadow roots, button order, the member
// fetch and the client's state: stopped, sync back, soft logout; +0.18 / +0.15 kB): 15.61 / 26.21 / 52.15 kB.
// everything 52.3 (stop 44): a second review's fixes (a join weighed at once when the store starts after it, or at the
// SDK's sync event; watchPreviewWelcomes exported; +0.04 / +0.05 kB): 26.25 / 52.20 kB.
// WelcomeDialog 26.5, everything 52.8 (stop 45): the user's consent to see a hidden image remembered per edition and
// URL (MSC4278's SHOULD; three consent stores exported), and a logout dropping the kit's in-memory welcomes and
// consents (+0.19 / +0.48 kB): 26.44 / 52.68 kB. WelcomeDialog 26.7, everything 52.9 (stop 45): a welcome's failed
// images asked for again when sync comes back (WelcomeBody's imageRetryKey; +0.19 / +0.17 kB): 26.63 / 52.85 kB.
// WelcomeDialog 27.1, everything 53.3 (stop 45): one "Show N more images" button past the cap of 50 image URLs, in
// place of one button per image (+0.36 / +0.36 kB): 26.99 / 53.21 kB. WelcomeDialog 27.2, everything 53.5 (stop
// 45): the editor not counting a join an invite's state claims (+0.02 / +0.08 kB), then the sender fetch's failure
// reported (onSenderError; useSenderName exported) and its names forgotten when the user leaves (+0.14 / +0.16 kB):
// 27.15 / 53.45 kB. WelcomeDialog 27.3, everything 53.6 (stop 45): a failed image reloaded when the media setting
// changes (+0.03 / +0.03 kB), then the sanitizer's hook and walk made about 6% faster (a fast path for elements with
// nothing to keep, generated attributes not read, DOMPurify's checks not repeated on kept values, node types as
// constants; +0.07 / +0.09 kB): 27.25 / 53.57 kB. WelcomeDialog 27.6, everything 53.9 (stop 45): a review's fixes
// (CM: the sender fetch's room listener only while a dialog holds a name, its names checked against the user's own
// member event after; the dialog's default image consent per user, a click remembered for the edition shown then, a
// throwing consent store asked once; +0.25 / +0.24 kB): 27.50 / 53.81 kB. NoticeBanner 16.3, everything 54.1 (stop
// 45): the notices room store not counting a join an invite's state claims (a remote invite could pose as the joined
// notices room and keep the homeserver's real notices from ever showing): the claim watch moved from the welcome to
// src/core/claimedJoins.ts, shared (+0.64 / +0.04 / +0.23 kB): 16.25 / 27.54 / 54.04 kB. WelcomeDialog 27.7,
// everything 54.2 (stop 45): two reviews' fixes (CN: the notices room's answer held while a join is weighed, the wait
// heard first; CO: a stale sender name shown while asked again and kept if that fails, an owed update never lost, a
// client without prependListener; +0.04 / +0.05 / +0.08 kB): 16.29 / 27.60 / 54.12 kB.
// 16.3/27.7/54.2 -> 16.4/27.8/54.3 (stop 46): the invite a join answered remembered by the claim watch itself, when it
// starts and as it hears the user's joins, so a gappy sync re-sending it reads as the join in rooms no reader asked
// about (stop 45's known gap; +0.04 / +0.05 / +0.07 kB): 16.33 / 27.70 / 54.20 kB.
// 16.4/27.8/54.3 -> 15.9/27.3/53.2 (stop 46, lowered): a pass over every area took 0.59 / 0.65 / 1.28 kB out with every
// test unchanged (folded copies, regular expressions for character loops, constants the minifier inlines; each change
// compared with the old code on generated inputs by a review); then reviews' fixes gave some back (the title and the
// sender line called only while the dialog shows, an answered invite a made-up join names not trusted; +0.15 / +0.21
// / +0.25 kB): 15.89 / 27.26 / 53.17 kB.
// 15.9/27.3/53.2 -> 16.4/27.6/53.8 (stop 47): the invite a join answered kept right through redacted member events, real
// second invites, joins in state only and made-up joins beside an earlier stay (+0.23 / +0.23 / +0.28 kB with its
// review fixes), focus after "Show N more images" for images a closed details or a spoiler hides (0 / +0.09 / +0.08),
// and a send's usage limit ended by the homeserver's unpin (+0.18 / 0 / +0.17): 16.30 / 27.58 / 53.70 kB.
// 16.4/27.6/53.8 -> 16.7/27.9/54.2 (stop 48): the invite a join answered recorded for a join in a gappy sync's state
// with the user's renames in its timeline, and kept from made-up joins through them (+0.23 / +0.20 / +0.20 kB with its
// review fixes); a send's usage limit ended by the unpin in every store of the client, of the type the unpinned notices
// told, and not while a pinned event is unresolved (+0.13 / 0 / +0.17); a hidden image's button after a summary, and
// focus into a details without a summary (0 / +0.07 / +0.08): 16.65 / 27.85 / 54.14 kB.
// 16.7/27.9/54.2 -> 17.1/28.0/54.7 (stop 49): a send's usage limit ended by the unpin also for a hook bound to an old
// notices room, a store stopped over the unpin or started after it, a send refused while the unpin's sync was applied,
// and a new usage-limit notice pinned in the old one's place, with five reviews' fixes (+0.29 / 0 / +0.36 kB); the
// invite a join answered recorded when the join and a rename after it both fell in a gap (+0.13 / +0.13 / +0.14); the
// claim watch's fast path for rooms the SDK counts joined (+0.04 / +0.03 / +0.02): 17.09 / 27.99 / 54.64 kB.
const OWN_CEILING_BYTES = { NoticeBanner: 17100, WelcomeDialog: 28000, everything: 54700 };
const PEERS = ["react", "react-dom", "matrix-js-sdk"];
/** The kit's runtime dependencies (dompurify, @radix-ui/react-dialog, ...): external for "the kit's own code". */
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const DEPS = [...new Set(["dompurify", "@radix-ui", ...Object.keys(pkg.dependencies ?? {})])];
const matches = (names) => (id) => names.some((name) => id === name || id.startsWith(`${name}/`));

const src = join(root, "src", "index.ts");
// Entry files live under node_modules/.cache so that bare imports resolve from the project.
const cacheDir = join(root, "node_modules", ".cache");
mkdirSync(cacheDir, { recursive: true });
const tmp = mkdtempSync(join(cacheDir, "mnk-size-"));
const entry = (name, code) => {
  const file = join(tmp, `${name}.js`);
  writeFileSync(file, code);
  return file;
};
const fromSrc = relative(tmp, src).split("\\").join("/");
const ENTRIES = {
  NoticeBanner: `export { NoticeBanner } from "${fromSrc}";\n`,
  WelcomeDialog: `export { WelcomeDialog } from "${fromSrc}";\n`,
  everything: `export * from "${fromSrc}";\n`,
};
/**
 * Reported only, for sizing decisions: each feature area's root exports on their own (core helpers come along).
 * The blocks of src/index.ts are copied by the folder they export from.
 */
const indexSource = readFileSync(src, "utf8");
const fromSrcDir = fromSrc.replace(/index\.ts$/, "");
const areaEntry = (folders) =>
  [...indexSource.matchAll(/export\s*\{[^}]*\}\s*from\s*"\.\/([a-z]+)\/[^"]+";/g)]
    .filter((m) => folders.includes(m[1]))
    .map((m) => m[0].replace(/\btype\s+\w+\s*,?/g, "").replace('"./', `"${fromSrcDir}`))
    .join("\n");
const AREAS = {
  "notices (all exports)": areaEntry(["notices", "core"]),
  "welcome (all exports)": areaEntry(["welcome"]),
  "all but authoring": areaEntry(["notices", "core", "welcome"]),
};
const COMPARE = {
  dompurify: `export { default } from "dompurify";\n`,
  "sanitize-html": `export { default } from "sanitize-html";\n`,
};

/** The package a bundled module comes from (null for the kit's own files). */
function packageOf(id) {
  if (id.startsWith(tmp)) return null; // the entry file itself
  const at = id.lastIndexOf("/node_modules/");
  if (at < 0) return null;
  const parts = id.slice(at + "/node_modules/".length).split("/");
  return parts[0].startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
}

async function measure(name, code, external) {
  const result = await build({
    configFile: false,
    root,
    logLevel: "silent",
    mode: "production",
    plugins: [react()],
    define: { "process.env.NODE_ENV": JSON.stringify("production") },
    resolve: { dedupe: PEERS },
    build: {
      write: false,
      minify: true,
      sourcemap: false,
      emptyOutDir: false,
      copyPublicDir: false,
      reportCompressedSize: false,
      lib: { entry: entry(name.replace(/\W/g, "_"), code), formats: ["es"], fileName: "entry" },
      // Full minification (Vite keeps whitespace in library-mode ES output; an app's bundler would not).
      rolldownOptions: { external, output: { codeSplitting: false, minify: true } },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output);
  const chunks = outputs.filter((o) => o.type === "chunk");
  const text = chunks.map((c) => c.code).join("\n");
  const moduleIds = chunks.flatMap((c) => c.moduleIds ?? Object.keys(c.modules ?? {}));
  const packages = [...new Set(moduleIds.map(packageOf).filter(Boolean))].sort();
  // Each kit module's share of the output before minification (rough, for finding what to slim down).
  const rendered = chunks.flatMap((c) =>
    Object.entries(c.modules ?? {}).map(([id, m]) => ({
      id: relative(root, id),
      length: m.renderedLength ?? 0,
    })),
  );
  const total = rendered.reduce((sum, m) => sum + m.length, 0) || 1;
  const largestModules = rendered
    .filter((m) => m.length > 0 && !m.id.includes("node_modules"))
    .sort((a, b) => b.length - a.length)
    .slice(0, 8)
    .map((m) => ({ module: m.id, share: Math.round((m.length / total) * 1000) / 10 }));
  return {
    minBytes: Buffer.byteLength(text),
    gzipBytes: gzipSync(text, { level: 9 }).length,
    packages,
    largestModules,
  };
}

const kb = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;
/** Package names, with families (`@radix-ui/*`, `micromark-*`) collapsed to one item. */
function summarize(packages) {
  const families = new Map();
  for (const name of packages) {
    const family = name.startsWith("@") ? `${name.split("/")[0]}/*` : name.split("-")[0];
    families.set(family, [...(families.get(family) ?? []), name]);
  }
  return [...families.entries()]
    .map(([family, names]) =>
      names.length > 3
        ? `${family.endsWith("*") ? family : `${family}*`} (${names.length})`
        : names.join(", "),
    )
    .join(", ");
}
const rows = [];
const failures = [];
try {
  for (const [name, code] of Object.entries(ENTRIES)) {
    const bundled = await measure(name, code, matches(PEERS));
    const own = await measure(`${name}-own`, code, matches([...PEERS, ...DEPS]));
    rows.push({ entry: name, bundled, own });
  }
  const all = rows.find((r) => r.entry === "everything");
  for (const r of rows)
    if (r.own.gzipBytes > OWN_CEILING_BYTES[r.entry])
      failures.push(
        `${r.entry}: the kit's own code is ${kb(r.own.gzipBytes)} gzip, ceiling ${kb(OWN_CEILING_BYTES[r.entry])}`,
      );
  const banner = rows.find((r) => r.entry === "NoticeBanner");
  if (banner.bundled.packages.length > 0)
    failures.push(
      `NoticeBanner alone pulls in ${banner.bundled.packages.join(", ")}: budget none (no DOMPurify, no Radix)`,
    );
  const areas = [];
  for (const [name, code] of Object.entries(AREAS))
    areas.push({ entry: name, ...(await measure(name, code, matches([...PEERS, ...DEPS]))) });
  const comparisons = [];
  if (compare)
    for (const [name, code] of Object.entries(COMPARE))
      comparisons.push({ entry: name, ...(await measure(name, code, () => false)) });

  const table = [
    "| entry | min (deps bundled) | gzip (deps bundled) | gzip (kit's own code) | bundled packages |",
    "| --- | ---: | ---: | ---: | --- |",
    ...rows.map(
      (r) =>
        `| ${r.entry} | ${kb(r.bundled.minBytes)} | ${kb(r.bundled.gzipBytes)} | ${kb(r.own.gzipBytes)} | ${summarize(r.bundled.packages) || "none"} |`,
    ),
    ...comparisons.map(
      (c) =>
        `| ${c.entry} alone | ${kb(c.minBytes)} | ${kb(c.gzipBytes)} | | ${c.packages.length} packages |`,
    ),
  ].join("\n");
  console.log(`Bundle sizes (minified, gzip -9; react, react-dom and matrix-js-sdk external)\n\n${table}\n`);
  console.log(
    `Feature areas, the kit's own code (gzip; reported, not budgets): ${areas.map((a) => `${a.entry} ${kb(a.gzipBytes)}`).join(", ")}\n`,
  );
  console.log(
    `Largest kit modules in "everything" (share of its own code before minification): ${all.own.largestModules
      .map((m) => `${m.module} ${m.share}%`)
      .join(", ")}\n`,
  );
  console.log(
    `Target (reported, not enforced): kit's own code for everything < ${kb(OWN_BUDGET_BYTES)} gzip: ${all.own.gzipBytes < OWN_BUDGET_BYTES ? "MET" : "MISSED"} (${kb(all.own.gzipBytes)})`,
  );
  for (const r of rows)
    console.log(
      `Ceiling: ${r.entry} own code <= ${kb(OWN_CEILING_BYTES[r.entry])} gzip: ${r.own.gzipBytes <= OWN_CEILING_BYTES[r.entry] ? "PASS" : "FAIL"} (${kb(r.own.gzipBytes)})`,
    );
  console.log(
    `Budget: NoticeBanner alone pulls in no DOMPurify and no Radix: ${banner.bundled.packages.length === 0 ? "PASS" : "FAIL"}`,
  );
  if (jsonOut) {
    mkdirSync(dirname(jsonOut), { recursive: true });
    writeFileSync(
      jsonOut,
      `${JSON.stringify({ part: "size", ownBudgetBytes: OWN_BUDGET_BYTES, ownCeilingBytes: OWN_CEILING_BYTES, entries: rows, areas, comparisons, failures }, null, 2)}\n`,
    );
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
if (failures.length) {
  for (const f of failures) console.error(`size budget exceeded: ${f}`);
  process.exit(1);
}

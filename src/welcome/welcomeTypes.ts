/** The welcome state event types, apart from the parsing (the notices side notes invites' welcomes too). */

/** The stable MSC3857 welcome state event type (also its content wrapper key). */
export const WELCOME_EVENT_TYPE = "m.room.welcome";

/** The unstable MSC3857 welcome state event type (also its content wrapper key). */
export const UNSTABLE_WELCOME_EVENT_TYPE = "org.matrix.msc3857.welcome";

/** Both welcome types, in the order readers prefer them (stable first). */
export const WELCOME_TYPES = [WELCOME_EVENT_TYPE, UNSTABLE_WELCOME_EVENT_TYPE] as const;

/** A homeserver's refusal for a usage limit, as Synapse words it: monthly active users, with a contact. */
export const mauLimitFailure = {
  status: 403,
  errcode: "M_RESOURCE_LIMIT_EXCEEDED",
  error: "Monthly Active User Limit Exceeded",
  data: { limit_type: "monthly_active_user", admin_contact: "mailto:admin@example.org" },
} as const;

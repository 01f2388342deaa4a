/**
 * Every problem type the public API answers with, documented at /docs#problems and in the
 * OpenAPI document. A code is stable once published; add new ones here with the route that
 * raises them.
 */
export interface ProblemTypeDoc {
  readonly code: string;
  readonly status: number;
  readonly description: string;
}

/** Codes the astrology engine raises for input it cannot compute (422). */
export const ENGINE_PROBLEM_CODES = [
  ["INVALID_INPUT", "The chart input is not an object the engine can read."],
  ["INVALID_DATETIME", "datetime is not an ISO 8601 date-time the engine can read."],
  ["INVALID_LATITUDE", "latitude is outside −90…90."],
  ["INVALID_LONGITUDE", "longitude is outside −180…180."],
  ["UNKNOWN_TIMEZONE", "timezone is not an IANA time zone name."],
  ["INVALID_UTC_OFFSET", "utcOffset is not an offset such as +05:30."],
  ["TIMEZONE_CONFLICT", "timezone, utcOffset and an offset inside datetime disagree."],
  ["MISSING_TIMEZONE", "A local wall time was given without timezone or utcOffset."],
  [
    "NONEXISTENT_LOCAL_TIME",
    "The wall time is skipped by a clock change and disambiguation is reject.",
  ],
  [
    "AMBIGUOUS_LOCAL_TIME",
    "The wall time occurs twice (clocks went back) and disambiguation is reject.",
  ],
  ["DATE_OUT_OF_RANGE", "The date is outside the engine's range (1800–2200)."],
  ["UNKNOWN_HOUSE_SYSTEM", "houseSystem is not a supported house system."],
  ["UNKNOWN_ZODIAC", "zodiac is not tropical or sidereal."],
  ["UNKNOWN_AYANAMSA", "ayanamsa is not a supported ayanamsa."],
  ["UNKNOWN_BODY", "A body id is not one the engine can place."],
  ["UNKNOWN_ASPECT", "An aspect type is not one the engine knows."],
  ["INVALID_ORB", "An orb is outside the accepted range."],
  ["INVALID_OPTION", "An option is not valid with the rest of the input (named in errors[])."],
  ["INVALID_CHART", "A chart given back to the API is not a chart this engine produced."],
] as const;

export const PROBLEM_TYPES: readonly ProblemTypeDoc[] = [
  {
    code: "VALIDATION_FAILED",
    status: 400,
    description:
      "One or more fields are missing, of the wrong type, out of range or unknown; errors[] names every one (field, pointer or parameter, code, message).",
  },
  { code: "MALFORMED_JSON", status: 400, description: "The request body is not valid JSON." },
  {
    code: "UNSUPPORTED_ENCODING",
    status: 400,
    description: "The request body's charset or content encoding is not supported.",
  },
  {
    code: "UNEXPECTED_BODY",
    status: 400,
    description: "The route takes no request body but one was sent.",
  },
  {
    code: "INVALID_IDEMPOTENCY_KEY",
    status: 400,
    description: "Idempotency-Key must be 1 to 255 printable ASCII characters.",
  },
  { code: "ROUTE_NOT_FOUND", status: 404, description: "No route has this path." },
  {
    code: "METHOD_NOT_ALLOWED",
    status: 405,
    description:
      "The path exists but not with this method; the Allow header lists the methods it has.",
  },
  {
    code: "IDEMPOTENCY_KEY_IN_USE",
    status: 409,
    description:
      "A request with the same Idempotency-Key is still being processed; retry after Retry-After.",
  },
  {
    code: "PAYLOAD_TOO_LARGE",
    status: 413,
    description: "The request body is larger than the limit (limitBytes).",
  },
  {
    code: "UNSUPPORTED_MEDIA_TYPE",
    status: 415,
    description: "The request body is not application/json.",
  },
  {
    code: "IDEMPOTENCY_KEY_REUSED",
    status: 422,
    description:
      "The Idempotency-Key was already used with a different request (method, path or body).",
  },
  // API keys and accounts (issue 5).
  {
    code: "API_KEY_REQUIRED",
    status: 401,
    description:
      "No Authorization header: send Authorization: Bearer <API key>. WWW-Authenticate: Bearer.",
  },
  {
    code: "INVALID_API_KEY",
    status: 401,
    description:
      'The key is malformed (wrong format or checksum), unknown, revoked or expired. These cases get the same answer on purpose: it does not tell an unknown key from a revoked one. (A key\'s owner can see revokedAt and expiresAt with GET /v1/keys/{keyId}.) WWW-Authenticate: Bearer error="invalid_token".',
  },
  {
    code: "INSUFFICIENT_SCOPE",
    status: 403,
    description:
      "The key is valid but lacks the scope the route needs (requiredScope); only a valid key learns this.",
  },
  {
    code: "ACCOUNT_SUSPENDED",
    status: 403,
    description:
      "The key is valid but its account is suspended; only a holder of a valid key learns this.",
  },
  {
    code: "SCOPE_NOT_GRANTABLE",
    status: 403,
    description:
      "A key can only create keys with scopes it holds itself (scopes lists the others).",
  },
  {
    code: "IDEMPOTENCY_KEY_NOT_SUPPORTED",
    status: 400,
    description:
      "The route returns a secret once and never stores its response, so it cannot replay it for an Idempotency-Key.",
  },
  {
    code: "GRACE_PERIOD_TOO_LONG",
    status: 400,
    description: "The rotation grace period is longer than allowed (limit, seconds).",
  },
  {
    code: "INVALID_PAGE_TOKEN",
    status: 400,
    description: "pageToken is not one this API returned.",
  },
  {
    code: "USAGE_RANGE_TOO_LONG",
    status: 400,
    description: "A usage query spans more days than allowed (limit), or ends before it starts.",
  },
  {
    code: "KEY_NOT_FOUND",
    status: 404,
    description:
      "No key with this id in the caller's account (another account's keys answer the same).",
  },
  {
    code: "ACCOUNT_NOT_FOUND",
    status: 404,
    description: "No such account (or not one the caller may see).",
  },
  { code: "KEY_REVOKED", status: 409, description: "The key is revoked and cannot be rotated." },
  { code: "KEY_EXPIRED", status: 409, description: "The key has expired and cannot be rotated." },
  {
    code: "KEY_ALREADY_ROTATED",
    status: 409,
    description: "The key was already rotated; rotate its replacement (replacedByKeyId) instead.",
  },
  {
    code: "KEY_CHANGED",
    status: 409,
    description:
      "Another request rotated or revoked the key at the same moment; read it and retry.",
  },
  {
    code: "KEY_LIMIT_REACHED",
    status: 409,
    description: "The account holds the most active keys allowed (limit); revoke one first.",
  },
  {
    code: "OPERATOR_ACCOUNT_NOT_SUSPENDABLE",
    status: 409,
    description:
      "The operator account cannot be suspended (its admin keys would lock everyone out).",
  },
  // Webhooks.
  {
    code: "ENDPOINT_NOT_FOUND",
    status: 404,
    description:
      "No webhook endpoint with this id in the caller's account (another account's answer the same).",
  },
  {
    code: "MESSAGE_NOT_FOUND",
    status: 404,
    description:
      "No webhook message with this id in the caller's account (another account's answer the same).",
  },
  {
    code: "WEBHOOK_ENDPOINT_LIMIT_REACHED",
    status: 409,
    description:
      "The account has as many webhook endpoints as its plan allows (limit); delete one first.",
  },
  {
    code: "ENDPOINT_DISABLED",
    status: 409,
    description:
      "The webhook endpoint is disabled; enable it before testing, retrying or recovering.",
  },
  {
    code: "WEBHOOK_URL_NOT_ALLOWED",
    status: 422,
    description:
      "The endpoint URL is not https, carries credentials, does not resolve, or resolves to an address webhooks may not reach (loopback, private, link-local, CGNAT, multicast, reserved).",
  },
  {
    code: "UNKNOWN_EVENT_TYPE",
    status: 400,
    description: "eventTypes names a type GET /v1/webhooks/event-types does not list.",
  },
  {
    code: "TOO_MANY_EVENT_TYPES",
    status: 400,
    description: "eventTypes lists more than 50 types.",
  },
  {
    code: "WEBHOOK_METADATA_TOO_LARGE",
    status: 400,
    description:
      "metadata has more than 16 pairs, a key outside 1-64 characters or a value over 512.",
  },
  { code: "DESCRIPTION_TOO_LONG", status: 400, description: "description is over 500 characters." },
  { code: "URL_TOO_LONG", status: 400, description: "url is over 2,048 characters." },
  {
    code: "RATE_LIMIT_OUT_OF_RANGE",
    status: 400,
    description: "rateLimitPerSecond is outside 1-10,000.",
  },
  {
    code: "RECOVER_WINDOW_EXCEEDED",
    status: 400,
    description: "since is further back than recover reaches (limit, days).",
  },
  ...ENGINE_PROBLEM_CODES.map(([code, description]) => ({ code, status: 422, description })),
  {
    code: "QUOTA_EXCEEDED",
    status: 429,
    description:
      "A rate limit or the monthly quota is used up; violated-policies names which (as in RateLimit-Policy) and Retry-After says when the request fits again.",
  },
  {
    code: "INTERNAL_ERROR",
    status: 500,
    description: "An unexpected error; the requestId ties the response to the server's logs.",
  },
  {
    code: "RATE_LIMIT_UNAVAILABLE",
    status: 503,
    description:
      "Limits cannot be checked right now and the plan's policy is to refuse rather than let requests through unchecked; retry after Retry-After.",
  },
  {
    code: "IDEMPOTENCY_UNAVAILABLE",
    status: 503,
    description:
      "Idempotency keys cannot be stored right now; retry after Retry-After, or send the request without the key.",
  },
];

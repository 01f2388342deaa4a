/**
 * The kinds of failure every transport knows how to express. A kind decides the gRPC status
 * (libs/rpc) and the HTTP status (the gateway); a code's kind is fixed by the catalogue.
 */
export type DomainErrorKind =
  | "invalid_argument"
  | "unprocessable"
  | "unauthenticated"
  | "permission_denied"
  | "not_found"
  | "already_exists"
  | "conflict"
  | "failed_precondition"
  | "resource_exhausted"
  | "payload_too_large"
  | "unavailable"
  | "deadline_exceeded"
  | "cancelled"
  | "internal";

export interface ErrorCodeEntry {
  readonly kind: DomainErrorKind;
  /** The problem `title`: sentence case, one per code (RFC 9457 §3.1.3). */
  readonly title: string;
  /** What the code means and what a client can do about it, as the public docs print it. */
  readonly description: string;
  /** A public API client can receive it: documented at /docs#problems and in the OpenAPI document. */
  readonly public?: true;
  /**
   * For failures only HTTP has, a status more precise than the kind's (405, 415 and 431 are all
   * "invalid_argument" to every other transport).
   */
  readonly httpStatus?: 405 | 415 | 431;
}

/**
 * Every error code the platform raises, in one closed list: a client may switch on a code, so
 * a code is never renamed or reused once published. A new capability adds its codes here, in
 * its own section, and nowhere else; DomainError accepts nothing that is not listed.
 */
export const ERROR_CATALOGUE = {
  // Requests: the shape of what was sent.
  VALIDATION_FAILED: {
    kind: "invalid_argument",
    title: "Validation failed",
    description:
      "One or more fields are missing, of the wrong type, out of range or unknown; errors[] names every one (field, pointer or parameter, code, message).",
    public: true,
  },
  MALFORMED_JSON: {
    kind: "invalid_argument",
    title: "Malformed JSON",
    description: "The request body is not valid JSON.",
    public: true,
  },
  DUPLICATE_JSON_KEY: {
    kind: "invalid_argument",
    title: "Duplicate JSON key",
    description:
      "An object in the request body names the same member twice; JSON parsers disagree on which one wins, so the API takes neither (pointer says where).",
    public: true,
  },
  INVALID_UTF8: {
    kind: "invalid_argument",
    title: "Invalid UTF8",
    description:
      "The request body is not valid UTF-8; it is refused rather than read with replacement characters.",
    public: true,
  },
  UNSUPPORTED_ENCODING: {
    kind: "invalid_argument",
    title: "Unsupported encoding",
    description: "The request body's charset or content encoding is not supported.",
    public: true,
  },
  UNEXPECTED_BODY: {
    kind: "invalid_argument",
    title: "Unexpected body",
    description: "The route takes no request body but one was sent.",
    public: true,
  },
  PAYLOAD_TOO_LARGE: {
    kind: "payload_too_large",
    title: "Payload too large",
    description: "The request body is larger than the limit (limitBytes).",
    public: true,
  },
  UNSUPPORTED_MEDIA_TYPE: {
    kind: "invalid_argument",
    title: "Unsupported media type",
    description: "The request body is not application/json.",
    public: true,
    httpStatus: 415,
  },
  HEADERS_TOO_LARGE: {
    kind: "invalid_argument",
    title: "Headers too large",
    description:
      "The request's header section is larger than the limit (limitBytes); nothing of the request was read.",
    public: true,
    httpStatus: 431,
  },
  TOO_MANY_HEADERS: {
    kind: "invalid_argument",
    title: "Too many headers",
    description:
      "The request has more header fields than the limit (limit); none is dropped silently, the request is refused.",
    public: true,
    httpStatus: 431,
  },
  ROUTE_NOT_FOUND: {
    kind: "not_found",
    title: "Route not found",
    description: "No route has this path.",
    public: true,
  },
  METHOD_NOT_ALLOWED: {
    kind: "invalid_argument",
    title: "Method not allowed",
    description:
      "The path exists but not with this method; the Allow header lists the methods it has.",
    public: true,
    httpStatus: 405,
  },
  INVALID_PAGE_TOKEN: {
    kind: "unprocessable",
    title: "Invalid page token",
    description:
      "pageToken has the documented form but is not a token this API returned (pass nextPageToken back unchanged).",
    public: true,
  },
  PAGE_SIZE_TOO_LARGE: {
    kind: "invalid_argument",
    title: "Page size too large",
    description: "pageSize is above the most a list call returns at once (limit).",
  },
  INVALID_ID: {
    kind: "invalid_argument",
    title: "Invalid id",
    description: "An id in the request is not an id this platform issues.",
  },

  // Idempotency-Key.
  INVALID_IDEMPOTENCY_KEY: {
    kind: "invalid_argument",
    title: "Invalid idempotency key",
    description: "Idempotency-Key must be 1 to 255 printable ASCII characters.",
    public: true,
  },
  IDEMPOTENCY_KEY_NOT_SUPPORTED: {
    kind: "invalid_argument",
    title: "Idempotency key not supported",
    description:
      "The route returns a secret once and never stores its response, so it cannot replay it for an Idempotency-Key.",
    public: true,
  },
  IDEMPOTENCY_KEY_IN_USE: {
    kind: "conflict",
    title: "Idempotency key in use",
    description:
      "A request with the same Idempotency-Key is still being processed; retry after Retry-After.",
    public: true,
  },
  IDEMPOTENCY_KEY_REUSED: {
    kind: "unprocessable",
    title: "Idempotency key reused",
    description:
      "The Idempotency-Key was already used with a different request (method, path or body).",
    public: true,
  },
  IDEMPOTENCY_UNAVAILABLE: {
    kind: "unavailable",
    title: "Idempotency unavailable",
    description:
      "Idempotency keys cannot be stored right now; retry after Retry-After, or send the request without the key.",
    public: true,
  },

  // Authentication and authorization.
  API_KEY_REQUIRED: {
    kind: "unauthenticated",
    title: "API key required",
    description:
      "No Authorization header: send Authorization: Bearer <API key>. WWW-Authenticate: Bearer.",
    public: true,
  },
  INVALID_API_KEY: {
    kind: "unauthenticated",
    title: "Invalid API key",
    description:
      'The key is malformed (wrong format or checksum), unknown, revoked or expired. These cases get the same answer on purpose: it does not tell an unknown key from a revoked one. (A key\'s owner can see revokedAt and expiresAt with GET /v1/keys/{keyId}.) WWW-Authenticate: Bearer error="invalid_token".',
    public: true,
  },
  INSUFFICIENT_SCOPE: {
    kind: "permission_denied",
    title: "Insufficient scope",
    description:
      "The key is valid but lacks the scope the route needs (requiredScope); only a valid key learns this.",
    public: true,
  },
  ACCOUNT_SUSPENDED: {
    kind: "permission_denied",
    title: "Account suspended",
    description:
      "The key is valid but its account is suspended; only a holder of a valid key learns this.",
    public: true,
  },
  SCOPE_NOT_GRANTABLE: {
    kind: "permission_denied",
    title: "Scope not grantable",
    description:
      "A key can only create keys with scopes it holds itself (scopes lists the others).",
    public: true,
  },

  // API keys and accounts.
  INVALID_NAME: {
    kind: "unprocessable",
    title: "Invalid name",
    description:
      "A name, once trimmed, is empty, too long (limit, in characters) or holds characters that are not printable text (control, format, private-use, surrogate or unassigned code points).",
    public: true,
  },
  EXPIRY_IN_PAST: {
    kind: "unprocessable",
    title: "Expiry in past",
    description: "expiresAt is not in the future.",
    public: true,
  },
  KEY_NOT_FOUND: {
    kind: "not_found",
    title: "Key not found",
    description:
      "No key with this id in the caller's account (another account's keys answer the same).",
    public: true,
  },
  ACCOUNT_NOT_FOUND: {
    kind: "not_found",
    title: "Account not found",
    description: "No such account (or not one the caller may see).",
    public: true,
  },
  GRACE_PERIOD_TOO_LONG: {
    kind: "invalid_argument",
    title: "Grace period too long",
    description: "The rotation grace period is longer than allowed (limit, seconds).",
    public: true,
  },
  KEY_REVOKED: {
    kind: "failed_precondition",
    title: "Key revoked",
    description: "The key is revoked and cannot be rotated.",
    public: true,
  },
  KEY_EXPIRED: {
    kind: "failed_precondition",
    title: "Key expired",
    description: "The key has expired and cannot be rotated.",
    public: true,
  },
  KEY_ALREADY_ROTATED: {
    kind: "failed_precondition",
    title: "Key already rotated",
    description: "The key was already rotated; rotate its replacement (replacedByKeyId) instead.",
    public: true,
  },
  KEY_CHANGED: {
    kind: "conflict",
    title: "Key changed",
    description:
      "Another request rotated or revoked the key at the same moment; read it and retry.",
    public: true,
  },
  KEY_LIMIT_REACHED: {
    kind: "failed_precondition",
    title: "Key limit reached",
    description: "The account holds the most active keys allowed (limit); revoke one first.",
    public: true,
  },
  OPERATOR_ACCOUNT_NOT_SUSPENDABLE: {
    kind: "failed_precondition",
    title: "Operator account not suspendable",
    description:
      "The operator account cannot be suspended (its admin keys would lock everyone out).",
    public: true,
  },
  ACCOUNT_WITHOUT_PLAN: {
    kind: "internal",
    title: "Account without plan",
    description: "api-key described an account without a plan, so its limits are unknown.",
  },

  // Webhooks.
  ENDPOINT_NOT_FOUND: {
    kind: "not_found",
    title: "Endpoint not found",
    description:
      "No webhook endpoint with this id in the caller's account (another account's answer the same).",
    public: true,
  },
  MESSAGE_NOT_FOUND: {
    kind: "not_found",
    title: "Message not found",
    description:
      "No webhook message with this id in the caller's account (another account's answer the same).",
    public: true,
  },
  WEBHOOK_ENDPOINT_LIMIT_REACHED: {
    kind: "failed_precondition",
    title: "Webhook endpoint limit reached",
    description:
      "The account has as many webhook endpoints as its plan allows (limit); delete one first.",
    public: true,
  },
  ENDPOINT_DISABLED: {
    kind: "failed_precondition",
    title: "Endpoint disabled",
    description:
      "The webhook endpoint is disabled; enable it before testing, retrying or recovering.",
    public: true,
  },
  WEBHOOK_URL_NOT_ALLOWED: {
    kind: "unprocessable",
    title: "Webhook URL not allowed",
    description:
      "The endpoint URL is not https, carries credentials, does not resolve, or resolves to an address webhooks may not reach (loopback, private, link-local, CGNAT, multicast, reserved).",
    public: true,
  },
  UNKNOWN_EVENT_TYPE: {
    kind: "unprocessable",
    title: "Unknown event type",
    description: "eventTypes names a type GET /v1/webhooks/event-types does not list.",
    public: true,
  },
  TOO_MANY_EVENT_TYPES: {
    kind: "invalid_argument",
    title: "Too many event types",
    description: "eventTypes lists more than 50 types.",
    public: true,
  },
  WEBHOOK_METADATA_TOO_LARGE: {
    kind: "invalid_argument",
    title: "Webhook metadata too large",
    description:
      "metadata has more than 16 pairs, a key outside 1-64 characters or a value over 512.",
    public: true,
  },
  DESCRIPTION_TOO_LONG: {
    kind: "invalid_argument",
    title: "Description too long",
    description: "description is over 500 characters.",
    public: true,
  },
  URL_TOO_LONG: {
    kind: "invalid_argument",
    title: "URL too long",
    description: "url is over 2,048 characters.",
    public: true,
  },
  RATE_LIMIT_OUT_OF_RANGE: {
    kind: "invalid_argument",
    title: "Rate limit out of range",
    description: "rateLimitPerSecond is outside 1-10,000.",
    public: true,
  },
  RECOVER_WINDOW_EXCEEDED: {
    kind: "unprocessable",
    title: "Recover window exceeded",
    description: "since is further back than recover reaches (limit, days).",
    public: true,
  },

  // Batches.
  BATCH_NOT_FOUND: {
    kind: "not_found",
    title: "Batch not found",
    description:
      "No batch with this id in the caller's account (another account's answer the same).",
    public: true,
  },
  BATCH_ALL_ITEMS_INVALID: {
    kind: "invalid_argument",
    title: "Batch all items invalid",
    description:
      "Every item of the batch is invalid, so nothing would be computed; errors[] lists the first problems (field items.<index>.…), and nothing was charged.",
    public: true,
  },
  BATCH_EMPTY: {
    kind: "invalid_argument",
    title: "Batch empty",
    description: "The upload holds no items (an empty items array, or no JSONL line).",
    public: true,
  },
  BATCH_UPLOAD_TOO_LARGE: {
    kind: "payload_too_large",
    title: "Batch upload too large",
    description:
      "The batch upload is larger than the limit (limitBytes); split it into several batches.",
    public: true,
  },
  BATCH_ITEM_TOO_LARGE: {
    kind: "payload_too_large",
    title: "Batch item too large",
    description:
      "This item of the batch is larger than the per-item limit (64 KiB by default; a JSONL line, or a JSON item as compact JSON); it failed alone (errors of a batch only).",
    public: true,
  },
  BATCH_SIZE_LIMIT_EXCEEDED: {
    kind: "payload_too_large",
    title: "Batch size limit exceeded",
    description:
      "The batch has more items than the plan allows in one batch (limit); split it. Nothing was charged.",
    public: true,
  },
  CONCURRENT_BATCH_LIMIT_REACHED: {
    kind: "resource_exhausted",
    title: "Concurrent batch limit reached",
    description:
      "The account has as many batches running as its plan allows (limit); wait for one to finish or cancel one. Nothing was charged.",
    public: true,
  },
  BATCH_ITEM_CANCELLED: {
    kind: "cancelled",
    title: "Batch item cancelled",
    description: "The batch was cancelled before this item was computed (errors of a batch only).",
    public: true,
  },
  BATCH_ITEM_EXPIRED: {
    kind: "deadline_exceeded",
    title: "Batch item expired",
    description:
      "The batch's completion window ended before this item was computed (errors of a batch only).",
    public: true,
  },
  BATCH_NOT_OPEN: {
    kind: "failed_precondition",
    title: "Batch not open",
    description: "Items can be added only to a batch that is still being uploaded.",
  },

  // Rate limits, quotas and usage.
  RATE_LIMITED: {
    kind: "resource_exhausted",
    title: "Rate limited",
    description:
      "Too many requests in a short time: a per-second (burst) or per-minute limit refused this one. violated-policies names which (as in RateLimit-Policy); Retry-After says when it fits again. It was not charged.",
    public: true,
  },
  QUOTA_EXCEEDED: {
    kind: "resource_exhausted",
    title: "Quota exceeded",
    description:
      "The monthly quota of request units is used up (violated-policies: month, or key-month for a key's own quota); Retry-After says when the billing cycle resets. It was not charged.",
    public: true,
  },
  RATE_LIMIT_UNAVAILABLE: {
    kind: "unavailable",
    title: "Rate limit unavailable",
    description:
      "Limits cannot be checked right now and the plan's policy is to refuse rather than let requests through unchecked; retry after Retry-After.",
    public: true,
  },
  USAGE_RANGE_TOO_LONG: {
    kind: "unprocessable",
    title: "Usage range too long",
    description: "A usage query spans more days than allowed (limit), or ends before it starts.",
    public: true,
  },
  USAGE_QUERY_TOO_LARGE: {
    kind: "unprocessable",
    title: "Usage query too large",
    description:
      "An analytics query's range holds more buckets of its granularity than one query may return (limit: buckets); choose a coarser granularity or a shorter range.",
    public: true,
  },
  REPORT_NOT_FOUND: {
    kind: "not_found",
    title: "Report not found",
    description:
      "No saved report with this id in the caller's account (another account's answer the same).",
    public: true,
  },
  REPORT_RUN_NOT_FOUND: {
    kind: "not_found",
    title: "Report run not found",
    description:
      "No run with this id of this saved report in the caller's account (runs past the kept ones are gone).",
    public: true,
  },
  SAVED_REPORT_LIMIT_REACHED: {
    kind: "failed_precondition",
    title: "Saved report limit reached",
    description:
      "The account has as many saved reports as its plan allows (limit); delete one first.",
    public: true,
  },
  PLAN_REQUIRED: {
    kind: "invalid_argument",
    title: "Plan required",
    description: "An account context was sent without its plan.",
  },
  TOO_MANY_CHECKS: {
    kind: "invalid_argument",
    title: "Too many checks",
    description: "A CheckBatch call carries more checks than the service takes at once (limit).",
  },
  UNKNOWN_DOMAIN: {
    kind: "invalid_argument",
    title: "Unknown domain",
    description:
      "The Envoy rate limit request names a descriptor domain this service does not serve.",
  },
  UNKNOWN_LIMIT: {
    kind: "invalid_argument",
    title: "Unknown limit",
    description: "An Envoy descriptor names a limit the policy does not have.",
  },

  // The astrology engine: input it cannot compute (its AstroError codes, one for one).
  INVALID_INPUT: {
    kind: "unprocessable",
    title: "Invalid input",
    description: "The chart input is not an object the engine can read.",
    public: true,
  },
  INVALID_DATETIME: {
    kind: "unprocessable",
    title: "Invalid datetime",
    description: "datetime is not an ISO 8601 date-time the engine can read.",
    public: true,
  },
  INVALID_LATITUDE: {
    kind: "unprocessable",
    title: "Invalid latitude",
    description: "latitude is outside −90…90.",
    public: true,
  },
  INVALID_LONGITUDE: {
    kind: "unprocessable",
    title: "Invalid longitude",
    description: "longitude is outside −180…180.",
    public: true,
  },
  UNKNOWN_TIMEZONE: {
    kind: "unprocessable",
    title: "Unknown timezone",
    description: "timezone is not an IANA time zone name.",
    public: true,
  },
  INVALID_UTC_OFFSET: {
    kind: "unprocessable",
    title: "Invalid UTC offset",
    description: "utcOffset is not an offset such as +05:30.",
    public: true,
  },
  TIMEZONE_CONFLICT: {
    kind: "unprocessable",
    title: "Timezone conflict",
    description:
      'timezone, utcOffset and an offset inside datetime disagree, or timezone "auto" came with a utcOffset.',
    public: true,
  },
  MISSING_TIMEZONE: {
    kind: "unprocessable",
    title: "Missing timezone",
    description: "A local wall time was given without timezone or utcOffset.",
    public: true,
  },
  NONEXISTENT_LOCAL_TIME: {
    kind: "unprocessable",
    title: "Nonexistent local time",
    description: "The wall time is skipped by a clock change and disambiguation is reject.",
    public: true,
  },
  AMBIGUOUS_LOCAL_TIME: {
    kind: "unprocessable",
    title: "Ambiguous local time",
    description: "The wall time occurs twice (clocks went back) and disambiguation is reject.",
    public: true,
  },
  DATE_OUT_OF_RANGE: {
    kind: "unprocessable",
    title: "Date out of range",
    description: "The date is outside the engine's range (1800–2200).",
    public: true,
  },
  UNKNOWN_HOUSE_SYSTEM: {
    kind: "unprocessable",
    title: "Unknown house system",
    description: "houseSystem is not a supported house system.",
    public: true,
  },
  UNKNOWN_ZODIAC: {
    kind: "unprocessable",
    title: "Unknown zodiac",
    description: "zodiac is not tropical or sidereal.",
    public: true,
  },
  UNKNOWN_AYANAMSA: {
    kind: "unprocessable",
    title: "Unknown ayanamsa",
    description: "ayanamsa is not a supported ayanamsa.",
    public: true,
  },
  UNKNOWN_BODY: {
    kind: "unprocessable",
    title: "Unknown body",
    description: "A body id is not one the engine can place.",
    public: true,
  },
  UNKNOWN_ASPECT: {
    kind: "unprocessable",
    title: "Unknown aspect",
    description: "An aspect type is not one the engine knows.",
    public: true,
  },
  INVALID_ORB: {
    kind: "unprocessable",
    title: "Invalid orb",
    description: "An orb is outside the accepted range.",
    public: true,
  },
  INVALID_OPTION: {
    kind: "unprocessable",
    title: "Invalid option",
    description: "An option is not valid with the rest of the input (named in errors[]).",
    public: true,
  },
  INVALID_CHART: {
    kind: "unprocessable",
    title: "Invalid chart",
    description: "A chart given back to the API is not a chart this engine produced.",
    public: true,
  },
  INVALID_RANGE: {
    kind: "unprocessable",
    title: "Invalid range",
    description: "A time range ends before it starts, or lies outside the engine's dates.",
    public: true,
  },
  RANGE_TOO_LONG: {
    kind: "unprocessable",
    title: "Range too long",
    description: "A time range is longer than the computation allows (limit).",
    public: true,
  },

  // Places and time zones (libs/places: its PlaceError codes, one for one).
  INVALID_QUERY: {
    kind: "unprocessable",
    title: "Invalid query",
    description: "A place search needs a query with at least one letter or digit.",
    public: true,
  },
  QUERY_TOO_LONG: {
    kind: "unprocessable",
    title: "Query too long",
    description: "A place search query is longer than allowed (limit, characters).",
    public: true,
  },
  INVALID_COUNTRY: {
    kind: "unprocessable",
    title: "Invalid country",
    description: "country must be an ISO 3166-1 alpha-2 code such as PT.",
    public: true,
  },
  UNKNOWN_COUNTRY: {
    kind: "unprocessable",
    title: "Unknown country",
    description: "No city of the place data lies in this country code.",
    public: true,
  },
  INVALID_LIMIT: {
    kind: "unprocessable",
    title: "Invalid limit",
    description: "A place search limit is outside 1–50.",
    public: true,
  },
  INVALID_PLACE_ID: {
    kind: "unprocessable",
    title: "Invalid place id",
    description: "A placeId is not a GeoNames id (digits) as GET /v1/places returns them.",
    public: true,
  },
  PLACE_NOT_FOUND: {
    kind: "not_found",
    title: "Place not found",
    description:
      "No place has this id (in a path, or as the placeId of a chart input); search with GET /v1/places.",
    public: true,
  },
  MISSING_LOCATION: {
    kind: "unprocessable",
    title: "Missing location",
    description: "A chart input or place needs latitude and longitude, or a placeId.",
    public: true,
  },
  LOCATION_CONFLICT: {
    kind: "unprocessable",
    title: "Location conflict",
    description: "A placeId was given together with latitude or longitude; give one or the other.",
    public: true,
  },
  INVALID_TIMEZONE: {
    kind: "unprocessable",
    title: "Invalid timezone",
    description: 'timezone must be an IANA zone name or "auto" (the zone at the coordinates).',
    public: true,
  },

  // Calls between services, and what is left when nothing else applies.
  DATABASE_UNAVAILABLE: {
    kind: "unavailable",
    title: "Database unavailable",
    description:
      "A service behind the API cannot reach its database right now; retry after Retry-After.",
    public: true,
  },
  UPSTREAM_UNAVAILABLE: {
    kind: "unavailable",
    title: "Upstream unavailable",
    description: "A service behind the API could not be reached; retry shortly.",
    public: true,
  },
  UPSTREAM_DEADLINE_EXCEEDED: {
    kind: "deadline_exceeded",
    title: "Upstream deadline exceeded",
    description: "A service behind the API did not answer in time; retry shortly.",
    public: true,
  },
  UPSTREAM_UNIMPLEMENTED: {
    kind: "internal",
    title: "Upstream unimplemented",
    description: "A service behind the API does not implement the call made to it.",
  },
  // Realtime (error frames on /v1/realtime; the connection stays up).
  CHANNEL_UNKNOWN: {
    kind: "invalid_argument",
    title: "Channel unknown",
    description:
      "The channel is not one of account, keys, usage, webhooks or batch:{id}; the connection stays open.",
    public: true,
  },
  CHANNEL_FORBIDDEN: {
    kind: "permission_denied",
    title: "Channel forbidden",
    description:
      "The channel belongs to another account (a batch of another tenant); the connection stays open.",
    public: true,
  },
  FRAME_INVALID: {
    kind: "invalid_argument",
    title: "Frame invalid",
    description:
      "A realtime frame is not JSON or not one of subscribe, unsubscribe, refresh and pong with their fields.",
    public: true,
  },
  REALTIME_CONNECTION_LIMIT_REACHED: {
    kind: "resource_exhausted",
    title: "Realtime connection limit reached",
    description:
      "The account holds as many realtime connections (WebSocket and event streams, on every pod) as its plan's realtimeConnections allows; close one first.",
    public: true,
  },
  REALTIME_TOKEN_INVALID: {
    kind: "unauthenticated",
    title: "Realtime token invalid",
    description:
      "A refresh token is malformed, signed with another secret, expired or for another account; the connection keeps its old expiry.",
    public: true,
  },

  UPSTREAM_ERROR: {
    kind: "internal",
    title: "Upstream error",
    description: "A service behind the API failed without saying why.",
  },
  DEADLINE_EXCEEDED: {
    kind: "deadline_exceeded",
    title: "Deadline exceeded",
    description: "The call's deadline passed before its work was done.",
  },
  CANCELLED: {
    kind: "cancelled",
    title: "Cancelled",
    description: "The caller cancelled the call.",
  },
  INTERNAL_ERROR: {
    kind: "internal",
    title: "Internal error",
    description: "An unexpected error; the requestId ties the response to the server's logs.",
    public: true,
  },
} as const satisfies Record<string, ErrorCodeEntry>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

const entries: Readonly<Record<string, ErrorCodeEntry>> = ERROR_CATALOGUE;

/** For codes that arrive as text (a gRPC ErrorInfo reason): whether the catalogue has it. */
export function isErrorCode(value: string): value is ErrorCode {
  return Object.hasOwn(entries, value);
}

export function errorCodeEntry(code: ErrorCode): ErrorCodeEntry {
  return ERROR_CATALOGUE[code];
}

/** Every code a public API client can receive, in catalogue order. */
export const PUBLIC_ERROR_CODES: readonly ErrorCode[] = (
  Object.keys(ERROR_CATALOGUE) as ErrorCode[]
).filter((code) => errorCodeEntry(code).public === true);

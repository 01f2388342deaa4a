export {
  decodeInvalidation,
  encodeInvalidation,
  KEY_CACHE_INVALIDATION_CHANNEL,
} from "./cache-invalidation.js";
export {
  API_KEY_PATTERN,
  checksumOf,
  type GeneratedKey,
  generateApiKey,
  KEY_PREFIXES,
  type KeyEnvironment,
  keyStart,
  parseApiKey,
  randomBase62,
} from "./key-format.js";
export {
  mintRealtimeToken,
  type RealtimeTokenCheck,
  type RealtimeTokenClaims,
  verifyRealtimeToken,
} from "./realtime-token.js";
export { ADMIN_SCOPE, grantsScope, isScope, SCOPES, type Scope } from "./scopes.js";

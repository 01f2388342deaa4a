export {
  type DomainErrorKind,
  ERROR_CATALOGUE,
  type ErrorCode,
  type ErrorCodeEntry,
  errorCodeEntry,
  isErrorCode,
  PUBLIC_ERROR_CODES,
} from "./catalogue.js";
export {
  DomainError,
  type DomainErrorOptions,
  type FieldViolation,
  invalidField,
  isDomainError,
  requireId,
} from "./domain-error.js";

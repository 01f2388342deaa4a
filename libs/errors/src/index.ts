export {
  DomainError,
  type DomainErrorKind,
  type FieldViolation,
  isDomainError,
} from "./domain-error.js";

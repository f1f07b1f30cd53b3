/**
 * Redaction lives in the protocol (protocol/src/redact.ts, PROTOCOL.md §7) so that every server
 * applies the same rule; server-lib re-exports it for its options and its users.
 */
export {
  DEFAULT_REDACT,
  REDACTED_TEXT,
  isSecretName,
  redactPredicate,
  type RedactOption,
  type RedactRule,
} from '../../protocol/src/redact.js';

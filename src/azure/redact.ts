// Credentials are removed from network error text by the same policy as from scanned files: one home, in core.
export { redactSecrets } from '../core/redact';

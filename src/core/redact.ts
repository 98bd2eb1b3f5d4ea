// The one home for what may leave the tool about a scanned or pasted value. redactSecrets removes
// credentials (JWTs and their fragments, Bearer values, key headers and connection-string keys, URL
// query values such as `?api-key=`, 32-hex Azure keys and long key-shaped strings) from any text that
// reaches a finding, a report, a log line or an explanation. printable makes a value safe to print on
// a terminal: control characters (C0, DEL, C1) and the invisible bidirectional / line-separator
// characters become visible escapes, so a file cannot move the cursor, erase lines or forge a line.
// Every pattern here has one quantifier over a character class: linear time on any input.

const JWT = /\beyJ[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*){0,2}/g;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const KEY_FIELD =
  /\b(api[-_]?key|Ocp-Apim-Subscription-Key|x-api-key|subscription[-_]?key|access[-_]?token|refresh[-_]?token|id[-_]?token|client[-_]?secret|AccountKey|SharedAccessKey|SharedAccessSignature|password|pwd|secret|sig)(["']?\s*[:=]\s*["']?)([^\s"',;&}<>()[\]]{4,})/gi;
/** A value that is code (`apiKey=tokenProvider`, `api_key=os.environ`), not a secret: an identifier path without digits. */
const CODE_VALUE = /^[A-Za-z_$][\w$]{0,39}(?:\.[A-Za-z_$][\w$]{0,39}){0,5}$/;
/** Query values in URLs, except the few that carry no secret and help the reader. */
const QUERY_VALUE = /([?&](?!(?:api-version|deployment|model)=)[A-Za-z0-9_.~%-]{1,64}=)[^&#\s"'<>]{1,}/gi;
const HEX_KEY = /\b[0-9a-fA-F]{32}\b/g;
/** Long unbroken key-like strings (84-character Azure keys, base64 secrets). */
const LONG_KEY = /[A-Za-z0-9+/_-]{40,}={0,2}/g;

const REDACTED = '[redacted]';

/**
 * A long run is a key when one of its path segments is high-entropy: mixed case and digits (32+
 * characters), or letters and digits without word separators (60+). URL paths, identifiers and
 * UPPER_CASE variable names are not.
 */
const looksLikeKey = (run: string) =>
  run
    .split('/')
    .some(
      (p) =>
        (p.length >= 32 && /\d/.test(p) && /[a-z]/.test(p) && /[A-Z]/.test(p)) ||
        (p.length >= 60 && /\d/.test(p) && /[A-Za-z]/.test(p) && !/[_-]/.test(p)),
    );

export function redactSecrets(text: string): string {
  return text
    .replace(JWT, '[redacted token]')
    .replace(BEARER, `$1 ${REDACTED}`)
    .replace(KEY_FIELD, (whole: string, name: string, sep: string, value: string) =>
      CODE_VALUE.test(value) && !/\d/.test(value) ? whole : `${name}${sep}${REDACTED}`,
    )
    .replace(QUERY_VALUE, (whole: string, name: string) => (whole.endsWith(REDACTED) ? whole : `${name}${REDACTED}`))
    .replace(HEX_KEY, REDACTED)
    .replace(LONG_KEY, (s) => (looksLikeKey(s) ? REDACTED : s));
}

// C0 controls (TAB kept), DEL, C1, bidirectional embeddings/overrides/isolates, LRM/RLM/ALM,
// line and paragraph separators, BOM / zero-width no-break space.
// eslint-disable-next-line no-control-regex
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

const escapeOf = (c: string) => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** A value made safe for a terminal line: every control or invisible direction character shown as an escape. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, escapeOf);
}

/** Redacted and printable: for values from a scanned file or pasted text in text output. */
export function safeText(text: string): string {
  return printable(redactSecrets(text));
}

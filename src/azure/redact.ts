// Removes credentials from text that came from the network before it reaches a report, a log line or
// a message: a gateway or service may echo the request's Authorization header (or a key) in its error
// body, and we repeat error text to the user. JWT-shaped strings, Bearer values and key headers go.
const JWT = /\beyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{4,}(?:\.[A-Za-z0-9_-]*)?/g;
const BEARER = /\b(Bearer)\s+[A-Za-z0-9._~+/=-]{8,}/gi;
const KEY_HEADER =
  /\b(api-key|Ocp-Apim-Subscription-Key|x-api-key|access_token|refresh_token|client_secret)(["']?\s*[:=]\s*["']?)[^\s"',;&}]{8,}/gi;

export function redactSecrets(text: string): string {
  return text.replace(JWT, '[redacted token]').replace(BEARER, '$1 [redacted]').replace(KEY_HEADER, '$1$2[redacted]');
}

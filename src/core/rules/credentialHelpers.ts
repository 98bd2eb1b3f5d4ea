// Shared bits for the credential rules: reading `cred.get_token(scope).token`, building a token
// provider expression per language, deleting an argument.
import { SCOPES } from '../knowledge/endpoints';
import type { Arg } from '../model/calls';
import { FileModel } from '../model';
import type { Doc } from '../scan/document';
import type { EndpointInfo } from '../types';
import { edit } from './rule';
import type { TextEdit } from '../types';

/** `cred.get_token("scope").token` / `(await cred.getToken("scope")).token` -> credential and scope texts. */
export function parseGetToken(text: string): { cred: string; scopes: string } | undefined {
  const m = /((?:new\s+)?[A-Za-z_$][\w$.]*(?:\(\s*\))?)\s*\.\s*get_?[Tt]oken\s*\(\s*([^)]*?)\s*\)/.exec(text);
  if (!m) return undefined;
  return { cred: m[1], scopes: m[2] };
}

export function scopeFor(info: EndpointInfo | undefined): string {
  return info?.scopes[0] ?? SCOPES.cognitiveServices;
}

/** get_bearer_token_provider(cred, scope) / getBearerTokenProvider(cred, scope). */
export function providerExpr(doc: Doc, cred: string, scopes: string): string {
  if (doc.family === 'js') return `getBearerTokenProvider(${cred}, ${scopes})`;
  return `get_bearer_token_provider(${cred}, ${scopes})`;
}

/**
 * The token provider to write where a client at `at` gets a token fetched once (`expanded`: the argument's
 * text with its variable and same-file helper expanded). It reuses the credential the code fetched with
 * when that is usable at the client (a construction, or a name visible there; a helper's local is not) and
 * the scope the code asked for unless the endpoint does not accept it (token-scope reports that one).
 */
export function providerFor(doc: Doc, expanded: string, at: number, info: EndpointInfo | undefined): string {
  const gt = parseGetToken(expanded);
  const fallbackCred = doc.family === 'js' ? 'new DefaultAzureCredential()' : 'DefaultAzureCredential()';
  const root = gt && /^[A-Za-z_$][\w$]*/.exec(gt.cred)?.[0];
  const model = FileModel.of(doc);
  // a name bound in this file must be visible at the client; an unbound one is a global or injected
  const visible = (name: string) => !model || model.bindingsOf(name).length === 0 || !!model.lookup(name, at);
  const credUsable = !!gt && (/\)\s*$/.test(gt.cred) || (!!root && visible(root)));
  const literal = gt && /^(["'`])([^"'`]*)\1$/.exec(gt.scopes)?.[2];
  const scopeUsable = !!gt?.scopes && (literal === undefined || !info || info.scopes.includes(literal));
  return providerExpr(doc, credUsable ? gt.cred : fallbackCred, scopeUsable ? gt.scopes : `"${scopeFor(info)}"`);
}

/** Deletes an argument with its separating comma. */
export function deleteArgEdit(doc: Doc, args: Arg[], a: Arg): TextEdit {
  const idx = args.indexOf(a);
  let start = a.fullStart;
  let end = a.fullEnd;
  const after = /^\s*,[ \t]*(?:\r?\n[ \t]*)?/.exec(doc.code.slice(end, end + 200));
  if (after) end += after[0].length;
  else if (idx > 0) {
    // last argument: remove the comma before it instead
    const before = /,\s*$/.exec(doc.code.slice(Math.max(0, start - 200), start));
    if (before) start -= before[0].length;
  }
  return edit(doc, start, end, '');
}

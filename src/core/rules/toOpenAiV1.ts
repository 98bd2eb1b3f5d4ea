// The move every client/endpoint mismatch now recommends (update §1a, §1b; facts [D4]): the plain OpenAI
// client on the v1 API, with the deployment name as `model` and a token provider for the v1 surface's
// audience. One home for the Python and JS/TS rewrite of an AzureOpenAI construction, shared by the
// rules that offer it.
import type { Doc } from '../scan/document';
import type { ClientUse } from '../model/clients';
import type { Arg } from '../model/calls';
import type { TextEdit } from '../types';
import { edit, fix, replaceValueEdit } from './rule';
import { deleteArgEdit } from './credentialHelpers';

/** Where the file imports from openai, found once per document (a file with many clients asks once per client). */
interface OpenAiImport {
  /** Offset right after `import ` / `{`, where a new name goes. */
  at: number;
  /** The names already imported there. */
  names: string;
  python: boolean;
}
const importCache = new WeakMap<Doc, OpenAiImport | null>();

function openAiImportOf(doc: Doc): OpenAiImport | null {
  const cached = importCache.get(doc);
  if (cached !== undefined) return cached;
  let found: OpenAiImport | null = null;
  if (doc.family === 'python') {
    const m = /^[ \t]*from[ \t]+openai[ \t]+import[ \t]+(\(?)/m.exec(doc.code);
    if (m) {
      const at = m.index + m[0].length;
      const close = doc.code.indexOf(m[1] ? ')' : '\n', at);
      found = { at, names: doc.code.slice(at, close < 0 ? at + 500 : Math.min(close, at + 500)), python: true };
    }
  } else if (doc.family === 'js') {
    // `import [Default, ]{ … } from "openai"` (the default import's name counts as imported), or CommonJS
    // `const { … } = require("openai")`
    const m =
      /import[ \t]+(?:([A-Za-z_$][\w$]*)[ \t]*,[ \t]*)?\{([^}]{0,500})\}[ \t]*from[ \t]*["']openai["']/.exec(
        doc.text,
      ) ??
      /(?:const|let|var)[ \t]+()\{([^}]{0,500})\}[ \t]*=[ \t]*require[ \t]*\([ \t]*["']openai["'][ \t]*\)/.exec(
        doc.text,
      );
    if (m) found = { at: m.index + m[0].indexOf('{') + 1, names: `${m[1] ?? ''},${m[2]}`, python: false };
  }
  importCache.set(doc, found);
  return found;
}

/** Adds `OpenAI` (or `AsyncOpenAI`) to the file's `from openai import …` / `import { … } from "openai"`, unless present. */
export function openAiImportEdit(doc: Doc, className: string): TextEdit | undefined {
  const found = openAiImportOf(doc);
  if (!found) return undefined;
  if (new RegExp(`(?:^|[\\s,{(])${className}(?:[\\s,})]|$)`).test(` ${found.names} `)) return undefined;
  return edit(doc, found.at, found.at, found.python ? `${className}, ` : ` ${className},`);
}

const RENAME_PY: Record<string, string> = { azure_endpoint: 'base_url', azure_ad_token_provider: 'api_key' };
const DROP_PY = new Set(['api_version', 'azure_deployment']);
const RENAME_JS: Record<string, string> = { endpoint: 'baseURL', azureADTokenProvider: 'apiKey' };
const DROP_JS = new Set(['apiVersion', 'deployment']);

/**
 * AzureOpenAI(azure_endpoint=X, azure_ad_token_provider=p, api_version=…) -> OpenAI(base_url=V1, api_key=p);
 * JS new AzureOpenAI({ endpoint, azureADTokenProvider, apiVersion }) -> new OpenAI({ baseURL, apiKey }).
 * `v1` is the new base URL (undefined: keep the value, it already is one). Undefined when the shape is not one
 * it can rewrite safely (endpoint from the SDK's env fallback, options not an object literal, other languages).
 */
export function switchToOpenAiV1(doc: Doc, c: ClientUse, v1: string | undefined, preferred: boolean) {
  if (c.envFallback || (doc.family !== 'python' && doc.family !== 'js')) return undefined;
  const isAsync = c.spec.className.startsWith('Async');
  const target = isAsync ? 'AsyncOpenAI' : 'OpenAI';
  const edits: Array<TextEdit | undefined> = [edit(doc, c.call.calleeStart, c.call.calleeEnd, target)];
  let args: Arg[];
  let rename: Record<string, string>;
  let drop: Set<string>;
  if (doc.family === 'python') {
    args = c.call.args;
    rename = RENAME_PY;
    drop = DROP_PY;
  } else {
    const opts = c.call.args[0];
    if (!opts?.props || doc.code[opts.start] !== '{') return undefined;
    args = opts.props;
    rename = RENAME_JS;
    drop = DROP_JS;
  }
  for (const a of args) {
    if (!a.name) continue;
    if (rename[a.name]) {
      const shorthand = doc.family === 'js' && a.fullEnd - a.fullStart === a.name.length; // { endpoint }
      edits.push(
        edit(
          doc,
          a.fullStart,
          a.fullStart + a.name.length,
          shorthand ? `${rename[a.name]}: ${a.name}` : rename[a.name],
        ),
      );
    } else if (drop.has(a.name)) edits.push(deleteArgEdit(doc, args, a));
  }
  if (v1) {
    const value = replaceValueEdit(doc, c.endpoint, v1);
    if (!value) return undefined; // the endpoint is computed: the user must change it
    edits.push(value);
  }
  edits.push(openAiImportEdit(doc, target));
  return fix(`Switch to ${target} on the v1 API${v1 ? ` (${v1})` : ''}`, edits, preferred);
}

// Turns the calls found in a document into client constructions with their endpoint (resolved
// through constants, env files and SDK env fallbacks), credential kind, scopes, model and the other
// arguments rules need. One extraction shared by every rule.
import type { EndpointInfo } from '../types';
import { classifyEndpoint } from '../knowledge/endpoints';
import { CLIENTS, KEY_CREDENTIAL, TOKEN_CREDENTIAL, type ClientSpec } from '../knowledge/clients';
import { findCalls, named, positional, type Arg, type Call } from './calls';
import type { Doc } from './document';
import type { Resolved, ValueResolver } from './values';

/** How a client authenticates. */
export type CredKind = 'token' | 'static-token' | 'key' | 'none' | 'unknown';

export interface ClientUse {
  spec: ClientSpec;
  call: Call;
  /** All named arguments: keywords, object-literal members, C# initializer members, builder calls. */
  args: Arg[];
  endpointArg?: Arg;
  endpointParam?: string;
  endpoint?: Resolved;
  info?: EndpointInfo;
  /** Set when the endpoint came from the SDK's own env fallback (no argument given). */
  envFallback?: string;
  credArg?: Arg;
  credParam?: string;
  cred: CredKind;
  /** Offset where a new trailing argument can be inserted (just before the closing bracket). */
  insertAt: number;
}

const TOKENISH =
  /get_token\s*\(|getToken\s*\(|\.token\b|\baccess_?token\b|\baccessToken\b|\bad_token\b|\btoken\b|_token\b|Token\b/;
const KEYISH = /api_?key|apiKey|API_KEY|_KEY\b|\bkey\b|Key\b/;

export function looksLikeToken(text: string): boolean {
  return TOKENISH.test(text) && !/\bapi_?key\b|API_KEY|apiKey/i.test(text.replace(/get_?[Tt]oken/g, ''));
}

/** Expression text with simple identifiers replaced by their assignment's text (one level). */
export function expandedText(doc: Doc, resolver: ValueResolver, arg: Arg): string {
  const text = doc.text.slice(arg.start, arg.end);
  if (/^[A-Za-z_$][\w$.]*$/.test(text)) {
    const rhs = resolver.findAssignment(text, arg.start);
    if (rhs) {
      const inner = doc.text.slice(rhs[0], rhs[1]);
      const innerIdent = /^\s*([A-Za-z_$][\w$]*)\s*$/.exec(inner);
      if (innerIdent && innerIdent[1] !== text) {
        const rhs2 = resolver.findAssignment(innerIdent[1], rhs[0]);
        if (rhs2) return `${text} = ${doc.text.slice(rhs2[0], rhs2[1])}`;
      }
      return `${text} = ${inner}`;
    }
  }
  return text;
}

function classifyCredential(text: string): CredKind {
  if (KEY_CREDENTIAL.test(text)) return 'key';
  if (TOKEN_CREDENTIAL.test(text)) return /get_?[Tt]oken\s*\(/.test(text) ? 'static-token' : 'token';
  if (/get_?[Tt]oken\s*\(/.test(text)) return 'static-token';
  if (KEYISH.test(text) && !/credential|cred\b/i.test(text)) return 'key';
  if (/credential|\bcred\b|token_?provider|tokenProvider/i.test(text)) return 'token';
  return 'unknown';
}

function flattenArgs(call: Call): Arg[] {
  const out: Arg[] = [];
  for (const a of call.args) {
    out.push(a);
    if (!a.name && a.props) out.push(...a.props.filter((p) => p.name));
  }
  for (const c of call.chain) {
    const first = c.args[0];
    out.push(
      first
        ? { ...first, name: c.name }
        : { name: c.name, start: c.open + 1, end: c.close, fullStart: c.open + 1, fullEnd: c.close },
    );
  }
  return out;
}

const optionsCache = new WeakMap<Doc, Call[]>();
/** Every `new XClientOptions { ... }` of the document (found once per document). */
function optionConstructions(doc: Doc): Call[] {
  let calls = optionsCache.get(doc);
  if (!calls) {
    calls = findCalls(doc, ['OpenAIClientOptions', 'AzureOpenAIClientOptions', 'AzureAIInferenceClientOptions']);
    optionsCache.set(doc, calls);
  }
  return calls;
}

/** Props of an options object passed directly or through a variable (`new XOptions { Endpoint = ... }`). */
function optionProps(doc: Doc, resolver: ValueResolver, args: Arg[]): Arg[] {
  const out: Arg[] = [];
  for (const a of args) {
    if (a.props) {
      out.push(...a.props.filter((p) => p.name));
      continue;
    }
    const text = doc.code.slice(a.start, a.end);
    if (/^[A-Za-z_]\w*$/.test(text)) {
      const rhs = resolver.findAssignment(text, a.start);
      if (!rhs) continue;
      const brace = doc.code.indexOf('{', rhs[0]);
      if (brace < 0 || brace > rhs[1] + 200) continue;
      const found = optionConstructions(doc).find((c) => c.exprStart >= rhs[0] && c.exprStart < rhs[1] + 5);
      if (found) out.push(...found.args.filter((p) => p.name));
    }
  }
  return out;
}

function jsInferenceImported(doc: Doc): boolean {
  return doc.text.includes('@azure-rest/ai-inference');
}

export function extractClients(doc: Doc, resolver: ValueResolver): ClientUse[] {
  const family = doc.family;
  if (!family) return [];
  const specs = CLIENTS[family];
  if (!specs) return [];
  const aliases = importAliases(doc, specs);
  const names = [...specs.map((s) => s.className), ...aliases.keys()];
  const javaBuilders = family === 'java';
  const calls = findCalls(doc, javaBuilders ? [...names, 'builder'] : names);
  const out: ClientUse[] = [];
  for (const call of calls) {
    let spec: ClientSpec | undefined;
    if (javaBuilders && call.callee === 'builder') {
      const qual = doc.code.slice(call.exprStart, call.calleeStart).replace(/[\s.]/g, '');
      spec = specs.find((s) => s.className === qual || qual.endsWith(s.className));
      if (!spec) continue;
    } else spec = specs.find((s) => s.className === (aliases.get(call.callee) ?? call.callee));
    if (!spec) continue;
    if (family === 'js') {
      if ((spec.family === 'azure-openai' || spec.family === 'openai') && !call.isNew) continue;
      if (spec.family === 'inference' && !jsInferenceImported(doc)) continue;
      if (spec.family === 'project' && !call.isNew) continue;
    }
    if (family === 'csharp' && !call.isNew) continue;
    if (family === 'java' && spec.className.endsWith('Builder') && !call.isNew) continue;
    if (
      family === 'python' &&
      spec.family === 'openai' &&
      /\bAzure\s*$/.test(doc.code.slice(call.exprStart - 6, call.calleeStart))
    )
      continue;

    let args = flattenArgs(call);
    if (family === 'csharp' && spec.family === 'openai') args = args.concat(optionProps(doc, resolver, call.args));
    if (family === 'csharp' && spec.family === 'azure-openai')
      args = args.concat(optionProps(doc, resolver, call.args.slice(2)));

    // endpoint
    let endpointArg = named(args, ...spec.endpointNames);
    let endpointParam = endpointArg?.name;
    if (!endpointArg && spec.endpointPosition !== undefined) {
      endpointArg = positional(call.args, spec.endpointPosition);
      endpointParam = 'endpoint';
    }
    if (family === 'js' && (spec.family === 'azure-openai' || spec.family === 'openai')) {
      const opts = call.args[0]?.props ?? [];
      endpointArg = named(opts, ...spec.endpointNames) ?? endpointArg;
      endpointParam = endpointArg?.name;
    }
    let endpoint: Resolved | undefined;
    let envFallback: string | undefined;
    if (endpointArg) endpoint = resolver.resolve(endpointArg.start, endpointArg.end);
    else if (spec.envEndpoint) {
      const found = resolver.lookupEnv(spec.envEndpoint);
      if (found) {
        endpoint = { value: found.value, envName: spec.envEndpoint, envValue: found };
        envFallback = spec.envEndpoint;
      }
    }
    const info = endpoint?.value ? classifyEndpoint(endpoint.value) : undefined;

    // credential
    let credArg = named(args, ...spec.credentialNames);
    let credParam = credArg?.name;
    if (!credArg && spec.credentialPosition !== undefined) {
      credArg = positional(call.args, spec.credentialPosition);
      credParam = 'credential';
    }
    let cred: CredKind = 'none';
    if (spec.family === 'azure-openai' && (family === 'python' || family === 'js')) {
      const provider = named(args, 'azure_ad_token_provider', 'azureADTokenProvider');
      const adToken = named(args, 'azure_ad_token');
      const key = named(args, 'api_key', 'apiKey');
      if (provider) {
        cred = 'token';
        credArg = provider;
      } else if (adToken) {
        cred = 'static-token';
        credArg = adToken;
      } else if (key) {
        credArg = key;
        const t = expandedText(doc, resolver, key);
        cred = looksLikeToken(t) ? 'static-token' : 'key';
      }
      credParam = credArg?.name;
    } else if (spec.family === 'openai' && (family === 'python' || family === 'js')) {
      const key = named(args, 'api_key', 'apiKey');
      if (key) {
        credArg = key;
        const t = expandedText(doc, resolver, key);
        cred = /get_bearer_token_provider|getBearerTokenProvider|token_provider|tokenProvider/.test(t)
          ? 'token'
          : looksLikeToken(t)
            ? 'static-token'
            : 'key';
        credParam = key.name;
      }
    } else if (credArg) {
      cred = classifyCredential(expandedText(doc, resolver, credArg));
    }

    out.push({
      spec,
      call,
      args,
      endpointArg,
      endpointParam,
      endpoint,
      info,
      envFallback,
      credArg,
      credParam,
      cred,
      insertAt: insertPoint(doc, call),
    });
  }
  return out;
}

function insertPoint(doc: Doc, call: Call): number {
  let i = call.close;
  while (i > call.open + 1 && /\s/.test(doc.code[i - 1])) i--;
  if (doc.code[i - 1] === ',') i--;
  return i;
}

/** `from m import X as Y`, `import { X as Y }`, and the default import of @azure-rest/ai-inference. */
function importAliases(doc: Doc, specs: ClientSpec[]): Map<string, string> {
  const out = new Map<string, string>();
  if (doc.family !== 'python' && doc.family !== 'js') return out;
  const code = doc.code;
  const known = new Set(specs.map((s) => s.className));
  // `Name as Alias` (Python imports, TS import specifiers). Imports sit at the top of a module, so only
  // the first 64K characters are searched (each full-text scan costs ~1-2 ns per character).
  const head = code.length > 65_536 ? code.slice(0, 65_536) : code;
  for (const name of known) {
    const needle = `${name} as `;
    for (let i = head.indexOf(needle); i >= 0; i = head.indexOf(needle, i + needle.length)) {
      if (i > 0 && /[\w$]/.test(code[i - 1])) continue;
      const m = /^\s*([A-Za-z_$][\w$]*)/.exec(head.slice(i + needle.length, i + needle.length + 80));
      if (m && !known.has(m[1])) out.set(m[1], name);
    }
  }
  if (doc.family !== 'js') return out;
  // default import / require of @azure-rest/ai-inference: any local name is the ModelClient factory
  const text = doc.text;
  const pkg = '@azure-rest/ai-inference';
  for (let i = text.indexOf(pkg); i >= 0; i = text.indexOf(pkg, i + pkg.length)) {
    const before = text.slice(Math.max(0, i - 160), i + pkg.length + 1);
    const m =
      /import\s+([A-Za-z_$][\w$]*)\s*(?:,\s*\{[^}]*\})?\s*from\s*["']@azure-rest\/ai-inference["']$/.exec(before) ??
      /(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*require\(\s*["']@azure-rest\/ai-inference["']$/.exec(before);
    if (m && !known.has(m[1])) out.set(m[1], 'ModelClient');
  }
  return out;
}

// Client constructions read through the semantic model: the calls of SDK client classes (resolved
// through imports, so a class of the user's own, or one imported from `./my-wrapper`, is not the
// SDK), with their endpoint (constants, env files, SDK env fallbacks), credential kind, and the
// arguments rules need (keywords, object/dict members and spreads, C# initializers and options
// objects built in a variable, builder calls). One extraction shared by every rule.
import type { EndpointInfo } from '../types';
import { classifyEndpoint } from '../knowledge/endpoints';
import { CLIENTS, KEY_CREDENTIAL, TOKEN_CREDENTIAL, type ClientSpec } from '../knowledge/clients';
import type { Doc } from '../scan/document';
import { argOfProp, named, positional, type Arg, type Call } from './calls';
import { FileModel, type Value } from './index';

/** How a client authenticates. */
export type CredKind = 'token' | 'static-token' | 'key' | 'none' | 'unknown';

export interface ClientUse {
  spec: ClientSpec;
  call: Call;
  /** All named arguments: keywords, object-literal members, C# initializer members, builder calls. */
  args: Arg[];
  endpointArg?: Arg;
  endpointParam?: string;
  endpoint?: Value;
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

/** Expression text of an argument with a variable (and a same-file helper's return) expanded. */
export function expandedText(doc: Doc, arg: Arg): string {
  const model = FileModel.of(doc);
  if (!model || !arg.node) return doc.text.slice(arg.start, arg.end);
  return model.expandedText(arg.node);
}

/** The value of an argument (constants, env, fallbacks...). */
export function argValue(doc: Doc, arg: Arg | undefined): Value | undefined {
  if (!arg) return undefined;
  const model = FileModel.of(doc);
  if (!model) return undefined;
  return arg.node ? model.valueOf(arg.node) : model.valueAt(arg.start, arg.end);
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

/** Members of an options object given as a variable: its initializer, then `options.X = v` assignments. */
function optionProps(model: FileModel, args: Arg[]): Arg[] {
  const out: Arg[] = [];
  for (const a of args) {
    if (a.props) continue; // literal: already flattened
    if (!a.node || !model.dialect.identifiers.has(a.node.type)) continue;
    const name = model.text(a.node);
    const b = model.lookup(name, a.start);
    if (!b?.value || !/Options$/.test(model.text(b.value.childForFieldName('type')))) continue;
    for (const p of model.propsOf(b.value)) if (p.name) out.push(argOfProp(p));
    // options.Audience = ... between the declaration and the use
    const code = model.doc.code;
    const re = new RegExp(`\\b${name}\\s*\\.\\s*([A-Za-z_]\\w*)\\s*=(?!=)`, 'g');
    re.lastIndex = b.at;
    for (let m = re.exec(code); m && m.index < a.start; m = re.exec(code)) {
      const node = model.nodeAt(m.index, m.index + m[0].length - 1);
      const assign =
        node?.type === 'assignment_expression'
          ? node
          : node?.parent?.type === 'assignment_expression'
            ? node.parent
            : undefined;
      const right = assign?.childForFieldName('right');
      if (right)
        out.push({
          name: m[1],
          start: right.startIndex,
          end: right.endIndex,
          fullStart: assign!.startIndex,
          fullEnd: assign!.endIndex,
          node: right,
        });
    }
  }
  return out;
}

/** Module prefixes of the SDK packages a client class may come from. */
const SDK_MODULE = /^(?:openai|azure|@azure|@azure-rest|com\.azure|com\.openai|Azure|OpenAI)(?:[./-]|$)/;

/** False when the class is the user's own (defined here, or imported from a module that is not the SDK). */
function isSdkClass(model: FileModel, call: Call): boolean {
  const head = model.text(call.calleeNode).replace(/\s+/g, '').split('.')[0];
  const b = model.lookup(head, call.calleeStart);
  if (!b) return true;
  if (b.kind === 'class' || b.kind === 'function') return false;
  if (b.kind === 'import' && b.import) return SDK_MODULE.test(b.import.module) && !b.import.module.startsWith('.');
  if (b.kind === 'variable' || b.kind === 'assignment') {
    // `const ModelClient = require("@azure-rest/ai-inference").default`
    return /require\s*\(\s*["'](?:@azure|openai)/.test(model.text(b.value));
  }
  return true;
}

/** Local names bound to a client class by an import alias (`from m import X as Y`, `import { X as Y }`, default imports). */
function importAliases(model: FileModel, specs: ClientSpec[]): Map<string, string> {
  const out = new Map<string, string>();
  const doc = model.doc;
  if (doc.family !== 'python' && doc.family !== 'js') return out;
  const code = doc.code;
  const known = new Set(specs.map((s) => s.className));
  const head = code.length > 65_536 ? code.slice(0, 65_536) : code;
  for (const name of known) {
    const needle = `${name} as `;
    for (let i = head.indexOf(needle); i >= 0; i = head.indexOf(needle, i + needle.length)) {
      const m = /^\s*([A-Za-z_$][\w$]*)/.exec(head.slice(i + needle.length, i + needle.length + 80));
      if (!m || known.has(m[1])) continue;
      const imp = model.importOf(m[1], i + needle.length + m[0].length);
      if (imp && imp.name === name) out.set(m[1], name);
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

export function extractClients(doc: Doc): ClientUse[] {
  const family = doc.family;
  const model = FileModel.of(doc);
  if (!family || !model) return [];
  const specs = CLIENTS[family];
  if (!specs) return [];
  const aliases = importAliases(model, specs);
  const names = [...specs.map((s) => s.className), ...aliases.keys()];
  const javaBuilders = family === 'java';
  const calls = model.calls(javaBuilders ? [...names, 'builder'] : names);
  const out: ClientUse[] = [];
  for (const call of calls) {
    let spec: ClientSpec | undefined;
    if (javaBuilders && call.callee === 'builder') {
      const qual = doc.code.slice(call.exprStart, call.calleeStart).replace(/[\s.]/g, '');
      spec = specs.find((s) => s.className === qual || qual.endsWith(s.className));
      if (!spec) continue;
    } else spec = specs.find((s) => s.className === (aliases.get(call.callee) ?? call.callee));
    if (!spec) continue;
    if (!isSdkClass(model, call)) continue;
    if (family === 'js') {
      if ((spec.family === 'azure-openai' || spec.family === 'openai') && !call.isNew) continue;
      if (spec.family === 'inference' && !doc.text.includes('@azure-rest/ai-inference')) continue;
      if (spec.family === 'project' && !call.isNew) continue;
    }
    if (family === 'csharp' && !call.isNew) continue;
    if (family === 'java' && spec.className.endsWith('Builder') && !call.isNew) continue;
    if (
      family === 'python' &&
      spec.family === 'openai' &&
      /\bAzure\s*$/.test(doc.code.slice(Math.max(0, call.calleeStart - 6), call.calleeStart))
    )
      continue;

    let args = flattenArgs(call);
    if (family === 'csharp' && spec.family === 'openai') args = args.concat(optionProps(model, call.args));
    if (family === 'csharp' && spec.family === 'azure-openai')
      args = args.concat(optionProps(model, call.args.slice(2)));

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
    let endpoint: Value | undefined;
    let envFallback: string | undefined;
    if (endpointArg) endpoint = argValue(doc, endpointArg);
    else if (spec.envEndpoint) {
      const found = model.lookupEnv(spec.envEndpoint);
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
        cred = looksLikeToken(expandedText(doc, key)) ? 'static-token' : 'key';
      }
      credParam = credArg?.name;
    } else if (spec.family === 'openai' && (family === 'python' || family === 'js')) {
      const key = named(args, 'api_key', 'apiKey');
      if (key) {
        credArg = key;
        const t = expandedText(doc, key);
        cred = /get_bearer_token_provider|getBearerTokenProvider|token_provider|tokenProvider/.test(t)
          ? 'token'
          : looksLikeToken(t)
            ? 'static-token'
            : 'key';
        credParam = key.name;
      }
    } else if (credArg) {
      cred = classifyCredential(expandedText(doc, credArg));
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

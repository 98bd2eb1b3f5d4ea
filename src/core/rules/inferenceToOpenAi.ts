// The rewrite retired-inference-api offers for the common Python and JS/TS shapes (update §1b: flink-agents
// PR #988 "/models -> https://<res>.openai.azure.com/openai/v1/, model = deployment name"): the Azure AI
// Inference client construction becomes the OpenAI client on the v1 API with a token provider for the v1
// audience, and its chat / embeddings calls become chat.completions.create / embeddings.create. Returns
// undefined when the code is not a shape it can rewrite completely (then the message and docs guide).
import type { Doc } from '../scan/document';
import type { ClientUse } from '../model/clients';
import { named, positional, type Call } from '../model/calls';
import { FileModel } from '../model';
import { callsNamed } from './codeValues';
import type { Fix, TextEdit } from '../types';
import { edit, fix, replaceValueEdit } from './rule';
import { KEY_CREDENTIAL } from '../knowledge/clients';

/** The JS package get_bearer_token_provider's counterpart comes from (written into the rewritten file, never loaded). */
const IDENTITY_PACKAGE = '@azure/identity';

const ROLE_OF: Record<string, string> = {
  SystemMessage: 'system',
  UserMessage: 'user',
  AssistantMessage: 'assistant',
  DeveloperMessage: 'developer',
};

const text = (doc: Doc, a: { start: number; end: number }) => doc.text.slice(a.start, a.end);

/** The variable the construction is assigned to (`client = ChatCompletionsClient(...)`), if any. */
function assignedName(doc: Doc, c: ClientUse): string | undefined {
  return FileModel.of(doc)?.assignedName(c.call.node);
}

/**
 * Facts about the whole file, worked out once per document: a rewrite runs per client, and a file with
 * many clients must not rescan the whole text for each.
 */
const factsCache = new WeakMap<Doc, Map<string, unknown>>();
function fileFact<T>(doc: Doc, key: string, compute: () => T): T {
  let facts = factsCache.get(doc);
  if (!facts) factsCache.set(doc, (facts = new Map()));
  if (!facts.has(key)) facts.set(key, compute());
  return facts.get(key) as T;
}

function callsOf(doc: Doc, names: readonly string[]): Call[] {
  return fileFact(doc, `calls:${names.join('|')}`, () => callsNamed(doc, names));
}

/** The first match of a (non-global) pattern in the file's text, once per document. */
function firstMatch(doc: Doc, pattern: RegExp): RegExpExecArray | null {
  return fileFact(doc, `match:${pattern.source}/${pattern.flags}`, () => pattern.exec(doc.text));
}

/** Whether the code view (comments and strings blanked) matches the pattern, once per document. */
function codeHas(doc: Doc, pattern: RegExp): boolean {
  return fileFact(doc, `code:${pattern.source}`, () => pattern.test(doc.code));
}

/** `<var>.<method>(...)` calls. */
function methodCalls(doc: Doc, variable: string, method: string): Call[] {
  const model = FileModel.of(doc);
  return callsOf(doc, [method]).filter((call) => model?.receiverName(call) === variable);
}

/**
 * The base URL of the new construction and the edit that puts the v1 URL where the endpoint is written: a
 * literal inside the construction is replaced with it; a constant or env value keeps its expression and gets
 * the v1 URL where it is set. Undefined when the endpoint value is not known.
 */
function baseUrl(doc: Doc, c: ClientUse, v1: string, quote: string): { base: string; edit?: TextEdit } | undefined {
  if (!c.endpointArg) return undefined;
  const lit = c.endpoint?.literal;
  if (lit && !c.endpoint?.envValue && lit.start >= c.endpointArg.start && lit.end <= c.endpointArg.end)
    return { base: `${quote}${v1}${quote}` };
  const valueEdit = replaceValueEdit(doc, c.endpoint, v1);
  return valueEdit ? { base: text(doc, c.endpointArg), edit: valueEdit } : undefined;
}

export function pythonRewrite(doc: Doc, c: ClientUse, v1: string, scope: string): Fix | undefined {
  if (!c.endpointArg || !c.credArg || c.spec.className === 'load_client') return undefined;
  const embeddings = c.spec.className === 'EmbeddingsClient';
  if (c.spec.className !== 'ChatCompletionsClient' && !embeddings) return undefined;
  // an alias (often the azure.ai.inference.aio client) is left alone: the rewrite would pick the wrong class
  if (c.call.callee !== c.spec.className) return undefined;
  const variable = assignedName(doc, c);
  if (!variable) return undefined;
  const url = baseUrl(doc, c, v1, '"');
  if (!url) return undefined;
  const cred = text(doc, c.credArg);
  const keyCred = /^(?:\w+\.)?AzureKeyCredential\(\s*([\s\S]*)\)$/.exec(cred.trim());
  if (!keyCred && KEY_CREDENTIAL.test(cred)) return undefined;
  const apiKey = keyCred ? keyCred[1].trim() : `get_bearer_token_provider(${cred}, "${scope}")`;
  const modelArg = named(c.args, 'model');
  const model = modelArg ? text(doc, modelArg) : undefined;
  const edits: Array<TextEdit | undefined> = [
    edit(doc, c.call.calleeStart, c.call.close + 1, `OpenAI(base_url=${url.base}, api_key=${apiKey})`),
    url.edit,
  ];
  const method = embeddings ? 'embed' : 'complete';
  const target = embeddings ? 'embeddings.create' : 'chat.completions.create';
  for (const call of methodCalls(doc, variable, method)) {
    edits.push(edit(doc, call.calleeStart, call.calleeEnd, target));
    if (model && !named(call.args, 'model') && call.close > call.open) {
      const sep = call.args.length > 0 ? ', ' : '';
      edits.push(edit(doc, call.close, call.close, `${sep}model=${model}`));
    }
  }
  // message classes -> plain dicts, the shape the OpenAI client takes
  let rewroteAll = true;
  for (const call of callsOf(doc, Object.keys(ROLE_OF))) {
    const content =
      named(call.args, 'content') ??
      (call.args.length === 1 && !call.args[0].name ? positional(call.args, 0) : undefined);
    if (!content || call.args.length !== 1) {
      rewroteAll = false;
      continue;
    }
    edits.push(
      edit(
        doc,
        call.calleeStart,
        call.close + 1,
        `{"role": "${ROLE_OF[call.callee]}", "content": ${text(doc, content)}}`,
      ),
    );
  }
  // imports
  const inferenceImport = firstMatch(doc, /^[ \t]*from[ \t]+azure\.ai\.inference[ \t]+import[^\n]*$/m);
  if (!inferenceImport) return undefined;
  edits.push(
    edit(doc, inferenceImport.index, inferenceImport.index + inferenceImport[0].length, 'from openai import OpenAI'),
  );
  const modelsImport = firstMatch(doc, /^[ \t]*from[ \t]+azure\.ai\.inference\.models[ \t]+import[^\n]*\n?/m);
  if (modelsImport && rewroteAll)
    edits.push(edit(doc, modelsImport.index, modelsImport.index + modelsImport[0].length, ''));
  if (!keyCred && !codeHas(doc, /\bget_bearer_token_provider\b/)) {
    const identity = firstMatch(doc, /^[ \t]*from[ \t]+azure\.identity[ \t]+import[ \t]+/m);
    if (identity) {
      const at = identity.index + identity[0].length;
      edits.push(edit(doc, at, at, 'get_bearer_token_provider, '));
    } else {
      edits.push(
        edit(
          doc,
          inferenceImport.index,
          inferenceImport.index,
          `from azure.identity import get_bearer_token_provider${doc.eol()}`,
        ),
      );
    }
  }
  if (keyCred) {
    const keyImport = /^[ \t]*from[ \t]+azure\.core\.credentials[ \t]+import[ \t]+AzureKeyCredential[ \t]*\r?\n/m.exec(
      doc.text,
    );
    if (keyImport) edits.push(edit(doc, keyImport.index, keyImport.index + keyImport[0].length, ''));
  }
  return fix(`Move to the OpenAI client on the v1 API (${v1})`, edits, true);
}

export function jsRewrite(doc: Doc, c: ClientUse, v1: string, scope: string): Fix | undefined {
  if (!c.endpointArg || !c.credArg || codeHas(doc, /\bisUnexpected\b/)) return undefined;
  const variable = assignedName(doc, c);
  if (!variable) return undefined;
  const url = baseUrl(doc, c, v1, '"');
  if (!url) return undefined;
  const cred = text(doc, c.credArg);
  const keyCred = /^new\s+AzureKeyCredential\(\s*([\s\S]*)\)$/.exec(cred.trim());
  if (!keyCred && KEY_CREDENTIAL.test(cred)) return undefined;
  const apiKey = keyCred ? keyCred[1].trim() : `getBearerTokenProvider(${cred}, "${scope}")`;
  const edits: Array<TextEdit | undefined> = [
    edit(doc, c.call.exprStart, c.call.close + 1, `new OpenAI({ baseURL: ${url.base}, apiKey: ${apiKey} })`),
    url.edit,
  ];
  // client.path("/chat/completions").post({ body }) -> client.chat.completions.create(body)
  const re = new RegExp(
    `\\b${variable.replace(/\$/g, '\\$')}\\s*\\.\\s*path\\(\\s*["'\`]/(chat/completions|embeddings)["'\`]\\s*\\)\\s*\\.\\s*post\\s*\\(`,
    'g',
  );
  let m: RegExpExecArray | null;
  while (fileFact(doc, 'path(', () => doc.text.includes('path(')) && (m = re.exec(doc.text))) {
    const open = m.index + m[0].length - 1;
    const call = callsOf(doc, ['post']).find((x) => x.open === open);
    const body = call && named(call.args[0]?.props, 'body');
    if (!call || !body || call.args.length !== 1 || call.args[0].props?.length !== 1) return undefined;
    edits.push(
      edit(
        doc,
        m.index + variable.length,
        call.close + 1,
        `.${m[1] === 'embeddings' ? 'embeddings' : 'chat.completions'}.create(${text(doc, body)})`,
      ),
    );
    // const response = await client.path(...).post(...); response.body.x -> response.x
    const lhs = FileModel.of(doc)?.assignedName(call.node);
    if (lhs) {
      const bodyRe = new RegExp(`\\b${lhs.replace(/\$/g, '\\$')}\\.body\\.`, 'g');
      let b: RegExpExecArray | null;
      while ((b = bodyRe.exec(doc.code))) edits.push(edit(doc, b.index + lhs.length, b.index + lhs.length + 5, ''));
    }
  }
  const imp = firstMatch(
    doc,
    /^[ \t]*import[ \t]+[A-Za-z_$][\w$]*[ \t]+from[ \t]+["']@azure-rest\/ai-inference["'];?[ \t]*$/m,
  );
  if (!imp) return undefined;
  edits.push(edit(doc, imp.index, imp.index + imp[0].length, 'import OpenAI from "openai";'));
  if (!keyCred && !codeHas(doc, /\bgetBearerTokenProvider\b/)) {
    const identity = firstMatch(doc, /import[ \t]*\{([^}]{0,300})\}[ \t]*from[ \t]*["']@azure\/identity["']/);
    if (identity) {
      const at = identity.index + identity[0].indexOf('{') + 1;
      edits.push(edit(doc, at, at, ' getBearerTokenProvider,'));
    } else
      edits.push(
        edit(doc, imp.index, imp.index, `import { getBearerTokenProvider } from "${IDENTITY_PACKAGE}";${doc.eol()}`),
      );
  }
  return fix(`Move to the OpenAI client on the v1 API (${v1})`, edits, true);
}

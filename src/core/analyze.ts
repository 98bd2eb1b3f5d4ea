// analyzeDocument(text, languageId, context): the engine's single entry point. Skips what it must not
// read (binary, minified, huge), pre-filters cheaply, parses once (tree-sitter, for programming
// languages), extracts clients/endpoints once through the file's semantic model, runs
// every rule (a failing rule never breaks the others, and is reported in internalErrors), then applies
// suppressions and severities.
import type {
  AnalysisContext,
  AnalysisResult,
  ClientConstruction,
  EndpointMention,
  Finding,
  InternalError,
} from './types';
import { RULES } from './rules';
import { makeReporter, type RuleContext } from './rules/rule';
import { Doc } from './scan/document';
import { extractClients } from './model/clients';
import { lookupEnvIn } from './env/lookup';
import { findEndpointMentions } from './scan/endpoints';
import { isSuppressed, readSuppressions } from './suppress';
import { analyzeNotebook } from './scan/notebook';
import { mayHaveFindings } from './prefilter';
import { nowOf } from './clock';
import { applyRuleSeverities, isRuleOff } from './policy';
import { ensureParser, isParsedLanguage, parserReady } from './parse/runtime';
import { parseBudgetMs, parseSyntax, type ParsedSyntax } from './parse/syntax';

/** Larger documents are not analysed (the editor's time budget; the CLI reports the skip). */
export const MAX_CHARS = 8_000_000;
const MINIFIED_LINE = 20_000;

const empty = (skipped?: string, internalErrors: InternalError[] = []): AnalysisResult => ({
  findings: [],
  endpoints: [],
  clients: [],
  ...(skipped ? { skipped } : {}),
  internalErrors,
});

const STACK_LINES = 6;

/** What a thrown value says, for internalErrors: message and the first stack lines. */
export function internalError(rule: string, error: unknown): InternalError {
  const message = error instanceof Error ? error.message : String(error);
  const stack = error instanceof Error && error.stack ? error.stack.split('\n').slice(0, STACK_LINES).join('\n') : '';
  return { rule, message, stack };
}

export function skipReason(text: string, languageId = ''): string | undefined {
  if (text.length > MAX_CHARS)
    return `too large (${(text.length / 1_000_000).toFixed(1)} MB; limit ${MAX_CHARS / 1_000_000} MB)`;
  if (text.indexOf('\u0000') >= 0) return 'binary file (contains NUL bytes)';
  // minified: a very long line with little whitespace (notebooks are exempt: image outputs are long
  // base64 lines, and only their code cells are analysed)
  if (languageId === 'jupyter') return undefined;
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    if (end - start > MINIFIED_LINE) {
      const line = text.slice(start, Math.min(end, start + 100_000));
      const spaces = line.length - line.replace(/\s/g, '').length;
      if (spaces / line.length < 0.05) return `minified or generated file (a ${end - start}-character line)`;
    }
    start = end + 1;
  }
  return undefined;
}

/** analyzeDocument after loading the language's grammar (the CLI and tests; the editor awaits ensureParser itself). */
export async function analyzeDocumentAsync(
  text: string,
  languageId: string,
  context: AnalysisContext,
): Promise<AnalysisResult> {
  await ensureParser(languageId === 'jupyter' ? 'python' : languageId).catch(() => false);
  return analyzeDocument(text, languageId, context);
}

export function analyzeDocument(text: string, languageId: string, context: AnalysisContext): AnalysisResult {
  try {
    if (typeof text !== 'string') return empty('invalid input (not text)');
    // VS Code never includes the BOM in a document's text; drop it so columns agree.
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    if (text.length === 0) return empty();
    const skipped = skipReason(text, languageId);
    if (skipped) return empty(skipped);
    if (languageId === 'jupyter' && !parserReady('jupyter')) return { ...empty(), parserPending: languageId };
    if (languageId === 'jupyter')
      return analyzeNotebook(text, context, (cellText, ctx) => analyzeText(cellText, 'python', ctx));
    return analyzeText(text, languageId, context);
  } catch (error) {
    return empty(undefined, [internalError('engine', error)]);
  }
}

function analyzeText(text: string, languageId: string, context: AnalysisContext): AnalysisResult {
  if (!mayHaveFindings(text)) return empty(); // the prefilter the CLI applies to bytes too
  if (!isParsedLanguage(languageId)) return analyzeSyntax(text, languageId, context, undefined);
  const parsed = parseSyntax(text, languageId, context.parseSession);
  if (!parsed) return { ...empty(), parserPending: languageId };
  if (parsed === 'timeout') return empty(`too complex to parse within ${Math.round(parseBudgetMs(text.length))} ms`);
  try {
    return analyzeSyntax(text, languageId, context, parsed);
  } finally {
    // A tree lives in the wasm heap, which no garbage collector frees: what the session does not keep
    // for the next parse would leak until the heap runs out and the runtime aborts.
    parsed.release();
  }
}

function analyzeSyntax(
  text: string,
  languageId: string,
  context: AnalysisContext,
  syntax: ParsedSyntax | undefined,
): AnalysisResult {
  const doc = new Doc(text, languageId, context, syntax);
  if (!doc.family) return empty();
  const lookupEnv = (name: string) => lookupEnvIn(context.env, name);
  const internalErrors: InternalError[] = [];
  /** Runs one stage; a throw is recorded (loudly, in internalErrors) and the fallback used. */
  const guarded = <T>(stage: string, fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (error) {
      internalErrors.push(internalError(stage, error));
      return fallback;
    }
  };
  const clients = guarded('extract-clients', () => extractClients(doc), []);
  const endpoints: EndpointMention[] = guarded('endpoint-mentions', () => findEndpointMentions(doc, clients), []);
  const findings: Finding[] = [];
  const now = nowOf(context);
  for (const rule of RULES) {
    if (!rule.meta.languages.includes(doc.family) || isRuleOff(rule.meta.id, context.rules)) continue;
    const sink: Finding[] = [];
    const ctx: RuleContext = {
      doc,
      lookupEnv,
      clients,
      endpoints,
      now,
      packages: context.packages,
      report: makeReporter(doc, rule, sink),
    };
    // One broken rule never hides the others; its findings so far are dropped, the error kept. A rule
    // reporting off its contract (MessageError) is such a bug too.
    const ran = guarded(
      rule.meta.id,
      () => {
        rule.check(ctx);
        return true;
      },
      false,
    );
    if (!ran) continue;
    findings.push(...applyRuleSeverities(sink, context.rules));
  }
  const suppressions = readSuppressions(text);
  const kept = dedupe(findings.filter((f) => !isSuppressed(suppressions, f)));
  const clientList: ClientConstruction[] = clients.map((c) => ({
    range: doc.range(c.call.calleeStart, c.call.calleeEnd),
    className: c.spec.className,
    ...(c.info ? { endpoint: c.info } : {}),
  }));
  return { findings: kept, endpoints, clients: clientList, internalErrors };
}

function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.rule}:${f.range.start.line}:${f.range.start.character}:${f.range.end.line}:${f.range.end.character}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

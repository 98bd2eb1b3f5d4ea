// projects-sdk-api: azure-ai-projects API that the installed major removed or changed (update §5, §1c, §2.3,
// §2.5): get_openai_client(api_version=…) on 2.x (it returns openai.OpenAI: TypeError, py#44218);
// AIProjectClient.from_connection_string (removed in 1.0.0b11); .inference.get_azure_openai_client()
// (renamed to .get_openai_client() in 1.0.0); JS getAzureOpenAIClient (removed in @azure/ai-projects 2.0.0,
// js#37406). The version comes from the workspace manifest (AnalysisContext.packages); without one the rule
// speaks only where the call fails on every current release (the first two Python removals, JS
// fromConnectionString). Two 2.x usage slips as well: get_openai_client(agent_name=…) without
// allow_preview=True (update §1b), and a US Government project whose get_openai_client() gets no ai.azure.us
// token provider, so the OpenAI client asks for a commercial-cloud token (update §1a: the scope goes twice).
import { allBelow } from '../knowledge/sdkVersions';
import { TIMELINE, whenPhrase } from '../knowledge/timeline';
import { named, positional, type Call } from '../model/calls';
import { FileModel } from '../model';
import { callsNamed } from './codeValues';
import { SCOPES } from '../knowledge/endpoints';
import type { TextEdit } from '../types';
import { defineRule, docsUrl, edit, fix, fixes, type RuleContext, type RuleMeta } from './rule';
import { deleteArgEdit } from './credentialHelpers';

const PROJECT_ENDPOINT = 'https://<account>.services.ai.azure.com/api/projects/<project>';

export const meta = {
  id: 'projects-sdk-api',
  defaultSeverity: 'error',
  languages: ['python', 'js'],
  description: 'azure-ai-projects API the installed major removed or changed',
  docs: {
    url: docsUrl('projects-sdk-api'),
    details:
      'azure-ai-projects calls that fail on the installed release: get_openai_client(api_version=...) on 2.x, AIProjectClient.from_connection_string (removed in 1.0.0b11), .inference.get_azure_openai_client() (1.0.0 renamed it get_openai_client()), JS getAzureOpenAIClient (removed in 2.0.0), JS fromConnectionString, agent_name= without allow_preview, the US Government OpenAI scope.',
  },
  messages: {
    apiVersion:
      "get_openai_client(api_version=…) fails with azure-ai-projects {spec}: since 2.0.0b1 it returns openai.OpenAI, which takes no api_version (TypeError: unexpected keyword argument 'api_version'); drop the argument: the client targets the project's /openai/v1.",
    fromConnectionString:
      'AIProjectClient.from_connection_string {when} (azure-ai-projects {version}; connection strings and hub projects are no longer supported): construct AIProjectClient(endpoint="{endpoint}", credential=…) with the project endpoint.',
    inferenceClient:
      '.inference.get_azure_openai_client() {when} (azure-ai-projects {version}, which removed the .inference property): call .get_openai_client().',
    jsFromConnectionString:
      'AIProjectClient.fromConnectionString is gone from {spec} (connection strings are discontinued): use new AIProjectClient("{endpoint}", credential).',
    agentNameNeedsPreview:
      'get_openai_client(agent_name=…) needs an AIProjectClient built with allow_preview=True (the agent endpoint is preview): add it.',
    usGovOpenAiScope:
      'get_openai_client() without api_key requests a commercial-cloud token, which this {scope} project rejects: pass api_key=get_bearer_token_provider(credential, "{scope}") too.',
    jsAzureOpenAIClient:
      'getAzureOpenAIClient {when} (@azure/ai-projects {version}, and {spec} allows it; the 1.x method also drops /api/projects/<p> from the URL): call getOpenAIClient().',
  },
} satisfies RuleMeta;
type Ctx = RuleContext<keyof typeof meta.messages>;

/** What the manifest says: 'fails' (the allowed newest version has the change), 'works', or 'unknown'. */
function verdict(ctx: Ctx, ecosystem: 'pypi' | 'npm', name: string, since: string): { v: string; spec: string } {
  const listed = ctx.packages?.lookup(ecosystem, name);
  if (!listed) return { v: 'unknown', spec: '' };
  const spec = listed.spec || '(unpinned: the newest release)';
  return { v: listed.spec && allBelow(listed.spec, since) ? 'works' : 'fails', spec: `${name} ${spec}` };
}

/** Appends `text` as the last argument of a call; after a trailing comma, on its own line with the same indent. */
function appendArgEdit(ctx: Ctx, call: Call, text: string): TextEdit {
  const inside = ctx.doc.code.slice(call.open + 1, call.close);
  const at = call.open + 1 + inside.replace(/\s*$/, '').length;
  const last = call.args[call.args.length - 1];
  if (!last) return edit(ctx.doc, at, at, text);
  if (!/,\s*$/.test(inside)) return edit(ctx.doc, at, at, `, ${text}`);
  const lineStart = ctx.doc.code.lastIndexOf('\n', last.fullStart) + 1;
  const indent = /^[ \t]*/.exec(ctx.doc.code.slice(lineStart, last.fullStart))?.[0] ?? '';
  return edit(ctx.doc, at, at, lineStart > call.open ? `\n${indent}${text},` : ` ${text},`);
}

/** agent_name= needs allow_preview=True on the AIProjectClient; the fix adds it when the file builds one client. */
function reportAgentNameWithoutPreview(ctx: Ctx, constructions: Call[]): void {
  if (constructions.some((c) => /^True$/.test(argText(ctx, named(c.args, 'allow_preview'))))) return;
  for (const call of callsNamed(ctx.doc, ['get_openai_client'])) {
    const arg = named(call.args, 'agent_name');
    if (!arg) continue;
    ctx.report({
      messageId: 'agentNameNeedsPreview',
      start: arg.fullStart,
      end: arg.fullEnd,
      severity: 'warning',
      fixes: fixes(
        constructions.length === 1 && !named(constructions[0].args, 'allow_preview')
          ? fix(
              'Add allow_preview=True to AIProjectClient(...)',
              [appendArgEdit(ctx, constructions[0], 'allow_preview=True')],
              true,
            )
          : undefined,
      ),
    });
  }
}

/** US Government: credential_scopes=[ai.azure.us] on the project client, and none for its OpenAI client. */
function reportUsGovOpenAiScope(ctx: Ctx, constructions: Call[]): void {
  const gov = constructions.find((c) => argText(ctx, named(c.args, 'credential_scopes')).includes(SCOPES.aiAzureUsGov));
  if (!gov) return;
  const cred = argText(ctx, named(gov.args, 'credential'));
  const imported = /\bget_bearer_token_provider\b/.test(ctx.doc.code);
  // Only the gov client's own calls: `project = AIProjectClient(...)` then `project.get_openai_client()`.
  const model = FileModel.of(ctx.doc);
  const govName = model?.assignedName(gov.node);
  for (const call of callsNamed(ctx.doc, ['get_openai_client'])) {
    if (named(call.args, 'api_key')) continue;
    const receiver = model?.receiverName(call);
    if (govName ? receiver !== govName : constructions.length > 1) continue;
    ctx.report({
      messageId: 'usGovOpenAiScope',
      data: { scope: SCOPES.aiAzureUsGov },
      start: call.calleeStart,
      end: call.close + 1,
      fixes: fixes(
        cred && imported
          ? fix(
              'Pass an ai.azure.us token provider as api_key',
              [appendArgEdit(ctx, call, `api_key=get_bearer_token_provider(${cred}, "${SCOPES.aiAzureUsGov}")`)],
              true,
            )
          : undefined,
      ),
    });
  }
}

const argText = (ctx: Ctx, arg: { start: number; end: number } | undefined): string =>
  arg ? ctx.doc.text.slice(arg.start, arg.end) : '';

export const projectsSdkApi = defineRule({
  meta,
  check(ctx: Ctx) {
    const { doc } = ctx;
    const model = FileModel.of(doc);
    if (doc.family === 'python') {
      if (!/azure\.ai\.projects|AIProjectClient/.test(doc.text)) return;
      for (const call of callsNamed(doc, ['get_openai_client'])) {
        const arg = named(call.args, 'api_version');
        if (!arg) continue;
        const { v, spec } = verdict(ctx, 'pypi', 'azure-ai-projects', TIMELINE.projectsPyReturnsOpenAI.version);
        if (v !== 'fails') continue; // 1.x takes api_version; without a manifest the installed major is unknown
        ctx.report({
          messageId: 'apiVersion',
          data: { spec },
          start: arg.fullStart,
          end: arg.fullEnd,
          fixes: fixes(fix('Remove api_version', [deleteArgEdit(doc, call.args, arg)], true)),
        });
      }
      const removed = TIMELINE.projectsFromConnectionStringRemoved;
      for (const call of callsNamed(doc, ['from_connection_string'])) {
        if (model?.receiverName(call) !== 'AIProjectClient') continue;
        if (verdict(ctx, 'pypi', 'azure-ai-projects', removed.version).v === 'works') continue;
        const cred = named(call.args, 'credential') ?? positional(call.args, 0);
        const credText = cred ? doc.text.slice(cred.start, cred.end) : undefined;
        const exprStart = call.calleeNode.startIndex; // `AIProjectClient.from_connection_string`
        ctx.report({
          messageId: 'fromConnectionString',
          data: { when: whenPhrase(removed, ctx.now), version: removed.version, endpoint: PROJECT_ENDPOINT },
          start: call.calleeStart,
          end: call.calleeEnd,
          fixes: fixes(
            credText
              ? fix(
                  'Construct AIProjectClient with the project endpoint',
                  [
                    edit(
                      doc,
                      exprStart,
                      call.close + 1,
                      `AIProjectClient(endpoint="${PROJECT_ENDPOINT}", credential=${credText})`,
                    ),
                  ],
                  true,
                )
              : undefined,
          ),
        });
      }
      const constructions = callsNamed(doc, ['AIProjectClient']);
      reportAgentNameWithoutPreview(ctx, constructions);
      reportUsGovOpenAiScope(ctx, constructions);
      const renamed = TIMELINE.projectsInferenceRenamed;
      for (const call of callsNamed(doc, ['get_azure_openai_client'])) {
        // `<project>.inference.get_azure_openai_client()`: the edit starts at `.inference`
        const on = model?.receiver(call);
        const project = on && model?.dialect.members.has(on.type) ? on.childForFieldName('object') : null;
        if (!on || !project || !/^\s*\.\s*inference$/.test(doc.text.slice(project.endIndex, on.endIndex))) continue;
        if (verdict(ctx, 'pypi', 'azure-ai-projects', renamed.version).v === 'works') continue;
        const start = project.endIndex;
        ctx.report({
          messageId: 'inferenceClient',
          data: { when: whenPhrase(renamed, ctx.now), version: renamed.version },
          start: call.calleeStart,
          end: call.calleeEnd,
          fixes: fixes(
            fix('Call .get_openai_client()', [edit(doc, start, call.calleeEnd, '.get_openai_client')], true),
          ),
        });
      }
      return;
    }
    if (!doc.text.includes('@azure/ai-projects')) return;
    reportJsFromConnectionString(ctx);
    // getAzureOpenAIClient: only with a manifest (1.x still has it)
    const removedJs = TIMELINE.projectsJsGetAzureOpenAIClientRemoved;
    const { v, spec } = verdict(ctx, 'npm', '@azure/ai-projects', removedJs.version);
    if (v !== 'fails') return;
    for (const call of callsNamed(doc, ['getAzureOpenAIClient'])) {
      ctx.report({
        messageId: 'jsAzureOpenAIClient',
        data: { when: whenPhrase(removedJs, ctx.now), version: removedJs.version, spec },
        start: call.calleeStart,
        end: call.calleeEnd,
        fixes: fixes(
          fix('Call getOpenAIClient()', [edit(doc, call.calleeStart, call.calleeEnd, 'getOpenAIClient')], true),
        ),
      });
    }
  },
});

/**
 * JS AIProjectClient.fromConnectionString: gone from the current releases (update §5, js#34415; the version that
 * removed it is not given, so only a manifest that keeps the package below 1.0.0 silences it).
 */
function reportJsFromConnectionString(ctx: Ctx): void {
  const { doc } = ctx;
  const listed = ctx.packages?.lookup('npm', '@azure/ai-projects');
  if (listed?.spec && allBelow(listed.spec, '1.0.0')) return;
  const spec = listed
    ? `@azure/ai-projects ${listed.spec || '(unpinned: the newest release)'}`
    : 'the current @azure/ai-projects releases';
  for (const call of callsNamed(doc, ['fromConnectionString'])) {
    if (FileModel.of(doc)?.receiverName(call) !== 'AIProjectClient') continue;
    const cred = positional(call.args, 1);
    ctx.report({
      messageId: 'jsFromConnectionString',
      data: { spec, endpoint: PROJECT_ENDPOINT },
      start: call.calleeStart,
      end: call.calleeEnd,
      fixes: fixes(
        cred
          ? fix(
              'Construct AIProjectClient with the project endpoint',
              [
                edit(
                  doc,
                  call.calleeNode.startIndex,
                  call.close + 1,
                  `new AIProjectClient("${PROJECT_ENDPOINT}", ${doc.text.slice(cred.start, cred.end)})`,
                ),
              ],
              true,
            )
          : undefined,
      ),
    });
  }
}

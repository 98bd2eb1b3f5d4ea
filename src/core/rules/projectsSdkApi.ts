// projects-sdk-api: azure-ai-projects API that the installed major removed or changed (update §5, §1c, §2.3,
// §2.5): get_openai_client(api_version=…) on 2.x (it returns openai.OpenAI: TypeError, py#44218);
// AIProjectClient.from_connection_string (removed in 1.0.0b11); .inference.get_azure_openai_client()
// (renamed to .get_openai_client() in 1.0.0); JS getAzureOpenAIClient (removed in @azure/ai-projects 2.0.0,
// js#37406). The version comes from the workspace manifest (AnalysisContext.packages); without one the rule
// speaks only where the call fails on every current release (the first two Python removals).
import { allBelow } from '../knowledge/sdkVersions';
import { TIMELINE, whenPhrase } from '../knowledge/timeline';
import { named, positional } from '../model/calls';
import { callsNamed } from './codeValues';
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
      'azure-ai-projects calls that fail on the installed release: get_openai_client(api_version=...) on 2.x, AIProjectClient.from_connection_string (removed in 1.0.0b11), .inference.get_azure_openai_client() (1.0.0 renamed it get_openai_client()), JS getAzureOpenAIClient (removed in 2.0.0).',
  },
  messages: {
    apiVersion:
      "get_openai_client(api_version=…) fails with azure-ai-projects {spec}: since 2.0.0b1 it returns openai.OpenAI, which takes no api_version (TypeError: unexpected keyword argument 'api_version'); drop the argument: the client targets the project's /openai/v1.",
    fromConnectionString:
      'AIProjectClient.from_connection_string {when} (azure-ai-projects {version}; connection strings and hub projects are no longer supported): construct AIProjectClient(endpoint="{endpoint}", credential=…) with the project endpoint.',
    inferenceClient:
      '.inference.get_azure_openai_client() {when} (azure-ai-projects {version}, which removed the .inference property): call .get_openai_client().',
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

const before = (ctx: Ctx, at: number, n: number) => ctx.doc.code.slice(Math.max(0, at - n), at);

export const projectsSdkApi = defineRule({
  meta,
  check(ctx: Ctx) {
    const { doc } = ctx;
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
        if (!/AIProjectClient\s*\.\s*$/.test(before(ctx, call.calleeStart, 40))) continue;
        if (verdict(ctx, 'pypi', 'azure-ai-projects', removed.version).v === 'works') continue;
        const cred = named(call.args, 'credential') ?? positional(call.args, 0);
        const credText = cred ? doc.text.slice(cred.start, cred.end) : undefined;
        const exprStart =
          call.calleeStart - (before(ctx, call.calleeStart, 40).match(/AIProjectClient\s*\.\s*$/)?.[0].length ?? 0);
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
      const renamed = TIMELINE.projectsInferenceRenamed;
      for (const call of callsNamed(doc, ['get_azure_openai_client'])) {
        const lead = /\.\s*inference\s*\.\s*$/.exec(before(ctx, call.calleeStart, 30));
        if (!lead) continue;
        if (verdict(ctx, 'pypi', 'azure-ai-projects', renamed.version).v === 'works') continue;
        const start = call.calleeStart - lead[0].length;
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
    // JS: only with a manifest (1.x still has getAzureOpenAIClient)
    if (!doc.text.includes('@azure/ai-projects')) return;
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

// token-scope: a token scope / resource that does not fit the endpoint it is used for gets 401
// "audience is incorrect" (seed REST and Inference SDK rows; facts §3): a management scope on the data
// plane [D6], a scope without /.default [I7], ml.azure.com on Azure OpenAI / AI Services [I3][I5], the
// commercial scope for a .us/.cn endpoint [N2][JSFR], cognitiveservices for a project endpoint or the
// project's /openai/v1 surface (needs ai.azure.com, ai.azure.us in US Government) [PP1][JP1][NP1] (update
// §1a: agent-framework#7201). Account-level endpoints accept both cognitiveservices and ai.azure.com. Looks at credential_scopes, token providers, get_token/getToken,
// BearerTokenPolicy / BearerTokenAuthenticationPolicy, .NET Audience and `az account get-access-token`.
// Also the openai.auth trap (update §1c): openai's own managed-identity provider asks for management.azure.com.
import type { EndpointInfo } from '../types';
import { SCOPES } from '../knowledge/endpoints';
import { FileModel } from '../model';
import { callsNamed } from './codeValues';
import type { SyntaxNode } from '../parse/runtime';
import { scriptVariables } from '../scan/scriptVariables';
import { defineRule, docsUrl, edit, fix, fixes, quote, type RuleContext, type RuleMeta } from './rule';
import { providerExpr } from './credentialHelpers';

/** Token audiences the rule knows (scope form or resource form). */
const AUDIENCE =
  /^(https:\/\/(?:cognitiveservices\.azure\.(?:com|us|cn)|ai\.azure\.(?:com|us|cn)|ml\.azure\.com|management\.azure\.com|management\.core\.windows\.net|management\.usgovcloudapi\.net|management\.chinacloudapi\.cn))(\/?)(\/\.default)?$/i;
/** Code that makes a nearby string a token scope. */
const SCOPE_CONTEXT =
  /(?:get_bearer_token_provider|getBearerTokenProvider|get_token|getToken|getTokenSync|BearerTokenPolicy|BearerTokenAuthenticationPolicy|TokenRequestContext|BearerTokenCredentialPolicy|credential_scopes|scopes|Scopes|Audience|audience|getBearerTokenSupplier|addScopes|scope|SCOPE|Scope)\b[^;\n]*$|(?:--resource|--scope|-ResourceUrl|-Resource)\s*=?\s*$/;
const ARM_USE =
  /azure\.mgmt|@azure\/arm-|Azure\.ResourceManager|CognitiveServicesManagementClient|management\.azure\.com\/subscriptions|ArmClient\b|AzureResourceManager/;

const DATA_KINDS = new Set([
  'azure-openai',
  'openai-v1',
  'model-inference',
  'ai-services',
  'cognitive-services',
  'foundry-project',
  'project-openai-v1',
]);

/**
 * The endpoint a scope at `offset` is for: the enclosing client; else, when the scope is written in a function
 * (a test, a factory) that itself constructs a client or names an endpoint, that function's single kind of
 * endpoint (a client there whose endpoint is unknown, a parameter say, leaves it unknown): a scope in one test
 * function is never judged against an endpoint in another. Otherwise (module level, or a helper with no
 * endpoint of its own) the file's single kind of endpoint.
 */
function endpointFor(ctx: Ctx, offset: number): EndpointInfo | undefined {
  for (const c of ctx.clients) if (c.info && offset >= c.call.open && offset <= c.call.end) return c.info;
  const fn = FileModel.of(ctx.doc)
    ?.scopeChain(offset)
    .find((s) => s.kind === 'function');
  if (fn) {
    const inFn = (at: number) => at >= fn.start && at < fn.end;
    const clients = ctx.clients.filter((c) => inFn(c.call.calleeStart));
    const mentions = ctx.endpoints.filter((e) => inFn(ctx.doc.offsetAt(e.range.start)));
    if (clients.length > 0 || mentions.length > 0) {
      if (clients.some((c) => !c.info)) return undefined;
      return singleKind([...clients.map((c) => c.info!), ...mentions.map((e) => e.info)]);
    }
  }
  const infos = ctx.clients.map((c) => c.info).filter((i): i is EndpointInfo => !!i);
  return singleKind(infos.some((i) => DATA_KINDS.has(i.kind)) ? infos : ctx.endpoints.map((e) => e.info));
}

/** The pool's data-plane endpoint when all of them are of one kind (and cloud). */
function singleKind(all: EndpointInfo[]): EndpointInfo | undefined {
  const pool = all.filter((i) => DATA_KINDS.has(i.kind));
  if (pool.length === 0) return undefined;
  const kinds = new Set(pool.map((i) => `${i.kind}/${i.cloud}`));
  return kinds.size === 1 ? pool[0] : undefined;
}

const MISFIT = "Token scope '{scope}' does not fit {where}: ";
const FAILS = ', so the call fails with 401 "audience is incorrect". Use {target}.';

export const meta = {
  id: 'token-scope',
  defaultSeverity: 'error',
  languages: ['python', 'js', 'csharp', 'java', 'http', 'shell'],
  description: 'a scope/audience that the endpoint rejects (management, `ml.azure.com`, no `/.default`, wrong cloud)',
  docs: {
    url: docsUrl('token-scope'),
    details: 'Token requested for a scope (audience) that the endpoint rejects.',
  },
  messages: {
    managementScope:
      '\'{scope}\' is the Azure Resource Manager (control plane) audience; a token for it is rejected by {where} with 401 "audience is incorrect". Request {target} for the data plane.',
    resourceNotScope:
      "'{scope}' is a resource URI, not a scope: token requests need the scope form {target} (without /.default the request fails or the credential throws).",
    mlAudience: `${MISFIT}ml.azure.com is the Azure Machine Learning audience (the Inference SDK default); {service} rejects it${FAILS}`,
    projectAudience: `${MISFIT}project endpoints (/api/projects/…, including the project's /openai/v1) accept only the {accepted} audience, and the 401 names it as the expected one${FAILS}`,
    sovereignCloud: `${MISFIT}the endpoint is in the {cloud} cloud, which uses {accepted}${FAILS}`,
    otherAudience: `${MISFIT}{service} expects {accepted}${FAILS}`,
    javaSovereign:
      "OpenAIClientBuilder always requests {defaultScope} (hard-coded), which '{url}' ({cloud}) rejects; add a BearerTokenAuthenticationPolicy for {accepted} through .addPolicy(...).",
    dotnetAudience:
      'Audience {audience} requests {defaultScope}, which \'{url}\' rejects with 401 "audience is incorrect"; use {target}.',
    openaiAuthProvider:
      "{name} (openai's auth module, for OpenAI-platform workload identity) requests a management.azure.com token by default, which {where} rejects (401). Use azure.identity's {replacement} with {target}.",
    dotnetDefaultAudience:
      'AzureOpenAIClient defaults to the public-cloud audience {defaultScope}, which \'{url}\' rejects with 401 "audience is incorrect"; pass new AzureOpenAIClientOptions { Audience = {target} }.',
  },
} satisfies RuleMeta;
type Ctx = RuleContext<keyof typeof meta.messages>;

const cloudName = (info: EndpointInfo) => (info.cloud === 'usgov' ? 'Azure Government' : 'Azure China');
const serviceOf = (info: EndpointInfo) => info.description.replace(/ \(.*$/, '');

/** Written into the fixed file, never loaded. */
const IDENTITY_PACKAGE = '@azure/identity';
/** openai.auth / "openai/auth" exports whose default resource is management.azure.com (update §1c). */
const OPENAI_AUTH_PROVIDERS = ['azure_managed_identity_token_provider', 'azureManagedIdentityTokenProvider'];
const OPENAI_AUTH_IMPORT = /from[ \t]+openai\.auth[ \t]+import|["']openai\/auth["']/;

/**
 * openai.auth's azure_managed_identity_token_provider() / azureManagedIdentityTokenProvider() in a file that calls
 * Azure AI: the fix switches to azure.identity's token provider for the endpoint's audience, importing it where the
 * openai.auth import was.
 */
function reportOpenAiAuthProviders(ctx: Ctx): void {
  const { doc } = ctx;
  if (!OPENAI_AUTH_IMPORT.test(doc.text)) return;
  const azure =
    ctx.clients.some((c) => c.info && DATA_KINDS.has(c.info.kind)) ||
    ctx.endpoints.some((e) => DATA_KINDS.has(e.info.kind)) ||
    /\bAzureOpenAI\b/.test(doc.text);
  if (!azure) return; // on the OpenAI platform (workload_identity=…) it is the right tool
  const js = doc.family === 'js';
  // `from openai.auth import <that one name>` / `import { <that one name> } from "openai/auth"`: replaced whole
  const importLine =
    /^[ \t]*(?:from[ \t]+openai\.auth[ \t]+import[ \t]+azure_managed_identity_token_provider|import[ \t]*\{[ \t]*azureManagedIdentityTokenProvider[ \t]*\}[ \t]*from[ \t]*["']openai\/auth["'];?)[ \t]*$/m;
  const azureImport = js
    ? `import { DefaultAzureCredential, getBearerTokenProvider } from "${IDENTITY_PACKAGE}";`
    : 'from azure.identity import DefaultAzureCredential, get_bearer_token_provider';
  const onlyImport = importLine.exec(doc.text); // doc.text: the module name is a string literal
  const anyImport = OPENAI_AUTH_IMPORT.exec(doc.text);
  for (const call of callsNamed(doc, OPENAI_AUTH_PROVIDERS)) {
    if (call.args.length > 0) continue; // a resource passed explicitly is the caller's choice
    if (inWorkloadIdentity(call.node)) continue; // OpenAI-platform federation, its purpose
    const info = endpointFor(ctx, call.calleeStart);
    const target = info?.scopes[0] ?? SCOPES.aiAzure;
    const provider = providerExpr(
      doc,
      js ? 'new DefaultAzureCredential()' : 'DefaultAzureCredential()',
      quote(doc, target),
    );
    const lineStart = anyImport ? doc.text.lastIndexOf('\n', anyImport.index) + 1 : -1;
    const importEdit = onlyImport
      ? edit(doc, onlyImport.index, onlyImport.index + onlyImport[0].length, azureImport)
      : lineStart >= 0
        ? edit(doc, lineStart, lineStart, `${azureImport}\n`)
        : undefined;
    ctx.report({
      messageId: 'openaiAuthProvider',
      data: {
        name: call.callee,
        where: info ? serviceOf(info) : 'Azure OpenAI',
        replacement: js ? 'getBearerTokenProvider(credential, scope)' : 'get_bearer_token_provider(credential, scope)',
        target,
      },
      start: call.calleeStart,
      end: call.close + 1,
      fixes: fixes(
        importEdit &&
          fix(
            `Use ${js ? 'getBearerTokenProvider' : 'get_bearer_token_provider'} for ${target}`,
            [edit(doc, call.exprStart, call.close + 1, provider), importEdit],
            true,
          ),
      ),
    });
  }
}

/** Whether an expression sits in a `workload_identity=` / `workloadIdentity:` argument (directly or in its dict/object). */
function inWorkloadIdentity(node: SyntaxNode): boolean {
  let n = node;
  for (let guard = 0; guard < 6 && n.parent; guard++, n = n.parent) {
    const p = n.parent;
    if (p.type === 'keyword_argument' || p.type === 'pair') {
      const key = p.childForFieldName('name') ?? p.childForFieldName('key');
      if (key && key.startIndex !== n.startIndex && /^["']?workload_?identity["']?$/i.test(key.text)) return true;
    } else if (!['dictionary', 'object', 'argument_list', 'arguments'].includes(p.type)) return false;
  }
  return false;
}

export const tokenScope = defineRule({
  meta,
  check(ctx) {
    const { doc } = ctx;
    reportOpenAiAuthProviders(ctx);
    let armFile: boolean | undefined;
    const dataPlane = ctx.clients.length > 0 || ctx.endpoints.some((e) => DATA_KINDS.has(e.info.kind));
    const candidates: Array<{ start: number; end: number; value: string; context: string }> = [];
    for (const t of doc.lexed.strings) {
      if (doc.text.charCodeAt(t.valueStart) !== 104 || t.valueEnd - t.valueStart > 80) continue; // 'h'ttps://…
      const value = doc.text.slice(t.valueStart, t.valueEnd);
      if (!AUDIENCE.test(value)) continue;
      const before = doc.code.slice(Math.max(0, t.start - 160), t.start);
      const line = before.slice(before.lastIndexOf('\n') + 1);
      const context = SCOPE_CONTEXT.test(line) ? line : SCOPE_CONTEXT.test(before) ? before : '';
      if (!context) continue;
      candidates.push({ start: t.valueStart, end: t.valueEnd, value, context });
    }
    if (doc.family === 'shell' || doc.family === 'http') {
      const re = /(--resource|--scope)(\s*=?\s*)(https:\/\/[^\s"'`]+)/g;
      const text = doc.lexed.noComments;
      let m: RegExpExecArray | null;
      while ((m = re.exec(text))) {
        const s = m.index + m[1].length + m[2].length;
        if (candidates.some((c) => c.start <= s && s < c.end)) continue;
        const value = m[3].replace(/["']$/, '');
        if (AUDIENCE.test(value)) candidates.push({ start: s, end: s + value.length, value, context: m[1] });
      }
      // the resource in a variable: RESOURCE=https://management.azure.com ... --resource "$RESOURCE"
      const vars = scriptVariables(doc);
      const byVar = /(--resource|--scope|-ResourceUrl|-Resource)(\s*=?\s*)["']?\$\{?([A-Za-z_]\w*)\}?/gi;
      while ((m = byVar.exec(text))) {
        const a = vars.assignment(m[3], m.index);
        if (!a || !AUDIENCE.test(a.value) || candidates.some((c) => c.start === a.valueAt)) continue;
        candidates.push({ start: a.valueAt, end: a.valueAt + a.value.length, value: a.value, context: m[1] });
      }
    }
    for (const c of candidates) {
      const m = AUDIENCE.exec(c.value)!;
      const base = m[1].toLowerCase();
      const hasDefault = !!m[3];
      const isAzCli = /--resource|-ResourceUrl|-Resource\b/.test(c.context);
      const info = endpointFor(ctx, c.start);
      const where = info ? `'${info.url}'` : 'the Azure AI endpoint';
      const scopeForm = (s: string) => (isAzCli ? s.replace(/\/\.default$/, '') : s);
      const replace = (target: string, title = `Use ${scopeForm(target)}`) =>
        fixes(fix(title, [edit(doc, c.start, c.end, scopeForm(target))], true));
      // 1. management scope on the data plane
      if (/management\./.test(base)) {
        armFile ??= ARM_USE.test(doc.text);
        if (armFile || (!dataPlane && !info)) continue;
        const target = info?.scopes[0] ?? SCOPES.cognitiveServices;
        ctx.report({
          messageId: 'managementScope',
          data: { scope: c.value, where, target: scopeForm(target), ...(info ? { url: info.url } : {}) },
          start: c.start,
          end: c.end,
          fixes: replace(target),
          endpoint: info?.url,
        });
        continue;
      }
      // 2. missing /.default on a scope (not for `az --resource`, which takes the resource URI)
      if (!hasDefault && !isAzCli && !/Audience|audience/.test(c.context)) {
        const target = `${base}/.default`;
        ctx.report({
          messageId: 'resourceNotScope',
          data: { scope: c.value, target, ...(info ? { url: info.url } : {}) },
          start: c.start,
          end: c.end,
          fixes: replace(target, `Use ${target}`),
          endpoint: info?.url,
        });
        continue;
      }
      if (!info || !DATA_KINDS.has(info.kind)) continue;
      const accepted = info.scopes;
      const normalized = `${base}/.default`;
      if (accepted.length === 0 || accepted.includes(normalized)) continue;
      let messageId: keyof typeof meta.messages;
      if (base.includes('ml.azure.com')) messageId = 'mlAudience';
      else if (
        base.includes('cognitiveservices') &&
        (info.kind === 'foundry-project' || info.kind === 'project-openai-v1')
      )
        messageId = 'projectAudience';
      else if ((base.includes('cognitiveservices') || /ai\.azure\.(?:com|us|cn)/.test(base)) && info.cloud !== 'public')
        messageId = 'sovereignCloud';
      else messageId = 'otherAudience';
      ctx.report({
        messageId,
        data: {
          scope: c.value,
          where,
          url: info.url,
          service: serviceOf(info),
          cloud: cloudName(info),
          accepted: accepted[0],
          target: scopeForm(accepted[0]),
        },
        start: c.start,
        end: c.end,
        fixes: replace(accepted[0]),
        endpoint: info.url,
      });
    }
    checkDotnetAudience(ctx);
  },
});

/** .NET AzureOpenAIClient: commercial audience (explicit or default) with a .us/.cn endpoint [N2]. */
function checkDotnetAudience(ctx: Ctx) {
  const { doc } = ctx;
  if (doc.family !== 'csharp' && doc.family !== 'java') return;
  for (const c of ctx.clients) {
    if (c.spec.family !== 'azure-openai' || !c.info || c.info.cloud === 'public' || c.cred !== 'token') continue;
    const target =
      c.info.cloud === 'usgov'
        ? 'AzureOpenAIAudience.AzureGovernment'
        : `new AzureOpenAIAudience("${c.info.scopes[0]}")`;
    if (doc.family === 'java') {
      ctx.report({
        messageId: 'javaSovereign',
        data: {
          defaultScope: SCOPES.cognitiveServices,
          scope: SCOPES.cognitiveServices,
          url: c.info.url,
          cloud: cloudName(c.info),
          accepted: c.info.scopes[0],
        },
        start: c.call.calleeStart,
        end: c.call.calleeEnd,
        endpoint: c.info.url,
      });
      continue;
    }
    const aud = c.args.find((a) => a.name === 'Audience');
    if (aud) {
      const text = doc.text.slice(aud.start, aud.end);
      if (!/AzurePublicCloud/.test(text)) continue;
      ctx.report({
        messageId: 'dotnetAudience',
        data: {
          audience: text,
          defaultScope: SCOPES.cognitiveServices,
          scope: SCOPES.cognitiveServices,
          url: c.info.url,
          target,
        },
        start: aud.start,
        end: aud.end,
        fixes: fixes(fix(`Use ${target}`, [edit(doc, aud.start, aud.end, target)], true)),
        endpoint: c.info.url,
      });
    } else {
      ctx.report({
        messageId: 'dotnetDefaultAudience',
        data: { defaultScope: SCOPES.cognitiveServices, scope: SCOPES.cognitiveServices, url: c.info.url, target },
        start: c.call.calleeStart,
        end: c.call.calleeEnd,
        fixes: fixes(
          c.call.args.length === 2
            ? fix(
                'Set Audience',
                [edit(doc, c.insertAt, c.insertAt, `, new AzureOpenAIClientOptions { Audience = ${target} }`)],
                true,
              )
            : undefined,
        ),
        endpoint: c.info.url,
      });
    }
  }
}

// async-token-provider: AsyncOpenAI / AsyncAzureOpenAI await their token provider, so a provider from the
// synchronous azure.identity.get_bearer_token_provider fails ("object str can't be used in 'await'
// expression", TypeError) or blocks the event loop on every refresh; the azure.identity.aio provider in
// turn needs an async credential (update §1e, §2.7: microsoft/openaivec#165, #167; microsoft/PyRIT#1252).
// Fix: import them from azure.identity.aio.
import { named } from '../model/calls';
import { expandedText } from '../model/clients';
import { defineRule, docsUrl, edit, fix, fixes, type RuleContext, type RuleMeta } from './rule';

/** Names azure.identity.aio also exports (a whole `from azure.identity import …` line can move when it has only these). */
const IN_AIO = new Set([
  'DefaultAzureCredential',
  'ManagedIdentityCredential',
  'AzureCliCredential',
  'AzureDeveloperCliCredential',
  'AzurePowerShellCredential',
  'ClientSecretCredential',
  'ClientCertificateCredential',
  'ClientAssertionCredential',
  'WorkloadIdentityCredential',
  'EnvironmentCredential',
  'ChainedTokenCredential',
  'OnBehalfOfCredential',
  'AzurePipelinesCredential',
  'SharedTokenCacheCredential',
  'VisualStudioCodeCredential',
  'get_bearer_token_provider',
]);

export const meta = {
  id: 'async-token-provider',
  defaultSeverity: 'error',
  languages: ['python'],
  description: 'a sync token provider or credential given to `AsyncOpenAI` / `AsyncAzureOpenAI`',
  docs: {
    url: docsUrl('async-token-provider'),
    details:
      "AsyncOpenAI / AsyncAzureOpenAI await the token provider: azure.identity.get_bearer_token_provider is synchronous (TypeError \"object str can't be used in 'await' expression\", or a blocked event loop). Use get_bearer_token_provider and the credential from azure.identity.aio.",
  },
  messages: {
    syncProvider:
      "{cls} awaits its token provider, but get_bearer_token_provider comes from the synchronous azure.identity: the call fails with TypeError \"object str can't be used in 'await' expression\" or blocks the event loop on every token refresh. Import get_bearer_token_provider and the credential from azure.identity.aio.",
    syncCredential:
      'The azure.identity.aio token provider given to {cls} wraps {credential} from the synchronous azure.identity: it needs an async credential. Import {credential} from azure.identity.aio.',
  },
} satisfies RuleMeta;
type Ctx = RuleContext<keyof typeof meta.messages>;

interface IdentityImport {
  start: number;
  end: number;
  module: string;
  /** Imported names as written in the module. */
  names: string[];
  /** The names the file uses (the alias after `as`, else the name). */
  locals: string[];
}

function identityImports(ctx: Ctx): IdentityImport[] {
  const out: IdentityImport[] = [];
  const re = /^[ \t]*from[ \t]+(azure\.identity(?:\.aio)?)[ \t]+import[ \t]+(\([^)]{0,1000}\)|[^\n]{0,1000})$/gm;
  let m: RegExpExecArray | null;
  while ((m = re.exec(ctx.doc.code))) {
    const pairs = ctx.doc.text
      .slice(m.index + m[0].length - m[2].length, m.index + m[0].length)
      .replace(/[()]/g, '')
      .split(',')
      .map((n) => n.trim().split(/\s+as\s+/))
      .filter((p) => p[0]);
    out.push({
      start: m.index,
      end: m.index + m[0].length,
      module: m[1],
      names: pairs.map((p) => p[0].trim()),
      locals: pairs.map((p) => (p[1] ?? p[0]).trim()),
    });
  }
  return out;
}

export const asyncTokenProvider = defineRule({
  meta,
  check(ctx: Ctx) {
    const { doc } = ctx;
    const asyncClients = ctx.clients.filter(
      (c) => c.spec.className.startsWith('Async') && c.spec.family !== 'inference',
    );
    if (asyncClients.length === 0 || !doc.text.includes('get_bearer_token_provider')) return;
    const imports = identityImports(ctx);
    const from = (local: string) => imports.find((i) => i.locals.includes(local))?.module;
    const syncClients = ctx.clients.some((c) => !c.spec.className.startsWith('Async'));
    for (const c of asyncClients) {
      const arg = named(c.args, 'azure_ad_token_provider') ?? named(c.args, 'api_key');
      if (!arg) continue;
      const expr = expandedText(doc, arg);
      const call =
        /(azure\.identity(?:\.aio)?\.)?get_bearer_token_provider\s*\(\s*(?:(azure\.identity(?:\.aio)?)\.)?([A-Za-z_]\w*)/.exec(
          expr,
        );
      if (!call) continue;
      const providerModule = call[1] ? call[1].slice(0, -1) : from('get_bearer_token_provider');
      const credential = call[3];
      const credentialModule = call[2] ?? from(credential);
      const importLine = imports.find((i) => i.module === 'azure.identity');
      // one edit moves the sync import line to .aio when everything on it exists there and no sync client needs it
      const movable =
        !syncClients && importLine && importLine.names.every((n) => IN_AIO.has(n))
          ? fix(
              'Import from azure.identity.aio',
              [
                edit(
                  doc,
                  importLine.start,
                  importLine.end,
                  doc.text.slice(importLine.start, importLine.end).replace('azure.identity', 'azure.identity.aio'),
                ),
              ],
              true,
            )
          : undefined;
      if (providerModule === 'azure.identity') {
        ctx.report({
          messageId: 'syncProvider',
          data: { cls: c.spec.display },
          start: arg.start,
          end: arg.end,
          fixes: fixes(movable),
        });
      } else if (providerModule === 'azure.identity.aio' && credentialModule === 'azure.identity') {
        ctx.report({
          messageId: 'syncCredential',
          data: { cls: c.spec.display, credential },
          start: arg.start,
          end: arg.end,
          fixes: fixes(movable),
        });
      }
    }
  },
});

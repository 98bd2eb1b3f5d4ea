// One line per rule for reports that describe rules (SARIF tool.driver.rules, text help): a short
// description and the default severity. The full explanation of each rule is docs/rules/<id>.md.
import type { RuleId, Severity } from '../core/types';
import { ruleDocUrl } from '../core/knowledge/scenarios';
import { RULES } from '../core/rules';

export interface RuleMeta {
  id: RuleId;
  /** PascalCase name, as SARIF tools show it. */
  name: string;
  short: string;
  defaultSeverity: Severity;
  helpUri: string;
}

/** The engine's own default severity wins (the value here is only a fallback). */
const meta = (id: RuleId, fallbackSeverity: Severity, short: string): RuleMeta => ({
  id,
  name: id.replace(/(^|-)([a-z0-9])/g, (_, __, c: string) => c.toUpperCase()),
  short,
  defaultSeverity: RULES.find((r) => r.id === id)?.defaultSeverity ?? fallbackSeverity,
  helpUri: ruleDocUrl(id),
});

export const RULE_META: Record<RuleId, RuleMeta> = {
  'openai-class-endpoint': meta(
    'openai-class-endpoint',
    'error',
    'AzureOpenAI / AzureOpenAIClient pointed at an endpoint it cannot call (model inference /models, a project, or the v1 /openai/v1/ base URL).',
  ),
  'openai-class-non-openai-model': meta(
    'openai-class-non-openai-model',
    'warning',
    'AzureOpenAI used with a non-OpenAI model (Models-as-a-Service): use the Azure AI Inference SDK or the v1 OpenAI client.',
  ),
  'plain-openai-class-azure-endpoint': meta(
    'plain-openai-class-azure-endpoint',
    'error',
    'Plain OpenAI client pointed at an Azure endpoint that is not the v1 base URL https://<resource>.openai.azure.com/openai/v1/.',
  ),
  'inference-endpoint': meta(
    'inference-endpoint',
    'error',
    'Azure AI Inference client pointed at an endpoint shape it cannot call (needs https://<resource>.services.ai.azure.com/models or .../openai/deployments/<d>).',
  ),
  'token-scope': meta('token-scope', 'error', 'Token requested for a scope (audience) that the endpoint rejects.'),
  'inference-default-scope': meta(
    'inference-default-scope',
    'error',
    'Azure AI Inference client with a TokenCredential and no scope: the SDK default https://ml.azure.com/.default is rejected by Azure AI Services endpoints.',
  ),
  'rest-auth-header': meta(
    'rest-auth-header',
    'error',
    'REST call sends the Entra token in the wrong header (it belongs in Authorization: Bearer <token>).',
  ),
  'token-passed-as-api-key': meta(
    'token-passed-as-api-key',
    'error',
    'Entra token passed as api_key to AzureOpenAI: it is sent as the api-key header and fails with 401.',
  ),
  'static-token': meta(
    'static-token',
    'warning',
    'A token fetched once is passed as a fixed string: it expires after about an hour; pass a token provider instead.',
  ),
  'regional-endpoint-entra': meta(
    'regional-endpoint-entra',
    'error',
    'Entra ID used with a regional endpoint (<region>.api.cognitive.microsoft.com): token auth needs the custom-subdomain endpoint.',
  ),
  'missing-model': meta(
    'missing-model',
    'warning',
    'Call to the model inference endpoint without a model (deployment name).',
  ),
  'missing-api-version': meta(
    'missing-api-version',
    'error',
    'AzureOpenAI without api_version (and no OPENAI_API_VERSION): the client raises before sending.',
  ),
  'sdk-version': meta(
    'sdk-version',
    'warning',
    'Retired or defective SDK version in a manifest: upgrade to the version that fixes it.',
  ),
  'mixed-credentials': meta(
    'mixed-credentials',
    'error',
    'Several credentials passed to one client (key and token): the client rejects it or silently uses the key.',
  ),
  'hardcoded-key': meta(
    'hardcoded-key',
    'warning',
    'API key written in source: prefer Microsoft Entra ID, or read the key from a secret store.',
  ),
  'serverless-entra': meta(
    'serverless-entra',
    'warning',
    'Entra ID used with a serverless (Models-as-a-Service) endpoint, where Entra support is unverified: use its key or a Foundry /models deployment.',
  ),
};

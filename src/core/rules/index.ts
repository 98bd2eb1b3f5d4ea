// The rule registry: every rule the engine runs, in a stable order (the RULE_IDS order of types.ts).
import type { Rule } from './rule';
import { openaiClassEndpoint } from './openaiClassEndpoint';
import { openaiClassNonOpenaiModel } from './openaiClassNonOpenaiModel';
import { plainOpenaiClassAzureEndpoint } from './plainOpenaiClassAzureEndpoint';
import { inferenceEndpoint } from './inferenceEndpoint';
import { tokenScope } from './tokenScope';
import { inferenceDefaultScope } from './inferenceDefaultScope';
import { restAuthHeader } from './restAuthHeader';
import { tokenPassedAsApiKey } from './tokenPassedAsApiKey';
import { staticToken } from './staticToken';
import { regionalEndpointEntra } from './regionalEndpointEntra';
import { missingModel } from './missingModel';
import { missingApiVersion } from './missingApiVersion';
import { sdkVersion } from './sdkVersion';
import { mixedCredentials } from './mixedCredentials';
import { hardcodedKey } from './hardcodedKey';
import { serverlessEntra } from './serverlessEntra';
import { retiredInferenceApi } from './retiredInferenceApi';
import { projectsSdkApi } from './projectsSdkApi';
import { asyncTokenProvider } from './asyncTokenProvider';
import { realtimeEndpoint } from './realtimeEndpoint';
import { anthropicEndpoint } from './anthropicEndpoint';

export const RULES: Rule[] = [
  openaiClassEndpoint,
  openaiClassNonOpenaiModel,
  plainOpenaiClassAzureEndpoint,
  inferenceEndpoint,
  tokenScope,
  inferenceDefaultScope,
  restAuthHeader,
  tokenPassedAsApiKey,
  staticToken,
  regionalEndpointEntra,
  missingModel,
  missingApiVersion,
  sdkVersion,
  mixedCredentials,
  hardcodedKey,
  serverlessEntra,
  retiredInferenceApi,
  projectsSdkApi,
  asyncTokenProvider,
  realtimeEndpoint,
  anthropicEndpoint,
];

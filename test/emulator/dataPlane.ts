// The emulated AI data plane, reached as /dataplane/<host>/<path>: answers with the exact bodies of
// the facts file §6 and the December 2026 update §1e (401 PermissionDenied, plain and detailed for
// project endpoints; 401 audience; 400 tenant mismatch; 400 custom subdomain; 403 network; 404
// deployment or path) according to the caller's token, the account's settings and the scenario's
// role assignments (evaluated here, independently of the extension's own evaluator).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { readToken, normaliseAudience } from './tokens';
import { matchesAction, principalIdsOf, scopeReaches, send, type Ctx } from './server';

const COGNITIVE = 'https://cognitiveservices.azure.com';
const COGNITIVE_US = 'https://cognitiveservices.azure.us';
const AI = 'https://ai.azure.com';
export const OPENAI_CHAT_ACTION = 'Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action';
export const MAAS_CHAT_ACTION = 'Microsoft.CognitiveServices/accounts/MaaS/chat/completions/action';
/** Foundry project data plane (update §1e): reads GET …/assistants, writes POST …/openai/* and …/assistants. */
export const AGENTS_READ_ACTION = 'Microsoft.CognitiveServices/accounts/AIServices/agents/read';
export const AGENTS_WRITE_ACTION = 'Microsoft.CognitiveServices/accounts/AIServices/agents/write';

const err = (
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
) => send(res, status, { error: { code, message } }, headers);

function chatCompletion(model: string) {
  return {
    id: `chatcmpl-${randomUUID().slice(0, 8)}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: 'Hello from the emulator.' } }],
    usage: { prompt_tokens: 5, completion_tokens: 5, total_tokens: 10 },
  };
}

export async function handleDataPlane(
  ctx: Ctx,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  fullPath: string,
  readBody: (req: IncomingMessage) => Promise<string>,
): Promise<string> {
  const { world } = ctx;
  const m = /^\/dataplane\/([^/]+)(\/.*)?$/.exec(fullPath)!;
  const host = m[1].toLowerCase();
  const path = m[2] ?? '/';
  const method = req.method ?? 'GET';
  const bearer = /^Bearer\s/i.test(req.headers.authorization ?? '');

  // Regional endpoint: no custom subdomain, so no token authentication (facts §1, §6 [E5][D7]).
  if (/^[a-z0-9-]+\.api\.cognitive\.microsoft\.com$/.test(host)) {
    if (bearer) {
      err(
        res,
        400,
        'BadRequest',
        'Please provide a custom subdomain for token authentication, otherwise API key is required.',
      );
      return 'dp-custom-subdomain';
    }
    err(
      res,
      401,
      '401',
      'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.',
    );
    return 'dp-key';
  }
  const hm =
    /^([a-z0-9-]+)\.(openai\.azure\.com|services\.ai\.azure\.com|cognitiveservices\.azure\.com|openai\.azure\.us|cognitiveservices\.azure\.us)$/.exec(
      host,
    );
  const account = hm && world.accounts.find((a) => a.customSubDomainName?.toLowerCase() === hm[1]);
  if (!hm || !account) {
    err(res, 404, '404', 'Resource not found');
    return 'dp-no-account';
  }
  if ((account.publicNetworkAccess ?? 'Enabled') === 'Disabled') {
    err(res, 403, '403', 'Public access is disabled. Please configure private endpoint.');
    return 'dp-public-disabled';
  }
  if (
    account.networkAcls?.defaultAction === 'Deny' &&
    !account.networkAcls.ipRules.some((r) => r === '127.0.0.1' || r === '127.0.0.0/8')
  ) {
    err(res, 403, '403', 'Access denied due to Virtual Network/Firewall rules.', {
      'policy-id': 'ThrowExceptionDueToTrafficDenied',
    });
    return 'dp-network';
  }

  // Which audiences this path accepts (update §1a: account-level endpoints accept both; projects only ai.azure.com).
  const isModels = /^\/models(\/|$)/i.test(path);
  const isProject = /^\/api\/projects(\/|$)/i.test(path);
  // US Government endpoints (*.azure.us) take the cognitiveservices.azure.us audience.
  const cognitive = host.endsWith('.azure.us') ? COGNITIVE_US : COGNITIVE;
  const accepted = isProject ? [AI] : [cognitive, AI];
  const shown = isModels
    ? '(https://cognitiveservices.azure.com/ or https://ai.azure.com/)'
    : isProject
      ? '(https://ai.azure.com)'
      : '(https://cognitiveservices.azure.com)';
  const claims = readToken(req.headers.authorization);
  if (!claims || !accepted.includes(normaliseAudience(claims.aud)) || claims.exp * 1000 < Date.now()) {
    send(res, 401, {
      statusCode: 401,
      message: `Unauthorized. Access token is missing, invalid, audience is incorrect ${shown}, or have expired.`,
    });
    return 'dp-audience';
  }
  // update §1e: a token from another tenant than the resource's (its subscription's tenant).
  const resourceTenant = world.subscriptions.find((s) => s.subscriptionId === account.subscriptionId)?.tenantId;
  if (resourceTenant && claims.tid.toLowerCase() !== resourceTenant.toLowerCase()) {
    err(
      res,
      400,
      'Tenant provided in token does not match resource token',
      `Token tenant ${claims.tid} does not match resource tenant.`,
    );
    return 'dp-tenant-mismatch';
  }

  const body = method === 'POST' ? JSON.parse((await readBody(req)) || '{}') : {};
  const deploymentOf = (name: string | undefined) => account.deployments.find((d) => d.name === name);
  const permitted = (action: string) => {
    const ids = principalIdsOf(world, claims.oid);
    const settled = Date.now() - world.propagationMinutes * 60_000;
    const denied = world.denyAssignments.some(
      (d) =>
        ids.includes(d.principalId.toLowerCase()) &&
        scopeReaches(d.scope, account.id) &&
        d.dataActions.some((p) => matchesAction(p, action)),
    );
    if (denied) return false;
    return world.roleAssignments.some((a) => {
      if (!ids.includes(a.principalId.toLowerCase()) || !scopeReaches(a.scope, account.id) || a.createdOn > settled)
        return false;
      const role = world.roles.find((r) => r.name.toLowerCase() === a.roleDefinitionGuid.toLowerCase());
      return (
        !!role &&
        role.dataActions.some((p) => matchesAction(p, action)) &&
        !role.notDataActions.some((p) => matchesAction(p, action))
      );
    });
  };
  const permissionDenied = () => {
    err(res, 401, 'PermissionDenied', 'Principal does not have access to API/Operation.');
    return 'dp-permission-denied';
  };
  const deploymentNotFound = () => {
    err(
      res,
      404,
      'DeploymentNotFound',
      'The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.',
    );
    return 'dp-deployment-not-found';
  };
  const listDeployments = () =>
    send(res, 200, {
      object: 'list',
      data: account.deployments.map((d) => ({
        id: d.name,
        object: 'deployment',
        model: d.model,
        owner: 'organization-owner',
        status: 'succeeded',
      })),
    });

  // Foundry project data plane: the project must exist; the agents data actions decide (detailed 401).
  const pm = /^\/api\/projects\/([^/]+)(\/.*)?$/i.exec(path);
  if (pm) {
    const project = decodeURIComponent(pm[1]);
    const rest = pm[2] ?? '/';
    if (!(account.projects ?? []).includes(project)) {
      err(res, 404, '404', 'Resource not found');
      return 'dp-no-project';
    }
    const detailedDenied = (action: string, operation: string) => {
      err(
        res,
        401,
        'PermissionDenied',
        `The principal \`${claims.upn ?? claims.oid}\` lacks the required data action \`${action}\` to perform \`${operation}\` operation. For instructions on granting the necessary permissions, see https://aka.ms/FoundryPermissions.`,
      );
      return 'dp-agents-denied';
    };
    if (method === 'GET' && (/^\/assistants$/i.test(rest) || /^\/openai\/v1\/models$/i.test(rest))) {
      if (!permitted(AGENTS_READ_ACTION))
        return detailedDenied(AGENTS_READ_ACTION, `GET /api/projects/{projectName}${rest}`);
      listDeployments();
      return 'dp-project-read';
    }
    if (method === 'POST' && /^\/openai\/v1\/(?:chat\/completions|responses)$/i.test(rest)) {
      if (!permitted(AGENTS_WRITE_ACTION))
        return detailedDenied(AGENTS_WRITE_ACTION, `POST /api/projects/{projectName}${rest}`);
      const dep = deploymentOf(typeof body.model === 'string' ? body.model : undefined);
      if (!dep) return deploymentNotFound();
      send(res, 200, chatCompletion(dep.model));
      return 'dp-project-chat';
    }
    err(res, 404, '404', 'Resource not found');
    return 'dp-not-found';
  }

  let dm: RegExpExecArray | null;
  // Cheap reads (no completion, no cost): authentication, network and subdomain only.
  if (
    method === 'GET' &&
    (/^\/openai\/deployments$/i.test(path) ||
      /^\/openai\/v1\/models$/i.test(path) ||
      /^\/openai\/models$/i.test(path) ||
      /^\/models\/info$/i.test(path))
  ) {
    if (/^\/openai\/(deployments|models)$/i.test(path) && !url.searchParams.get('api-version')) {
      err(res, 404, '404', 'Resource not found');
      return 'dp-not-found';
    }
    listDeployments();
    return 'dp-read';
  }
  if (method === 'POST' && (dm = /^\/openai\/deployments\/([^/]+)\/chat\/completions$/i.exec(path))) {
    if (!url.searchParams.get('api-version')) {
      err(res, 404, '404', 'Resource not found');
      return 'dp-not-found';
    }
    if (!permitted(OPENAI_CHAT_ACTION)) return permissionDenied();
    const dep = deploymentOf(decodeURIComponent(dm[1]));
    if (!dep) return deploymentNotFound();
    send(res, 200, chatCompletion(dep.model));
    return 'dp-chat';
  }
  if (
    method === 'POST' &&
    (/^\/openai\/v1\/chat\/completions$/i.test(path) || /^\/models\/chat\/completions$/i.test(path))
  ) {
    if (isModels && !url.searchParams.get('api-version')) {
      err(res, 400, 'BadRequest', 'api-version query parameter is required.');
      return 'dp-missing-api-version';
    }
    const dep = deploymentOf(typeof body.model === 'string' ? body.model : undefined);
    const action = dep && dep.format !== 'OpenAI' ? MAAS_CHAT_ACTION : OPENAI_CHAT_ACTION;
    if (!permitted(action)) return permissionDenied();
    if (!dep) return deploymentNotFound();
    send(res, 200, chatCompletion(dep.model));
    return 'dp-chat';
  }
  err(res, 404, '404', 'Resource not found');
  return 'dp-not-found';
}

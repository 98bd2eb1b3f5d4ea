// Where the checklist's "Open IAM" / "Open in portal" buttons go: the fix link the access check
// published, else the resource's Access control (IAM) blade in the right cloud's portal, else the
// portal home (the seed's step 1 link [D2]). Pure, so the URL rules are unit-tested.
import type { AccessReport } from '../core/accessReport';
import { isHttpsUrl } from './protocol';

/** Portal home, the seed's step 1 link; used when no resource is known yet. */
export const PORTAL_HOME = 'https://portal.azure.com';
/** Azure Government portal [D8]. */
export const PORTAL_USGOV = 'https://portal.azure.us';

const RESOURCE_ID =
  /^\/subscriptions\/[0-9a-f-]{36}\/resourceGroups\/[^/\s#?]+\/providers\/Microsoft\.CognitiveServices\/accounts\/[^/\s#?]+$/i;

export function iamUrl(report: AccessReport | undefined): string {
  const fromFix = report?.fixes.find((fix) => fix.kind === 'open-iam' && fix.url && isHttpsUrl(fix.url))?.url;
  if (fromFix) return fromFix;
  const portal = report?.endpointInfo?.cloud === 'usgov' ? PORTAL_USGOV : PORTAL_HOME;
  const id = report?.resource?.id;
  if (id && RESOURCE_ID.test(id)) {
    const tenant = report?.identity?.tenantId ? `@${encodeURIComponent(report.identity.tenantId)}` : '';
    const path = id.split('/').map(encodeURIComponent).join('/');
    return `${portal}/#${tenant}/resource${path}/users`;
  }
  return portal;
}

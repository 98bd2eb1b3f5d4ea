// The lazily loaded Azure bundle (dist/azure.js): everything that pulls in @azure/* code. The
// extension requires it only when an access check or a fix runs, so activation stays cheap.
export { runAccessCheck, emptyReport, type CheckOptions } from './check';
export { defaultCredentialIdentity, TokenCache, type IdentityProvider } from './identity';
export { assignRole, assignableRoleFor, cliCommand, portalLink, ASSIGNABLE_ROLE, type AssignOutcome } from './fixes';
export { reportToMarkdown } from './markdown';
export { ARM_BY_CLOUD, MANAGEMENT_SCOPE_BY_CLOUD, DEFAULT_TIMEOUT_MS, type HttpContext } from './http';
export { decodeClaims } from './jwt';
export { listTenants, type TenantRef } from './resource';

// A VS Code authentication provider backed by the Azure emulator's token endpoint (the one the fake
// `az` uses): sessions carry the tokens the emulator issues for the asked scope and tenant
// (`VSCODE_TENANT:<id>`). Registered under the built-in ids ('microsoft', 'microsoft-sovereign-cloud')
// by the integration tests (test/integration/account.test.ts) and by the demo's test-only
// extension (test/harness/emulator-auth), so "the account signed in to VS Code" works offline.
import * as vscode from 'vscode';

const TENANT_PREFIX = 'VSCODE_TENANT:';

/** An authentication provider whose sessions carry tokens the emulator issues for the asked scope and tenant. */
export class EmulatorAuthProvider implements vscode.AuthenticationProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.AuthenticationProviderAuthenticationSessionsChangeEvent>();
  readonly onDidChangeSessions = this.changed.event;
  signedIn = false;
  /** The next createSession is cancelled, as a person closing the sign-in would. */
  cancelNext = false;
  readonly created: string[][] = [];
  readonly asked: string[][] = [];
  /** getSessions calls while signed out: each is VS Code about to ask the person to sign in. */
  askedSignedOut = 0;
  private readonly minted = new Map<string, vscode.AuthenticationSession>();
  private readonly registration: vscode.Disposable;

  constructor(
    readonly id: string,
    private readonly emulatorUrl: string,
  ) {
    this.registration = vscode.authentication.registerAuthenticationProvider(id, `${id} (emulator)`, this, {
      supportsMultipleAccounts: true,
    });
  }

  async getSessions(scopes?: readonly string[]): Promise<vscode.AuthenticationSession[]> {
    if (!this.signedIn) {
      this.askedSignedOut++;
      return [];
    }
    if (!scopes || scopes.length === 0) return [...this.minted.values()].slice(0, 1);
    this.asked.push([...scopes]);
    return [await this.mint(scopes)];
  }

  async createSession(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    this.created.push([...scopes]);
    if (this.cancelNext) {
      this.cancelNext = false;
      throw new vscode.CancellationError();
    }
    this.signedIn = true;
    const session = await this.mint(scopes);
    this.changed.fire({ added: [session], removed: [], changed: [] });
    return session;
  }

  removeSession(): Promise<void> {
    this.signOut();
    return Promise.resolve();
  }

  signOut(): void {
    this.signedIn = false;
    const removed = [...this.minted.values()];
    this.minted.clear();
    this.changed.fire({ added: [], removed, changed: [] });
  }

  private async mint(scopes: readonly string[]): Promise<vscode.AuthenticationSession> {
    const tenant = scopes.find((s) => s.startsWith(TENANT_PREFIX))?.slice(TENANT_PREFIX.length) ?? '';
    const scope = scopes.find((s) => /^https:\/\//.test(s)) ?? '';
    const url = new URL('/_emulator/token', this.emulatorUrl);
    url.searchParams.set('resource', scope.replace(/\/\.default$/, ''));
    if (tenant) url.searchParams.set('tenant', tenant);
    const response = await fetch(url);
    const body = await response.json();
    if (!response.ok) throw new Error(`${body.error}: ${body.error_description}`);
    const session: vscode.AuthenticationSession = {
      id: `${tenant || 'home'}|${scope}`,
      accessToken: body.accessToken,
      account: { id: 'dev@contoso.onmicrosoft.com', label: 'dev@contoso.onmicrosoft.com' },
      scopes: [...scopes],
    };
    this.minted.set(session.id, session);
    return session;
  }

  dispose(): void {
    this.registration.dispose();
    this.changed.dispose();
  }
}

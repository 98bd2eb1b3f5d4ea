// The demo's test-only extension: registers the emulator-backed authentication provider under the
// built-in ids so "The account signed in to VS Code" signs in offline (scripts/start.mjs installs it
// and disables the built-in Microsoft authentication extension in the demo's code-server).
import * as vscode from 'vscode';
import { EmulatorAuthProvider } from '../emulatorAuth';

export function activate(context: vscode.ExtensionContext): void {
  const url = process.env.AZURE_AI_AUTH_DOCTOR_EMULATOR_URL;
  if (!url) return;
  context.subscriptions.push(
    new EmulatorAuthProvider('microsoft', url),
    new EmulatorAuthProvider('microsoft-sovereign-cloud', url),
  );
}

export function deactivate(): void {}

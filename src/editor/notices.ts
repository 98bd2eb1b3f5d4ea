// Information messages the editor features show (skipped files, scan summaries). Every message goes
// through here so none is silent, and so the integration tests can observe them (window messages
// cannot be read back through the API).
import * as vscode from 'vscode';

export interface Notice {
  message: string;
  /** Files the notice is about (for example the skipped ones). */
  uris: vscode.Uri[];
}

export class Notices implements vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Notice>();
  readonly onDidNotify = this.emitter.event;
  private readonly shown: Notice[] = [];

  /** Shows an information message (with optional buttons run as commands) and records it. */
  info(
    message: string,
    uris: vscode.Uri[] = [],
    actions: { title: string; command: string; args?: unknown[] }[] = [],
  ): void {
    const notice = { message, uris };
    this.shown.push(notice);
    if (this.shown.length > 50) this.shown.shift();
    this.emitter.fire(notice);
    void vscode.window.showInformationMessage(message, ...actions.map((a) => a.title)).then((picked) => {
      const action = actions.find((a) => a.title === picked);
      if (action) void vscode.commands.executeCommand(action.command, ...(action.args ?? []));
    });
  }

  recent(): readonly Notice[] {
    return this.shown;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}

// Hover on an endpoint literal (or a variable resolved from .env): what the endpoint is, which
// clients and token audience fit it, and a "Check Entra ID access" link. The markdown is trusted
// for the access-check command only.
import * as vscode from 'vscode';
import type { EndpointMention } from '../core/types';
import type { Analyzer } from './analyzer';
import { toRange } from './convert';
import { resourceUri } from './documents';
import { readSettings } from './settings';

export const CHECK_ACCESS_COMMAND = 'azureAiAuthDoctor.checkAccess';

const CLOUD_NAMES = {
  public: 'Azure public cloud',
  usgov: 'Azure US Government',
  china: 'Azure China (21Vianet)',
} as const;

/** `command:` link running the access check for an endpoint. */
export function checkAccessLink(endpoint: string): string {
  return `command:${CHECK_ACCESS_COMMAND}?${encodeURIComponent(JSON.stringify([{ endpoint }]))}`;
}

/** The hover text for one endpoint, as markdown. Exported for tests and the report. */
export function endpointHoverMarkdown(mention: EndpointMention): string {
  const info = mention.info;
  const lines: string[] = [];
  lines.push(`**Azure AI Auth Doctor** · \`${info.url}\``, '');
  lines.push(`- **Kind:** ${info.description}`);
  if (info.resource) lines.push(`- **Resource:** \`${info.resource}\``);
  if (info.region) lines.push(`- **Region:** \`${info.region}\``);
  if (info.deployment) lines.push(`- **Deployment:** \`${info.deployment}\``);
  if (info.project) lines.push(`- **Project:** \`${info.project}\``);
  lines.push(`- **Cloud:** ${CLOUD_NAMES[info.cloud]}`);
  lines.push(`- **Clients that fit:** ${info.clients.join('; ')}`);
  lines.push(
    info.scopes.length > 0
      ? `- **Token audience:** ${info.scopes.map((s) => `\`${s}\``).join(' or ')}`
      : '- **Token audience:** none; Microsoft Entra ID is not supported here (use an API key)',
  );
  if (mention.source) {
    const where = vscode.workspace.asRelativePath(mention.source.file);
    lines.push(`- **Set in:** \`${where}\` line ${mention.source.range.start.line + 1}`);
  }
  lines.push('', `[$(shield) Check Entra ID access](${checkAccessLink(info.url)})`);
  return lines.join('\n');
}

export class EndpointHoverProvider implements vscode.HoverProvider {
  constructor(private readonly analyzer: Analyzer) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!readSettings(resourceUri(document)).hoverEnable) return undefined;
    const entry = this.analyzer.resultFor(document);
    const mention = entry?.result.endpoints.find((m) => toRange(m.range).contains(position));
    if (!mention) return undefined;
    const markdown = new vscode.MarkdownString(endpointHoverMarkdown(mention), true);
    markdown.isTrusted = { enabledCommands: [CHECK_ACCESS_COMMAND] };
    return new vscode.Hover(markdown, toRange(mention.range));
  }
}

// Hover on an endpoint literal (or a variable resolved from .env): what the endpoint is, which
// clients and token audience fit it, and a "Check Entra ID access" link. The markdown is trusted
// for the access-check command only.
import * as vscode from 'vscode';
import type { EndpointMention } from '../core/types';
import type { Analyzer } from './analyzer';
import { entryFor } from './entryFor';
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

/** Lines the hover shows before its action link (a tall hover pushes "Quick Fix" out of sight). */
export const HOVER_MAX_LINES = 8;

/** The hover text for one endpoint, as markdown: at most HOVER_MAX_LINES lines, then the action. */
export function endpointHoverMarkdown(mention: EndpointMention): string {
  const info = mention.info;
  const where = [
    info.resource ? `**Resource:** \`${info.resource}\`` : undefined,
    info.region ? `region \`${info.region}\`` : undefined,
    info.deployment ? `deployment \`${info.deployment}\`` : undefined,
    info.project ? `project \`${info.project}\`` : undefined,
  ].filter(Boolean);
  const clients = info.clients.length > 3 ? [...info.clients.slice(0, 3), '…'] : info.clients;
  const lines = [
    `**Azure AI Auth Doctor** · \`${info.url}\``,
    '',
    `- ${info.description} · ${CLOUD_NAMES[info.cloud]}`,
  ];
  if (where.length > 0) lines.push(`- ${where.join(' · ')}`);
  lines.push(`- **Clients that fit:** ${clients.join('; ')}`);
  lines.push(
    info.scopes.length > 0
      ? `- **Token audience:** ${info.scopes.map((s) => `\`${s}\``).join(' or ')}`
      : '- **Token audience:** none; Entra ID is not supported here (use an API key)',
  );
  if (mention.source) {
    const file = vscode.workspace.asRelativePath(mention.source.file);
    lines.push(`- **Set in:** \`${file}\` line ${mention.source.range.start.line + 1}`);
  }
  lines.push('', `[$(shield) Check Entra ID access](${checkAccessLink(info.url)})`);
  return lines.join('\n');
}

export class EndpointHoverProvider implements vscode.HoverProvider {
  constructor(private readonly analyzer: Analyzer) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!readSettings(resourceUri(document)).hoverEnable) return undefined;
    const entry = entryFor(this.analyzer, document);
    const mention = entry?.result.endpoints.find((m) => toRange(m.range).contains(position));
    if (!mention) return undefined;
    const markdown = new vscode.MarkdownString(endpointHoverMarkdown(mention), true);
    markdown.isTrusted = { enabledCommands: [CHECK_ACCESS_COMMAND] };
    return new vscode.Hover(markdown, toRange(mention.range));
  }
}

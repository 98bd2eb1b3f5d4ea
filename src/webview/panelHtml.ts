// The panel's HTML shell: a strict Content Security Policy (default-src 'none', a fresh nonce per
// render for the one script) and links to the built assets in dist/webview. All content is added
// later by the script from host messages, as DOM text, so nothing from the workspace or Azure is
// ever part of this HTML.
import { randomBytes } from 'node:crypto';

export interface WebviewLike {
  cspSource: string;
  asWebviewUri(uri: AssetUri): AssetUri;
}
/** Structural subset of vscode.Uri used here (keeps this file free of the 'vscode' module). */
export interface AssetUri {
  toString(): string;
}

export interface PanelAssets {
  script: AssetUri;
  style: AssetUri;
  codicons: AssetUri;
}

/** 128 bits from the CSPRNG, base64: unguessable and new for every render. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return ["default-src 'none'", `script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, `font-src ${cspSource}`].join(
    '; ',
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** 'sidebar': the compact troubleshooting view; 'report': the full access report in an editor tab. */
export type PanelMode = 'sidebar' | 'report';

export function renderPanelHtml(
  webview: WebviewLike,
  assets: PanelAssets,
  nonce = createNonce(),
  mode: PanelMode = 'sidebar',
): string {
  const csp = escapeAttribute(contentSecurityPolicy(webview.cspSource, nonce));
  const src = (uri: AssetUri) => escapeAttribute(webview.asWebviewUri(uri).toString());
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" id="vscode-codicon-stylesheet" href="${src(assets.codicons)}">
<link rel="stylesheet" href="${src(assets.style)}">
<title>${mode === 'report' ? 'Entra ID access report' : 'Azure AI Auth Doctor'}</title>
</head>
<body data-mode="${mode}">
<main id="app" aria-label="${mode === 'report' ? 'Entra ID access report' : 'Azure AI Auth Doctor troubleshooting'}"></main>
<script nonce="${escapeAttribute(nonce)}" src="${src(assets.script)}"></script>
</body>
</html>`;
}

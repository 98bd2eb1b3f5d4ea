// Webview UI entry (under construction: issue 6).
export {};

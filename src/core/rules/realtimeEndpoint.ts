// realtime-endpoint: the GA realtime API is wss://<res>.openai.azure.com/openai/v1/realtime with no
// api-version; an api-version there gets 401 at the WebSocket handshake. Only the OpenAI SDKs speak the GA
// protocol, so the preview path …/openai/realtime?api-version=… with a GA client fails too (update §1b:
// realtime-audio-preview-api-migration-guide.md 02/23/2026; §2.8: BerriAI/litellm#34654, livekit/agents#5228).
import { defineRule, docsUrl, edit, fix, fixes, type RuleMeta } from './rule';

const REALTIME =
  /^(wss|https):\/\/([A-Za-z0-9<>{}$-]{1,80}\.openai\.azure\.com)\/openai\/(v1\/)?realtime\b([^\s"'`]*)$/i;
/** A GA realtime client in the file: openai-node's OpenAIRealtimeWS, or client.realtime.connect (not .beta.). */
const GA_CLIENT = /\bOpenAIRealtimeWS\b|(?<!beta\.)\brealtime\.connect\(/;

export const meta = {
  id: 'realtime-endpoint',
  defaultSeverity: 'error',
  languages: ['python', 'js', 'csharp', 'java'],
  description: 'realtime URL with an api-version on the GA path, or the preview path with a GA client',
  docs: {
    url: docsUrl('realtime-endpoint'),
    details:
      'The GA realtime endpoint wss://<resource>.openai.azure.com/openai/v1/realtime takes no api-version (with one the WebSocket handshake gets 401); the preview path /openai/realtime?api-version=... does not work with the GA OpenAI clients.',
  },
  messages: {
    gaApiVersion:
      "'{url}' is the GA realtime endpoint, which takes no api-version: with one the WebSocket handshake is refused with 401. Use {target}.",
    previewPath:
      "'{url}' is the preview realtime path, but this file uses a GA realtime client (the OpenAI SDK), which speaks only the GA protocol on wss://{host}/openai/v1/realtime (no api-version).",
  },
} satisfies RuleMeta;

export const realtimeEndpoint = defineRule({
  meta,
  check(ctx) {
    const { doc } = ctx;
    if (!doc.text.includes('realtime')) return;
    let gaClient: boolean | undefined;
    for (const t of doc.lexed.strings) {
      if (t.valueEnd - t.valueStart > 400) continue;
      const value = doc.text.slice(t.valueStart, t.valueEnd);
      const m = REALTIME.exec(value);
      if (!m) continue;
      const query = m[4];
      if (m[3]) {
        if (!/[?&]api-version=/i.test(query)) continue;
        const kept = query
          .replace(/^\?/, '')
          .split('&')
          .filter((p) => p && !/^api-version=/i.test(p))
          .join('&');
        const target = `${m[1]}://${m[2]}/openai/v1/realtime${kept ? `?${kept}` : ''}`;
        ctx.report({
          messageId: 'gaApiVersion',
          data: { url: value, target },
          start: t.valueStart,
          end: t.valueEnd,
          fixes: fixes(fix('Remove the api-version', [edit(doc, t.valueStart, t.valueEnd, target)], true)),
        });
        continue;
      }
      gaClient ??= GA_CLIENT.test(doc.code);
      if (!gaClient) continue;
      ctx.report({ messageId: 'previewPath', data: { url: value, host: m[2] }, start: t.valueStart, end: t.valueEnd });
    }
  },
});

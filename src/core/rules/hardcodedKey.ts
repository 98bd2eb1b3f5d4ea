// hardcoded-key: an Azure AI / Azure OpenAI key (32 hex chars, or the newer 84-char form) written in code
// or a request bypasses Entra ID, leaks with the source, and fails with 403 "Key based authentication is
// disabled for this resource" once disableLocalAuth is set (often by policy) [E7][O12] (facts §6, §7.13).
import type { Doc } from '../scan/document';
import { defineRule, docsUrl, edit, fix, fixes, type RuleContext, type RuleMeta } from './rule';

const KEY = /^(?:[0-9a-fA-F]{32}|[A-Za-z0-9]{84})$/;
/** What must precede the literal (same statement) for it to be a key. */
const KEY_CONTEXT =
  /(?:api[_-]?key|apikey|AzureKeyCredential|ApiKeyCredential|KeyCredential|Ocp-Apim-Subscription-Key|subscription[_-]?key|(?:openai|azure|aoai|cognitive|ai|inference|foundry|resource|account)[_-]?(?:api[_-]?)?key)\b["'\]]?\s*(?:[:=(,]|\)\s*\.\s*\w+\s*\(|=>)?\s*(?:new\s+\w+\s*\(\s*)?$/i;
/** A name that denotes an API key earlier in the statement (fallbacks such as `os.getenv("AZURE_OPENAI_API_KEY", "<key>")`). */
const KEY_NAME =
  /(?:api[_-]?key|apikey|AzureKeyCredential|ApiKeyCredential|KeyCredential|subscription[_-]?key|(?:openai|azure|aoai|cognitive|inference|foundry|resource|account)[_-]?(?:api[_-]?)?key)\b/i;
/** What ends the text before a fallback literal: `or`, `||`, `??`, a getenv/get/getOrDefault default, PowerShell `else {`. */
const FALLBACK_TAIL =
  /(?:\bor|\|\||\?\?|\b(?:getenv|get|getOrDefault|GetValueOrDefault)\s*\(\s*["'][^"'\n]*["']\s*,|\belse\s*\{)\s*$/;
/** The literal is the direct argument of a key credential, or the value of api_key= / apiKey: (any alphabet). */
const DIRECT_KEY_ARG =
  /(?:\b(?:Azure|Api)?KeyCredential\s*\(\s*|\b(?:api_key|apiKey|ApiKey)\s*[:=]\s*|["'](?:api[_-]key|apiKey)["']\s*:\s*)$/;
/** Characters of a key in any alphabet (base64, base64url, alphanumerics). */
const ANY_ALPHABET_KEY = /^[A-Za-z0-9+/=_.~-]{20,200}$/;
/** Documentation placeholders and test values, never keys. */
const PLACEHOLDER = /your|placeholder|example|sample|dummy|fake|changeme|redacted|xxxx|\.\.\.|^(?:sk-|test|mock)/i;
/** A literal key in a request header (hex, the 84-character form, or a 32-character mixed-case serverless key). */
const HEADER =
  /\b(api-key|Ocp-Apim-Subscription-Key)\s*:\s*([0-9a-fA-F]{32}|[A-Za-z0-9]{84}|[A-Za-z0-9]{32})(?![\w-])/gi;
/** Shell default expansions `${NAME:-value}` / `${NAME-value}` / `${NAME:=value}`. */
const SHELL_DEFAULT = /\$\{([A-Za-z_]\w*):?[-=]([^}\s"'$]+)\}/g;

/** True for a value that looks generated (letters and digits), not a word or a placeholder. */
function anyAlphabetKey(value: string): boolean {
  return ANY_ALPHABET_KEY.test(value) && /\d/.test(value) && /[A-Za-z]/.test(value) && !PLACEHOLDER.test(value);
}

/** The 32-character mixed-case form must mix digits with both cases (hex is always a key shape). */
function headerKey(value: string): boolean {
  return (
    value.length !== 32 ||
    /^[0-9a-fA-F]{32}$/.test(value) ||
    (/\d/.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value))
  );
}

const ENV_READ: Record<string, (name: string) => string> = {
  python: (n) => `os.environ["${n}"]`,
  js: (n) => `process.env.${n}`,
  csharp: (n) => `Environment.GetEnvironmentVariable("${n}")`,
  java: (n) => `System.getenv("${n}")`,
};

function envNameFor(doc: Doc): string {
  return /services\.ai\.azure|ai-inference|ChatCompletionsClient|ModelClient/i.test(doc.text) &&
    !/openai\.azure/i.test(doc.text)
    ? 'AZURE_AI_API_KEY'
    : 'AZURE_OPENAI_API_KEY';
}

/**
 * Where a new import may go in a Python file: after any `from __future__` imports, which must stay
 * the first statements (an import above them is a SyntaxError).
 */
function afterFutureImports(doc: Doc): number {
  const code = doc.code;
  /** Offset just after the line break that ends the line holding `from`. */
  const nextLine = (from: number) => {
    const m = /\r\n|\r|\n/g;
    m.lastIndex = from;
    const hit = m.exec(code);
    return hit ? hit.index + hit[0].length : code.length;
  };
  const future = /^from[ \t]+__future__[ \t]+import\b/gm;
  let end = 0;
  for (let m = future.exec(code); m; m = future.exec(code)) {
    const lineEnd = nextLine(m.index);
    const line = code.slice(m.index, lineEnd);
    // `from __future__ import (a,\n b)` ends at its closing parenthesis.
    const close = line.includes('(') && !line.includes(')') ? code.indexOf(')', m.index) : -1;
    end = close === -1 ? lineEnd : nextLine(close);
    future.lastIndex = end;
  }
  return end;
}

const LITERAL_KEY =
  ' is a literal Azure API key: it bypasses Entra ID, leaks with the source, and fails with 403 "Key based authentication is disabled" when the resource disables local auth; read it from the environment or a secret store, or better, use a token credential (DefaultAzureCredential).';

/** The key itself is never data: a message names where the key is, not what it is. */
export const meta = {
  id: 'hardcoded-key',
  defaultSeverity: 'warning',
  languages: ['python', 'js', 'csharp', 'java', 'http', 'shell'],
  description: 'an API key literal in code (bypasses Entra ID)',
  docs: {
    url: docsUrl('hardcoded-key'),
    details: 'API key written in source: prefer Microsoft Entra ID, or read the key from a secret store.',
  },
  messages: {
    keyLiteral: `This string${LITERAL_KEY}`,
    keyHeader: `The {header} header value${LITERAL_KEY}`,
    keyDefault: `The default of {expansion}${LITERAL_KEY}`,
  },
} satisfies RuleMeta;

export const hardcodedKey = defineRule({
  meta,
  check(ctx) {
    const { doc } = ctx;
    const env = envNameFor(doc);
    const makeEnv = ENV_READ[doc.family ?? ''];
    // Strings holding a header ("api-key: …"), found with one scan of the text.
    const headerStrings = new Set<number>();
    for (const hit of doc.headerHits()) {
      if (!/^(?:api-key|ocp)/i.test(hit.name)) continue;
      const t = doc.stringContaining(hit.index);
      if (t) headerStrings.add(t.start);
    }
    for (const t of doc.lexed.strings) {
      const len = t.valueEnd - t.valueStart;
      const header = headerStrings.has(t.start);
      if (len < 20 && !header) continue;
      const value = doc.text.slice(t.valueStart, t.valueEnd);
      const before = doc.code.slice(Math.max(0, t.start - 200), t.start);
      const line = before.slice(before.lastIndexOf('\n') + 1);
      let isKey = false;
      if (KEY.test(value)) {
        if (KEY_CONTEXT.test(line)) isKey = true;
        // a key as the fallback of an environment read: os.getenv("X_API_KEY", "<key>"), ... or "<key>", ?? "<key>"
        else if (FALLBACK_TAIL.test(line) && KEY_NAME.test(doc.text.slice(t.start - line.length, t.start)))
          isKey = true;
        if (isKey && /\b(?:hash|sha|md5|digest|uuid|guid|id|etag|nonce|thumbprint)\b/i.test(line) && !/key/i.test(line))
          isKey = false;
      } else if (DIRECT_KEY_ARG.test(line) && !t.interpolated && anyAlphabetKey(value)) isKey = true;
      if (isKey) {
        const importAt = doc.family === 'python' ? afterFutureImports(doc) : 0;
        const lineBreak = importAt > 0 && !/[\r\n]$/.test(doc.text.slice(0, importAt)) ? doc.eol() : '';
        const importOs =
          doc.family === 'python' && !/^[ \t]*import[ \t]+os\b/m.test(doc.text)
            ? edit(doc, importAt, importAt, `${lineBreak}import os${doc.eol()}`)
            : undefined;
        const f = makeEnv
          ? fix(`Read ${env} from the environment`, [edit(doc, t.start, t.end, makeEnv(env)), importOs], true)
          : undefined;
        ctx.report({ messageId: 'keyLiteral', start: t.valueStart, end: t.valueEnd, fixes: fixes(f) });
        continue;
      }
      if (!header) continue;
      // header inside a string: curl -H "api-key: 0123…"
      HEADER.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = HEADER.exec(value))) {
        if (!headerKey(m[2])) continue;
        const s = t.valueStart + m.index + m[0].length - m[2].length;
        const repl = doc.family === 'shell' ? `$${env}` : undefined;
        ctx.report({
          messageId: 'keyHeader',
          data: { header: m[1] },
          start: s,
          end: s + m[2].length,
          fixes: fixes(repl ? fix(`Use $${env}`, [edit(doc, s, s + m[2].length, repl)], true) : undefined),
        });
      }
    }
    if (doc.family === 'shell') reportShellDefaults(ctx);
    if (doc.family === 'http') {
      const text = doc.lexed.noComments;
      HEADER.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = HEADER.exec(text))) {
        if (!headerKey(m[2])) continue;
        const s = m.index + m[0].length - m[2].length;
        ctx.report({
          messageId: 'keyHeader',
          data: { header: m[1] },
          start: s,
          end: s + m[2].length,
          fixes: fixes(fix('Use a {{apiKey}} variable', [edit(doc, s, s + m[2].length, '{{apiKey}}')], true)),
        });
      }
    }
  },
});

/** `${AZURE_OPENAI_API_KEY:-<key>}`: the default is what runs when the variable is unset, so the key leaks. */
function reportShellDefaults(ctx: RuleContext<keyof typeof meta.messages>) {
  const { doc } = ctx;
  if (!doc.text.includes('${')) return;
  const text = doc.lexed.noComments;
  SHELL_DEFAULT.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SHELL_DEFAULT.exec(text))) {
    const [whole, name, value] = m;
    if (!KEY_NAME.test(name) || !KEY.test(value)) continue;
    const s = m.index + whole.length - 1 - value.length;
    const opStart = m.index + 2 + name.length;
    ctx.report({
      messageId: 'keyDefault',
      data: { expansion: `\${${name}}` },
      start: s,
      end: s + value.length,
      fixes: fixes(fix(`Fail when ${name} is unset`, [edit(doc, opStart, s + value.length, `:?set ${name}`)], true)),
    });
  }
}

// Reader for .env files (.env, .env.local, .env.production, .envrc...): KEY=value lines with
// optional `export `, single/double/backtick quotes (double quotes may span lines and take
// escapes), inline comments after unquoted values, CRLF. Odd lines are reported, never thrown.
import type { EnvValue } from '../types';
import { LineIndex } from './lineIndex';

export interface EnvEntry extends EnvValue {
  name: string;
}
export interface EnvParseResult {
  entries: EnvEntry[];
  errors: string[];
}

const KEY = /^[A-Za-z_][A-Za-z0-9_.-]*/;
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', $: '$' };

export function parseDotenv(fileName: string, text: string): EnvParseResult {
  const entries: EnvEntry[] = [];
  const errors: string[] = [];
  const index = new LineIndex(text);
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // Once a double-quoted value ran to the end unclosed, no later one can close: skip the scan (keeps it linear).
  let unclosedFrom = Infinity;

  const lineEndFrom = (from: number) => {
    const nl = text.indexOf('\n', from);
    return nl === -1 ? text.length : nl;
  };
  const report = (offset: number, message: string) => {
    if (errors.length < 100) errors.push(`line ${index.positionAt(offset).line + 1}: ${message}`);
  };

  while (pos < text.length) {
    let lineEnd = lineEndFrom(pos);
    const rawLine = text.slice(pos, lineEnd).replace(/\r$/, '');
    const indent = rawLine.length - rawLine.trimStart().length;
    let cursor = pos + indent;
    const rest = rawLine.trimStart();
    const nextLine = () => {
      pos = lineEnd + 1;
    };
    if (rest === '' || rest.startsWith('#')) {
      nextLine();
      continue;
    }
    let body = rest;
    const exported = /^export\s+/.exec(body);
    if (exported) {
      body = body.slice(exported[0].length);
      cursor += exported[0].length;
    }
    const key = KEY.exec(body);
    if (!key) {
      // The line itself is never quoted: a key or token alone on a line is exactly what lands here.
      report(cursor, `expected NAME=value, found a line that does not start with a name`);
      nextLine();
      continue;
    }
    const afterKey = body.slice(key[0].length);
    const eq = /^\s*=\s*/.exec(afterKey);
    if (!eq) {
      // `export NAME` alone (shell style) declares nothing new; anything else is odd.
      if (!(exported && afterKey.trim() === '')) report(cursor, `expected '=' after the name that starts the line`); // the line may be a secret: not quoted
      nextLine();
      continue;
    }
    const valueStart = cursor + key[0].length + eq[0].length;
    const quote = text[valueStart];
    if (quote === '"' || quote === "'" || quote === '`') {
      const contentStart = valueStart + 1;
      let value = '';
      let i = contentStart;
      let closed = -1;
      if (quote === '"' && contentStart >= unclosedFrom) i = text.length;
      while (i < text.length) {
        const c = text[i];
        if (c === quote) {
          closed = i;
          break;
        }
        if (c === '\\' && quote === '"' && i + 1 < text.length) {
          const e = text[i + 1];
          value += e in ESCAPES ? ESCAPES[e] : `\\${e}`;
          i += 2;
          continue;
        }
        if (c === '\n' && quote !== '"') break; // only double quotes span lines
        value += c;
        i++;
      }
      if (closed === -1) {
        if (quote === '"') unclosedFrom = Math.min(unclosedFrom, contentStart);
        const end = quote === '"' ? lineEndFrom(contentStart) : i;
        const stripped = text.slice(contentStart, end).replace(/\r$/, '');
        report(valueStart, `unterminated ${quote} quote in ${key[0]}`);
        entries.push({
          name: key[0],
          value: stripped,
          file: fileName,
          range: index.rangeOf(contentStart, contentStart + stripped.length),
        });
        pos = end + 1;
        continue;
      }
      value = value.replace(/\r\n/g, '\n');
      entries.push({ name: key[0], value, file: fileName, range: index.rangeOf(contentStart, closed) });
      lineEnd = lineEndFrom(closed);
      const trailing = text
        .slice(closed + 1, lineEnd)
        .replace(/\r$/, '')
        .trim();
      if (trailing && !trailing.startsWith('#'))
        report(closed + 1, `unexpected text after the quoted value of ${key[0]}`);
      nextLine();
      continue;
    }
    // Unquoted: up to an inline comment (whitespace then #), trailing whitespace trimmed.
    const lineText = text.slice(valueStart, lineEnd).replace(/\r$/, '');
    const comment = /\s#/.exec(lineText);
    const value = (comment ? lineText.slice(0, comment.index) : lineText).trimEnd();
    entries.push({ name: key[0], value, file: fileName, range: index.rangeOf(valueStart, valueStart + value.length) });
    nextLine();
  }
  return { entries, errors };
}

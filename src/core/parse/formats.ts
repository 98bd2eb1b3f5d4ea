// Small readers for the files that are not programming languages (and so have no tree-sitter
// grammar here): .env / properties, requirements.txt, .http / .rest, JSON / JSONC, XML manifests,
// TOML, and Gradle build scripts (C-like comments and strings). Each finds comments and strings in
// one linear pass and returns the same token views as a parsed document (syntax.ts).
import { tokenViews, type Lexed, type StringToken } from './syntax';

type Format = 'dotenv' | 'pip' | 'http' | 'json' | 'xml' | 'toml' | 'clike';

function formatOf(languageId: string): Format {
  switch (languageId) {
    case 'dotenv':
    case 'properties':
      return 'dotenv';
    case 'pip-requirements':
      return 'pip';
    case 'json':
    case 'jsonc':
      return 'json';
    case 'xml':
      return 'xml';
    case 'toml':
      return 'toml';
    case 'groovy':
    case 'kotlin':
      return 'clike';
    default:
      return 'http';
  }
}

const JUMP: Record<Format, RegExp> = {
  dotenv: /#|["']/g,
  pip: /#/g,
  http: /#|\/\//g,
  json: /\/[/*]|"/g,
  xml: /<!--|["']/g,
  toml: /#|["']/g,
  clike: /\/[/*]|["']/g,
};

const isLineBreak = (c: number) => c === 10 || c === 13;

function lineEnd(text: string, i: number): number {
  while (i < text.length && !isLineBreak(text.charCodeAt(i))) i++;
  return i;
}

function atLineStart(text: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  return k < 0 || isLineBreak(text.charCodeAt(k));
}

/** End of a quoted run starting after the opening quote (exclusive of nothing: returns the index after the closer). */
function scanQuoted(text: string, i: number, quote: string, escapes: boolean, multiline: boolean): number {
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (escapes && c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) return i + 1;
    if (!multiline && isLineBreak(text.charCodeAt(i))) return i;
    i++;
  }
  return n;
}

function scanUntil(text: string, i: number, close: string): number {
  const e = text.indexOf(close, i);
  return e < 0 ? text.length : e + close.length;
}

export function readFormat(text: string, languageId: string): Lexed {
  const format = formatOf(languageId);
  const strings: StringToken[] = [];
  const comments: Array<[number, number]> = [];
  const jump = new RegExp(JUMP[format].source, 'g');
  const add = (start: number, valueStart: number, valueEnd: number, end: number) =>
    strings.push({ start, end, valueStart, valueEnd: Math.max(valueStart, valueEnd), interpolated: false });
  let i = 0;
  while (i < text.length) {
    jump.lastIndex = i;
    const m = jump.exec(text);
    if (!m) break;
    i = m.index;
    const ch = text[i];
    const lineStart = atLineStart(text, i);
    if (ch === '#' || (ch === '/' && text[i + 1] === '/' && format !== 'json' && format !== 'clike')) {
      const commentHere =
        format === 'http'
          ? lineStart
          : format === 'dotenv' || format === 'pip'
            ? lineStart || /\s/.test(text[i - 1] ?? '')
            : true;
      if (commentHere) {
        const e = lineEnd(text, i);
        comments.push([i, e]);
        i = e;
        continue;
      }
      i++;
      continue;
    }
    if (ch === '/' && (format === 'json' || format === 'clike')) {
      const e = text[i + 1] === '/' ? lineEnd(text, i) : scanUntil(text, i + 2, '*/');
      comments.push([i, e]);
      i = e;
      continue;
    }
    if (ch === '<') {
      const e = scanUntil(text, i + 4, '-->');
      comments.push([i, e]);
      i = e;
      continue;
    }
    // strings
    if (format === 'toml' && text.startsWith(ch + ch + ch, i)) {
      const q = ch + ch + ch;
      const e = scanUntil(text, i + 3, q);
      add(i, i + 3, e - 3, e);
      i = e;
      continue;
    }
    const escapes = format === 'json' || format === 'dotenv' || format === 'clike' || (format === 'toml' && ch === '"');
    const multiline = format === 'dotenv' || format === 'xml';
    const e = scanQuoted(text, i + 1, ch, escapes, multiline);
    add(i, i + 1, text[e - 1] === ch && e - 1 > i ? e - 1 : e, e);
    i = e;
  }
  return tokenViews(text, strings, comments);
}

// One linear pass per document that finds string literals and comments for each language, so the
// scanners can (a) never report text inside comments or docstrings and (b) match code shapes on a
// "code" view where every comment and string body is blanked (offsets and newlines preserved).

export type Syntax =
  | 'python'
  | 'js'
  | 'csharp'
  | 'java'
  | 'shell'
  | 'powershell'
  | 'http'
  | 'dotenv'
  | 'json'
  | 'jsonc'
  | 'xml'
  | 'toml'
  | 'pip';

export interface StringToken {
  /** Whole token, prefix and quotes included. */
  start: number;
  end: number;
  /** The characters between the quotes (escapes left as written). */
  valueStart: number;
  valueEnd: number;
  /** f-string, template literal, $"..." — may contain {expr} / ${expr} holes. */
  interpolated: boolean;
}

export interface Lexed {
  /** Text with comments blanked and each string token replaced by `"   "` of the same length. */
  code: string;
  /** Text with only comments (and docstrings) blanked: what endpoint/URL scanning reads. */
  noComments: string;
  strings: StringToken[];
  comments: Array<[number, number]>;
  stringAt: Map<number, StringToken>;
}

export function syntaxFor(languageId: string): Syntax {
  switch (languageId) {
    case 'python':
    case 'jupyter':
      return 'python';
    case 'javascript':
    case 'javascriptreact':
    case 'typescript':
    case 'typescriptreact':
      return 'js';
    case 'csharp':
      return 'csharp';
    case 'java':
    case 'groovy':
    case 'kotlin':
      return 'java';
    case 'shellscript':
      return 'shell';
    case 'powershell':
      return 'powershell';
    case 'http':
      return 'http';
    case 'dotenv':
    case 'properties':
      return 'dotenv';
    case 'json':
      return 'jsonc'; // appsettings.json and friends tolerate comments
    case 'jsonc':
      return 'jsonc';
    case 'xml':
      return 'xml';
    case 'toml':
      return 'toml';
    case 'pip-requirements':
      return 'pip';
    default:
      return 'http';
  }
}

const isWord = (c: number) =>
  (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;

function blank(s: string): string {
  return s.replace(/[^\r\n]/g, ' ');
}

/** Index of the end of the line containing i (position of \n or text length). */
function lineEnd(text: string, i: number): number {
  const n = text.indexOf('\n', i);
  return n < 0 ? text.length : n;
}

/** Scans a quoted string body with backslash escapes; returns the index after the closing quote. */
function scanEscaped(text: string, i: number, quote: string, multiline: boolean): number {
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === quote) return i + 1;
    if (c === '\n' && !multiline) return i; // unterminated: stop at end of line
    i++;
  }
  return n;
}

/** Finds the closing delimiter (string) from i; returns index after it, or text length. */
function scanUntil(text: string, i: number, close: string, escapes: boolean): number {
  const n = text.length;
  while (i < n) {
    if (escapes && text[i] === '\\') {
      i += 2;
      continue;
    }
    if (text.startsWith(close, i)) return i + close.length;
    i++;
  }
  return n;
}

export function lex(text: string, languageId: string): Lexed {
  const syntax = syntaxFor(languageId);
  const strings: StringToken[] = [];
  const comments: Array<[number, number]> = [];
  const n = text.length;
  let i = 0;
  let lastSignificant = -1; // char code of the last non-space code char (JS regex detection)
  let lineClean = true; // only whitespace since the last newline

  const addString = (start: number, valueStart: number, valueEnd: number, end: number, interpolated: boolean) => {
    strings.push({ start, end, valueStart, valueEnd, interpolated });
    lastSignificant = 34;
  };

  // JS template literal with nested ${ ... } holes (which may contain strings/templates).
  const scanTemplate = (start: number): number => {
    let j = start + 1;
    while (j < n) {
      const c = text[j];
      if (c === '\\') {
        j += 2;
        continue;
      }
      if (c === '`') return j + 1;
      if (c === '$' && text[j + 1] === '{') {
        j = scanJsHole(j + 2);
        continue;
      }
      j++;
    }
    return n;
  };
  const scanJsHole = (j: number): number => {
    let depth = 1;
    while (j < n && depth > 0) {
      const c = text[j];
      if (c === '{') depth++;
      else if (c === '}') depth--;
      else if (c === '"' || c === "'") {
        j = scanEscaped(text, j + 1, c, false);
        continue;
      } else if (c === '`') {
        j = scanTemplate(j);
        continue;
      }
      j++;
    }
    return j;
  };

  while (i < n) {
    const c = text.charCodeAt(i);
    const ch = text[i];
    // whitespace
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      if (c === 10) lineClean = true;
      i++;
      continue;
    }
    const atLineStart = lineClean;
    lineClean = false;
    switch (syntax) {
      case 'python': {
        if (ch === '#') {
          const e = lineEnd(text, i);
          comments.push([i, e]);
          i = e;
          continue;
        }
        if (ch === '"' || ch === "'" || ((ch === 'f' || ch === 'F' || ch === 'r' || ch === 'R' || ch === 'b' || ch === 'B' || ch === 'u' || ch === 'U') && (i === 0 || !isWord(text.charCodeAt(i - 1))))) {
          // optional 1-2 letter prefix
          let j = i;
          while (j < n && j - i < 2 && /[fFrRbBuU]/.test(text[j])) j++;
          const q = text[j];
          if (q !== '"' && q !== "'") break;
          const prefix = text.slice(i, j).toLowerCase();
          const raw = prefix.includes('r');
          const interpolated = prefix.includes('f');
          const triple = text.startsWith(q + q + q, j);
          let end: number;
          let valueStart: number;
          let valueEnd: number;
          if (triple) {
            valueStart = j + 3;
            end = scanUntil(text, valueStart, q + q + q, !raw);
            valueEnd = Math.max(valueStart, end - 3);
            // A triple-quoted string that opens a statement line is a docstring: treat as comment.
            let k = i - 1;
            while (k >= 0 && (text[k] === ' ' || text[k] === '\t')) k--;
            if (k < 0 || text[k] === '\n') {
              const after = text.slice(end, lineEnd(text, end)).trim();
              if (after === '' || after.startsWith('#')) {
                comments.push([i, end]);
                i = end;
                continue;
              }
            }
          } else {
            valueStart = j + 1;
            end = raw ? scanUntilLine(text, valueStart, q) : scanEscaped(text, valueStart, q, false);
            valueEnd = text[end - 1] === q && end - 1 >= valueStart ? end - 1 : end;
          }
          addString(i, valueStart, valueEnd, end, interpolated);
          i = end;
          continue;
        }
        break;
      }
      case 'js':
      case 'java':
      case 'csharp': {
        if (ch === '/' && text[i + 1] === '/') {
          const e = lineEnd(text, i);
          comments.push([i, e]);
          i = e;
          continue;
        }
        if (ch === '/' && text[i + 1] === '*') {
          const e = scanUntil(text, i + 2, '*/', false);
          comments.push([i, e]);
          i = e;
          continue;
        }
        if (syntax === 'js') {
          if (ch === '`') {
            const e = scanTemplate(i);
            addString(i, i + 1, text[e - 1] === '`' ? e - 1 : e, e, true);
            i = e;
            continue;
          }
          if (ch === '"' || ch === "'") {
            const e = scanEscaped(text, i + 1, ch, false);
            addString(i, i + 1, text[e - 1] === ch && e - 1 > i ? e - 1 : e, e, false);
            i = e;
            continue;
          }
          if (ch === '/' && isRegexStart(lastSignificant)) {
            const e = scanRegex(text, i);
            lastSignificant = 47;
            i = e;
            continue;
          }
        } else if (syntax === 'java') {
          if (ch === '"') {
            if (text.startsWith('"""', i)) {
              const e = scanUntil(text, i + 3, '"""', true);
              addString(i, i + 3, Math.max(i + 3, e - 3), e, false);
              i = e;
              continue;
            }
            const e = scanEscaped(text, i + 1, '"', false);
            addString(i, i + 1, text[e - 1] === '"' && e - 1 > i ? e - 1 : e, e, false);
            i = e;
            continue;
          }
          if (ch === "'") {
            const e = scanEscaped(text, i + 1, "'", false);
            addString(i, i + 1, text[e - 1] === "'" && e - 1 > i ? e - 1 : e, e, languageId !== 'java');
            i = e;
            continue;
          }
        } else {
          // C#: "..", @"..", $"..", $@"..", @$"..", """raw""", $"""raw""", char literals
          let j = i;
          let verbatim = false;
          let interpolated = false;
          while (j < n && j - i < 3 && (text[j] === '@' || text[j] === '$')) {
            if (text[j] === '@') verbatim = true;
            else interpolated = true;
            j++;
          }
          if (text[j] === '"' && (j === i || i === 0 || !isWord(text.charCodeAt(i - 1)))) {
            if (text.startsWith('"""', j)) {
              let q = j;
              while (text[q] === '"') q++;
              const quotes = text.slice(j, q);
              const e = scanUntil(text, q, quotes, false);
              addString(i, q, Math.max(q, e - quotes.length), e, interpolated);
              i = e;
              continue;
            }
            let e: number;
            if (verbatim) {
              e = j + 1;
              while (e < n) {
                if (text[e] === '"') {
                  if (text[e + 1] === '"') {
                    e += 2;
                    continue;
                  }
                  e++;
                  break;
                }
                e++;
              }
            } else e = scanEscaped(text, j + 1, '"', false);
            addString(i, j + 1, text[e - 1] === '"' && e - 1 > j ? e - 1 : e, e, interpolated);
            i = e;
            continue;
          }
          if (ch === "'") {
            const e = scanEscaped(text, i + 1, "'", false);
            i = e;
            lastSignificant = 39;
            continue;
          }
        }
        break;
      }
      case 'shell':
      case 'powershell': {
        if (syntax === 'powershell' && ch === '<' && text[i + 1] === '#') {
          const e = scanUntil(text, i + 2, '#>', false);
          comments.push([i, e]);
          i = e;
          continue;
        }
        if (ch === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
          const e = lineEnd(text, i);
          comments.push([i, e]);
          i = e;
          continue;
        }
        if (ch === "'") {
          const e = scanUntil(text, i + 1, "'", false);
          addString(i, i + 1, Math.max(i + 1, e - 1), e, false);
          i = e;
          continue;
        }
        if (ch === '"') {
          const e = syntax === 'shell' ? scanEscaped(text, i + 1, '"', true) : scanPsDouble(text, i + 1);
          addString(i, i + 1, text[e - 1] === '"' && e - 1 > i ? e - 1 : e, e, true);
          i = e;
          continue;
        }
        if (syntax === 'shell' && ch === '\\') {
          i += 2;
          continue;
        }
        break;
      }
      case 'http':
      case 'dotenv':
      case 'pip': {
        // Comments are lines starting with # (and // in .http files); no string syntax.
        if ((ch === '#' && (atLineStart || syntax !== 'http')) || (syntax === 'http' && ch === '/' && text[i + 1] === '/' && atLineStart)) {
          if (syntax === 'dotenv' && !atLineStart && !/\s/.test(text[i - 1])) break;
          if (syntax === 'pip' && !atLineStart && !/\s/.test(text[i - 1])) break;
          const e = lineEnd(text, i);
          comments.push([i, e]);
          i = e;
          continue;
        }
        if (syntax === 'dotenv' && (ch === '"' || ch === "'")) {
          const e = scanEscaped(text, i + 1, ch, true);
          addString(i, i + 1, text[e - 1] === ch && e - 1 > i ? e - 1 : e, e, ch === '"');
          i = e;
          continue;
        }
        // skip the rest of the token quickly
        break;
      }
      case 'json':
      case 'jsonc': {
        if (ch === '/' && text[i + 1] === '/') {
          const e = lineEnd(text, i);
          comments.push([i, e]);
          i = e;
          continue;
        }
        if (ch === '/' && text[i + 1] === '*') {
          const e = scanUntil(text, i + 2, '*/', false);
          comments.push([i, e]);
          i = e;
          continue;
        }
        if (ch === '"') {
          const e = scanEscaped(text, i + 1, '"', false);
          addString(i, i + 1, text[e - 1] === '"' && e - 1 > i ? e - 1 : e, e, false);
          i = e;
          continue;
        }
        break;
      }
      case 'xml': {
        if (text.startsWith('<!--', i)) {
          const e = scanUntil(text, i + 4, '-->', false);
          comments.push([i, e]);
          i = e;
          continue;
        }
        if (ch === '"' || ch === "'") {
          const e = scanUntil(text, i + 1, ch, false);
          addString(i, i + 1, Math.max(i + 1, e - 1), e, false);
          i = e;
          continue;
        }
        break;
      }
      case 'toml': {
        if (ch === '#') {
          const e = lineEnd(text, i);
          comments.push([i, e]);
          i = e;
          continue;
        }
        if (ch === '"' || ch === "'") {
          const triple = text.startsWith(ch + ch + ch, i);
          const q = triple ? ch + ch + ch : ch;
          const e = triple ? scanUntil(text, i + 3, q, ch === '"') : ch === '"' ? scanEscaped(text, i + 1, '"', false) : scanUntilLine(text, i + 1, "'");
          addString(i, i + q.length, Math.max(i + q.length, e - q.length), e, false);
          i = e;
          continue;
        }
        break;
      }
    }
    if (isWord(c)) {
      // skip identifier
      let j = i + 1;
      while (j < n && isWord(text.charCodeAt(j))) j++;
      lastSignificant = 97;
      i = j;
      continue;
    }
    lastSignificant = c;
    i++;
  }

  // Build the two views by slices (linear).
  const codeParts: string[] = [];
  const noCommentParts: string[] = [];
  let last = 0;
  let ci = 0;
  let si = 0;
  while (ci < comments.length || si < strings.length) {
    const nextComment = ci < comments.length ? comments[ci][0] : Infinity;
    const nextString = si < strings.length ? strings[si].start : Infinity;
    if (nextComment < nextString) {
      const [s, e] = comments[ci++];
      if (s < last) continue;
      const piece = text.slice(last, s);
      codeParts.push(piece);
      noCommentParts.push(piece);
      const b = blank(text.slice(s, e));
      codeParts.push(b);
      noCommentParts.push(b);
      last = e;
    } else {
      const t = strings[si++];
      if (t.start < last) continue;
      const piece = text.slice(last, t.start);
      codeParts.push(piece);
      noCommentParts.push(piece);
      const len = t.end - t.start;
      const body = text.slice(t.start, t.end);
      codeParts.push(len >= 2 ? '"' + blank(body.slice(1, -1)) + '"' : '"');
      noCommentParts.push(body);
      last = t.end;
    }
  }
  codeParts.push(text.slice(last));
  noCommentParts.push(text.slice(last));
  const stringAt = new Map<number, StringToken>();
  for (const t of strings) stringAt.set(t.start, t);
  return { code: codeParts.join(''), noComments: noCommentParts.join(''), strings, comments, stringAt };
}

function scanUntilLine(text: string, i: number, quote: string): number {
  const e = lineEnd(text, i);
  const q = text.indexOf(quote, i);
  return q >= 0 && q < e ? q + 1 : e;
}

function scanPsDouble(text: string, i: number): number {
  const n = text.length;
  while (i < n) {
    if (text[i] === '`') {
      i += 2;
      continue;
    }
    if (text[i] === '"') {
      if (text[i + 1] === '"') {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return n;
}

function isRegexStart(last: number): boolean {
  if (last < 0) return true;
  // ( , = : [ ! & | ? { } ; + - * % < > ~ ^
  return '(,=:[!&|?{};+-*%<>~^'.includes(String.fromCharCode(last));
}

function scanRegex(text: string, i: number): number {
  const n = text.length;
  let j = i + 1;
  let inClass = false;
  while (j < n) {
    const c = text[j];
    if (c === '\n') return i + 1; // not a regex after all
    if (c === '\\') {
      j += 2;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    else if (c === '/' && !inClass) {
      j++;
      while (j < n && /[a-z]/i.test(text[j])) j++;
      return j;
    }
    j++;
  }
  return i + 1;
}

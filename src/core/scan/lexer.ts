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
  /** The string token starting exactly at offset. */
  stringAt(offset: number): StringToken | undefined;
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

const decoder = new TextDecoder('utf-16le');

/** A mutable UTF-16 copy of the text (Buffer's native copy when available). */
function toUtf16(text: string): Uint16Array {
  const B = (globalThis as { Buffer?: { from(s: string, enc: string): Uint8Array } }).Buffer;
  if (B) {
    const bytes = B.from(text, 'utf16le');
    if (bytes.byteOffset % 2 === 0) return new Uint16Array(bytes.buffer, bytes.byteOffset, text.length);
    return new Uint16Array(bytes.slice().buffer, 0, text.length);
  }
  const out = new Uint16Array(text.length);
  for (let k = 0; k < text.length; k++) out[k] = text.charCodeAt(k);
  return out;
}

/** Where a token may start, per syntax (candidates only: the handlers below decide). */
const JUMP: Record<Syntax, RegExp> = {
  python: /[#"']/,
  js: /\/|["'`]/,
  csharp: /\/[/*]|[@$]{1,3}"|["']/,
  java: /\/[/*]|["']/,
  shell: /#|["'\\]/,
  powershell: /<#|#|["']/,
  http: /#|\/\//,
  dotenv: /#|["']/,
  pip: /#/,
  json: /\/[/*]|"/,
  jsonc: /\/[/*]|"/,
  xml: /<!--|["']/,
  toml: /#|["']/,
};

function isLineStart(text: string, i: number): boolean {
  let k = i - 1;
  while (k >= 0 && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k--;
  return k < 0 || text.charCodeAt(k) === 10;
}

const REGEX_KEYWORDS = new Set([
  'return',
  'typeof',
  'case',
  'do',
  'else',
  'in',
  'of',
  'void',
  'yield',
  'await',
  'delete',
  'throw',
  'new',
  'instanceof',
]);

/** Char code of the previous significant character (for JS regex-vs-division); '(' after keywords that precede expressions. */
function prevSignificant(text: string, i: number): number {
  let k = i - 1;
  while (k >= 0 && /\s/.test(text[k])) k--;
  if (k < 0) return -1;
  const c = text.charCodeAt(k);
  if (isWord(c)) {
    let s = k;
    while (s > 0 && isWord(text.charCodeAt(s - 1))) s--;
    return REGEX_KEYWORDS.has(text.slice(s, k + 1)) ? 40 : 97;
  }
  return c;
}

/** Index of the end of the line containing i (position of \n or text length). */
function lineEnd(text: string, i: number): number {
  const n = text.indexOf('\n', i);
  return n < 0 ? text.length : n;
}

/** True when the character at `pos` is preceded by an odd number of backslashes (i.e. escaped). */
function isEscaped(text: string, pos: number, floor: number): boolean {
  let k = pos - 1;
  while (k >= floor && text.charCodeAt(k) === 92) k--;
  return (pos - 1 - k) % 2 === 1;
}

/** Scans a quoted string body with backslash escapes; returns the index after the closing quote
 * (or the end of the line for an unterminated single-line string). indexOf-based: no per-char loop. */
function scanEscaped(text: string, i: number, quote: string, multiline: boolean): number {
  const n = text.length;
  const start = i;
  let from = i;
  let nl = multiline ? n : text.indexOf('\n', i);
  if (nl < 0) nl = n;
  for (;;) {
    const q = text.indexOf(quote, from);
    const stop = q < 0 ? n : q;
    if (!multiline && nl < stop) {
      if (nl < n && isEscaped(text, nl, start)) {
        // escaped newline: the string continues
        nl = text.indexOf('\n', nl + 1);
        if (nl < 0) nl = n;
        continue;
      }
      return nl;
    }
    if (q < 0) return n;
    if (isEscaped(text, q, start)) {
      from = q + 1;
      continue;
    }
    return q + 1;
  }
}

/** Finds the closing delimiter (string) from i; returns index after it, or text length. */
function scanUntil(text: string, i: number, close: string, escapes: boolean): number {
  const start = i;
  let from = i;
  for (;;) {
    const q = text.indexOf(close, from);
    if (q < 0) return text.length;
    if (escapes && isEscaped(text, q, start)) {
      from = q + 1;
      continue;
    }
    return q + close.length;
  }
}

/** f F r R b B u U */
function isPyPrefix(c: number): boolean {
  const l = c | 32;
  return l === 102 || l === 114 || l === 98 || l === 117;
}

export function lex(text: string, languageId: string): Lexed {
  const syntax = syntaxFor(languageId);
  const strings: StringToken[] = [];
  const comments: Array<[number, number]> = [];
  const n = text.length;
  let i = 0;
  let lastSignificant = -1; // char code of the last non-space code char (JS regex detection)

  const addString = (start: number, valueStart: number, valueEnd: number, end: number, interpolated: boolean) => {
    strings.push({ start, end, valueStart, valueEnd, interpolated });
    lastSignificant = 34;
  };

  // A line or block comment starting at `at` (C-like languages and JSONC): records it and returns its end, else -1.
  const slashComment = (at: number): number => {
    const next = text[at + 1];
    const e = next === '/' ? lineEnd(text, at) : next === '*' ? scanUntil(text, at + 2, '*/', false) : -1;
    if (e >= 0) comments.push([at, e]);
    return e;
  };

  // JS template literal with nested ${ ... } holes (which may contain strings/templates). Nesting past
  // MAX_TEMPLATE_DEPTH is read as plain hole text: no real code nests that deep, and recursion on a
  // hostile file (100,000 levels) would overflow the stack.
  let templateDepth = 0;
  const scanTemplate = (start: number): number => {
    templateDepth++;
    try {
      return scanTemplateBody(start);
    } finally {
      templateDepth--;
    }
  };
  const scanTemplateBody = (start: number): number => {
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
      } else if (c === '`' && templateDepth < MAX_TEMPLATE_DEPTH) {
        j = scanTemplate(j);
        continue;
      }
      j++;
    }
    return j;
  };

  let regexDeadUntil = -1;
  const jump = new RegExp(JUMP[syntax].source, 'g');
  while (i < n) {
    // Jump straight to the next character that can open a string or a comment (V8's regex scan is
    // far faster than a per-character loop); everything in between is plain code.
    jump.lastIndex = i;
    const jm = jump.exec(text);
    if (!jm) break;
    i = jm.index;
    const ch = text[i];
    const atLineStart = syntax === 'http' || syntax === 'dotenv' || syntax === 'pip' ? isLineStart(text, i) : false;
    if (syntax === 'js' && ch === '/') lastSignificant = prevSignificant(text, i);
    switch (syntax) {
      case 'python': {
        if (ch === '#') {
          const e = lineEnd(text, i);
          comments.push([i, e]);
          i = e;
          continue;
        }
        if (ch === '"' || ch === "'") {
          // optional 1-2 letter prefix (f, r, b, u, rb, fr...) right before the quote, not part of a longer name
          const j = i;
          let p = i;
          while (p > 0 && i - p < 2 && isPyPrefix(text.charCodeAt(p - 1))) p--;
          if (p < i && p > 0 && isWord(text.charCodeAt(p - 1))) p = i;
          i = p;
          const q = text[j];
          const prefix = text.slice(i, j).toLowerCase();
          const interpolated = prefix.includes('f');
          const qc = text.charCodeAt(j);
          const triple = text.charCodeAt(j + 1) === qc && text.charCodeAt(j + 2) === qc;
          let end: number;
          let valueStart: number;
          let valueEnd: number;
          if (triple) {
            valueStart = j + 3;
            end = scanUntil(text, valueStart, q + q + q, true);
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
            end = scanEscaped(text, valueStart, q, false); // raw strings too: a backslash still keeps the quote
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
        if (ch === '/') {
          const e = slashComment(i);
          if (e >= 0) {
            i = e;
            continue;
          }
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
          // Once a `/` on a line fails to close as a regex, no later `/` on that line is tried: each try
          // scans to the end of the line, which made 20,000-character lines of slashes quadratic.
          if (ch === '/' && i >= regexDeadUntil && isRegexStart(lastSignificant)) {
            const e = scanRegex(text, i);
            if (e === i + 1) regexDeadUntil = lineEnd(text, i);
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
        if (
          (ch === '#' && (atLineStart || syntax !== 'http')) ||
          (syntax === 'http' && ch === '/' && text[i + 1] === '/' && atLineStart)
        ) {
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
        if (ch === '/') {
          const e = slashComment(i);
          if (e >= 0) {
            i = e;
            continue;
          }
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
          const e = triple
            ? scanUntil(text, i + 3, q, ch === '"')
            : ch === '"'
              ? scanEscaped(text, i + 1, '"', false)
              : scanUntilLine(text, i + 1, "'");
          addString(i, i + q.length, Math.max(i + q.length, e - q.length), e, false);
          i = e;
          continue;
        }
        break;
      }
    }
    i++;
  }

  // Build the two views in UTF-16 buffers (linear; avoids joining thousands of sliced strings).
  const codeBuf = toUtf16(text);
  const blankRange = (buf: Uint16Array, s: number, e: number) => {
    for (let k = s; k < e; k++) {
      const ch = buf[k];
      if (ch !== 10 && ch !== 13) buf[k] = 32;
    }
  };
  for (const [s, e] of comments) blankRange(codeBuf, s, e);
  for (const t of strings) {
    if (t.end - t.start < 2) continue;
    blankRange(codeBuf, t.start + 1, t.end - 1);
    codeBuf[t.start] = 34;
    codeBuf[t.end - 1] = 34;
  }
  const decode = (buf: Uint16Array) => decoder.decode(buf);
  let noCommentsView: string | undefined = comments.length ? undefined : text;
  const codeView = strings.length || comments.length ? decode(codeBuf) : text;
  const stringAt = (offset: number): StringToken | undefined => {
    let lo = 0;
    let hi = strings.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const st = strings[mid].start;
      if (st === offset) return strings[mid];
      if (st < offset) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  };
  return {
    code: codeView,
    get noComments() {
      if (noCommentsView === undefined) {
        // Built on first use only (most documents never need it).
        const buf = toUtf16(text);
        for (const [s, e] of comments) blankRange(buf, s, e);
        noCommentsView = decode(buf);
      }
      return noCommentsView;
    },
    strings,
    comments,
    stringAt,
  };
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

/** Template literals nested deeper than this are read as plain text (see scanTemplate). */
const MAX_TEMPLATE_DEPTH = 1000;

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

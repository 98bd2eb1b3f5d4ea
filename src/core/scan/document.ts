// The analysed document as the scanners and rules see it: original text, lexed views, and
// offset <-> position conversion (0-based line, UTF-16 column, CRLF-safe).
import type { AnalysisContext, Position, Range } from '../types';
import { familyOf, type Family } from '../languages';
import { readFormat } from '../parse/formats';
import type { Lexed, ParsedSyntax, StringToken } from '../parse/syntax';
import type { Tree } from '../parse/runtime';

export class Doc {
  readonly lexed: Lexed;
  readonly family: Family | undefined;
  /** The syntax tree, for languages parsed with tree-sitter. */
  readonly tree: Tree | undefined;
  private readonly lineStarts: number[];
  constructor(
    readonly text: string,
    readonly languageId: string,
    readonly context: AnalysisContext,
    syntax?: ParsedSyntax,
  ) {
    this.lexed = syntax?.lexed ?? readFormat(text, languageId);
    this.tree = syntax?.tree;
    this.family = familyOf(languageId);
    // Line breaks as VS Code counts them: LF, CRLF and a lone CR.
    const starts = [0];
    const re = /\r\n?|\n/g;
    if (text.indexOf('\r') < 0) {
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
    } else for (let m = re.exec(text); m; m = re.exec(text)) starts.push(m.index + m[0].length);
    this.lineStarts = starts;
  }

  get code(): string {
    return this.lexed.code;
  }

  get fileName(): string {
    return this.context.fileName;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    let character = o - this.lineStarts[lo];
    // Never point between \r and \n.
    const lineEnd = lo + 1 < this.lineStarts.length ? this.lineStarts[lo + 1] - 1 : this.text.length;
    if (o > lineEnd - 1 && this.text[lineEnd - 1] === '\r' && o === lineEnd)
      character = lineEnd - 1 - this.lineStarts[lo];
    return { line: lo, character };
  }

  offsetAt(pos: Position): number {
    const start = this.lineStarts[Math.min(pos.line, this.lineStarts.length - 1)] ?? 0;
    return Math.min(this.text.length, start + pos.character);
  }

  range(start: number, end: number): Range {
    return { start: this.positionAt(start), end: this.positionAt(Math.max(start, end)) };
  }

  lineStartOf(offset: number): number {
    return this.lineStarts[this.positionAt(offset).line];
  }

  /** The string token starting exactly at offset (after skipping whitespace), if any. */
  stringAt(offset: number): StringToken | undefined {
    return this.lexed.stringAt(offset);
  }

  /** The string token containing offset, if any (binary search). */
  stringContaining(offset: number): StringToken | undefined {
    const s = this.lexed.strings;
    let lo = 0;
    let hi = s.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid].end <= offset) lo = mid + 1;
      else if (s[mid].start > offset) hi = mid - 1;
      else return s[mid];
    }
    return undefined;
  }

  private headerHitsCache: Array<{ index: number; name: string }> | undefined;
  /** Positions of HTTP auth header names (api-key, Authorization, Authentication, Ocp-Apim-Subscription-Key),
   * found with one case-insensitive scan and shared by the REST rules. */
  headerHits(): Array<{ index: number; name: string }> {
    if (!this.headerHitsCache) {
      const out: Array<{ index: number; name: string }> = [];
      const re = /api-key|authori[sz]ation|authentication|ocp-apim-subscription-key/gi;
      let m: RegExpExecArray | null;
      while ((m = re.exec(this.text))) out.push({ index: m.index, name: m[0] });
      this.headerHitsCache = out;
    }
    return this.headerHitsCache;
  }

  /** True when offset lies inside a comment (or a Python docstring). */
  inComment(offset: number): boolean {
    const c = this.lexed.comments;
    let lo = 0;
    let hi = c.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (c[mid][1] <= offset) lo = mid + 1;
      else if (c[mid][0] > offset) hi = mid - 1;
      else return true;
    }
    return false;
  }

  /** True when `re` (global flag not required) matches somewhere outside comments. */
  matchesOutsideComments(re: RegExp, mustContain?: string): boolean {
    if (mustContain && !this.text.includes(mustContain)) return false;
    const g = new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
    let m: RegExpExecArray | null;
    while ((m = g.exec(this.text))) {
      if (!this.inComment(m.index)) return true;
      if (m[0].length === 0) g.lastIndex++;
    }
    return false;
  }

  /** Indentation (leading whitespace) of the line holding offset. */
  indentAt(offset: number): string {
    const ls = this.lineStartOf(offset);
    const m = /^[ \t]*/.exec(this.text.slice(ls, ls + 200));
    return m ? m[0] : '';
  }

  eol(): string {
    return this.text.includes('\r\n') ? '\r\n' : '\n';
  }
}

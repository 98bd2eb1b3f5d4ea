// Jupyter notebooks given as raw .ipynb JSON: analyse the code cells as Python and map every range
// back to the JSON text (through the escapes of each source string), so CLI output points into the file.
import type { AnalysisContext, AnalysisResult, Position, Range, TextEdit } from '../types';

interface JsonStr {
  value: string;
  /** raw offset in the JSON text of each decoded char (length value.length + 1). */
  map: number[];
}

/** Minimal JSON reader that keeps the position of every string character. Throws on invalid JSON. */
class JsonReader {
  i = 0;
  constructor(private readonly s: string) {}
  ws() {
    while (this.i < this.s.length && /\s/.test(this.s[this.i])) this.i++;
  }
  value(): unknown {
    this.ws();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    const m = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(this.s.slice(this.i, this.i + 40));
    if (!m) throw new Error(`unexpected character at ${this.i}`);
    this.i += m[0].length;
    return m[0] === 'true' ? true : m[0] === 'false' ? false : m[0] === 'null' ? null : Number(m[0]);
  }
  object(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.i++;
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.ws();
      const key = this.string().value;
      this.ws();
      if (this.s[this.i++] !== ':') throw new Error('expected :');
      out[key] = this.value();
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return out;
      if (c !== ',') throw new Error('expected , or }');
    }
  }
  array(): unknown[] {
    const out: unknown[] = [];
    this.i++;
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return out;
      if (c !== ',') throw new Error('expected , or ]');
    }
  }
  string(): JsonStr {
    if (this.s[this.i] !== '"') throw new Error('expected string');
    this.i++;
    let value = '';
    const map: number[] = [];
    for (;;) {
      if (this.i >= this.s.length) throw new Error('unterminated string');
      const c = this.s[this.i];
      if (c === '"') {
        map.push(this.i);
        this.i++;
        return { value, map };
      }
      if (c === '\\') {
        const e = this.s[this.i + 1];
        const start = this.i;
        let ch: string;
        if (e === 'u') {
          ch = String.fromCharCode(parseInt(this.s.slice(this.i + 2, this.i + 6), 16));
          this.i += 6;
        } else {
          ch =
            ({ n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' } as Record<string, string>)[
              e
            ] ?? e;
          this.i += 2;
        }
        value += ch;
        map.push(start);
        continue;
      }
      value += c;
      map.push(this.i);
      this.i++;
    }
  }
}

function lineStarts(text: string): number[] {
  const s = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) s.push(i + 1);
  return s;
}

export function analyzeNotebook(
  text: string,
  context: AnalysisContext,
  analyzeCell: (cellText: string, context: AnalysisContext) => AnalysisResult,
): AnalysisResult {
  let nb: unknown;
  try {
    const r = new JsonReader(text);
    nb = r.value();
  } catch (e) {
    return {
      findings: [],
      endpoints: [],
      clients: [],
      internalErrors: [],
      skipped: `invalid notebook JSON (${(e as Error).message})`,
    };
  }
  const cells = (nb as { cells?: unknown })?.cells;
  if (!Array.isArray(cells))
    return {
      findings: [],
      endpoints: [],
      clients: [],
      internalErrors: [],
      skipped: 'invalid notebook (no cells array)',
    };
  const rawStarts = lineStarts(text);
  const rawPos = (offset: number): Position => {
    let lo = 0;
    let hi = rawStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (rawStarts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - rawStarts[lo] };
  };
  // All code cells are analysed together (joined by newlines) so names defined in one cell resolve in
  // the next, as they do when the notebook runs; every offset maps back into the JSON text.
  const result: AnalysisResult = { findings: [], endpoints: [], clients: [], internalErrors: [] };
  let combined = '';
  const map: number[] = [];
  for (const cell of cells as Array<Record<string, unknown>>) {
    if (!cell || (cell.cell_type as JsonStr | undefined)?.value !== 'code') continue;
    const src = cell.source;
    const parts: JsonStr[] = Array.isArray(src)
      ? (src.filter((p) => p && typeof (p as JsonStr).value === 'string') as JsonStr[])
      : src && typeof (src as JsonStr).value === 'string'
        ? [src as JsonStr]
        : [];
    if (parts.length === 0) continue;
    if (combined.length > 0) {
      combined += '\n';
      map.push(map[map.length - 1] ?? 0);
    }
    for (const p of parts) {
      combined += p.value;
      map.push(...p.map.slice(0, p.value.length));
    }
    const last = parts[parts.length - 1];
    if (!combined.endsWith('\n')) {
      combined += '\n';
      map.push(last.map[last.value.length]);
    }
  }
  map.push(map[map.length - 1] ?? 0);
  if (combined.length === 0) return result;
  const cellStarts = lineStarts(combined);
  const toRaw = (pos: Position): Position => {
    const off = Math.min(combined.length, (cellStarts[pos.line] ?? combined.length) + pos.character);
    return rawPos(map[off] ?? map[map.length - 1]);
  };
  const mapRange = (r: Range): Range => ({ start: toRaw(r.start), end: toRaw(r.end) });
  const escape = (s: string) => JSON.stringify(s).slice(1, -1);
  const mapEdit = (e: TextEdit): TextEdit =>
    e.file === context.fileName ? { ...e, range: mapRange(e.range), newText: escape(e.newText) } : e;
  const cellResult = analyzeCell(combined, context);
  for (const f of cellResult.findings) {
    result.findings.push({
      ...f,
      range: mapRange(f.range),
      related: f.related.map((r) => (r.file === context.fileName ? { ...r, range: mapRange(r.range) } : r)),
      fixes: f.fixes.map((fx) => ({ ...fx, edits: fx.edits.map(mapEdit) })),
    });
  }
  for (const e of cellResult.endpoints) result.endpoints.push({ ...e, range: mapRange(e.range) });
  for (const c of cellResult.clients) result.clients.push({ ...c, range: mapRange(c.range) });
  result.internalErrors.push(...cellResult.internalErrors);
  return result;
}

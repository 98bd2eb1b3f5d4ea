// A small, tolerant JSON-with-comments parser that keeps offsets: appsettings.json,
// local.settings.json and launch.json allow comments and trailing commas, and findings need the
// exact range of a value. Malformed input yields partial results plus error messages, never a throw.

export interface JsonString {
  kind: 'string';
  value: string;
  /** Offsets of the content between the quotes. */
  start: number;
  end: number;
}
export interface JsonScalar {
  kind: 'number' | 'boolean' | 'null';
  value: string;
  start: number;
  end: number;
}
export interface JsonProperty {
  key: string;
  value: JsonNode;
}
export interface JsonObject {
  kind: 'object';
  properties: JsonProperty[];
  start: number;
  end: number;
}
export interface JsonArray {
  kind: 'array';
  items: JsonNode[];
  start: number;
  end: number;
}
export type JsonNode = JsonString | JsonScalar | JsonObject | JsonArray;

export interface JsoncResult {
  root: JsonNode | undefined;
  /** Offsets and messages of problems found; parsing continued past them where it could. */
  errors: Array<{ offset: number; message: string }>;
}

const MAX_DEPTH = 200;

export function parseJsonc(text: string): JsoncResult {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const errors: JsoncResult['errors'] = [];
  const error = (message: string, offset = pos) => {
    if (errors.length < 50) errors.push({ offset, message });
  };

  /** Skips whitespace and comments. */
  const skipTrivia = (): void => {
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xfeff || c === 0xa0) pos++;
      else if (c === 47 /* / */ && text.charCodeAt(pos + 1) === 47) {
        const nl = text.indexOf('\n', pos);
        pos = nl === -1 ? text.length : nl + 1;
      } else if (c === 47 && text.charCodeAt(pos + 1) === 42 /* * */) {
        const close = text.indexOf('*/', pos + 2);
        if (close === -1) {
          error('unterminated block comment');
          pos = text.length;
        } else pos = close + 2;
      } else break;
    }
  };

  const parseString = (): JsonString => {
    const quote = pos++;
    const start = pos;
    let value = '';
    let chunkStart = pos;
    while (pos < text.length) {
      const c = text.charCodeAt(pos);
      if (c === 34 /* " */) {
        value += text.slice(chunkStart, pos);
        const end = pos++;
        return { kind: 'string', value, start, end };
      }
      if (c === 10 || c === 13) break;
      if (c === 92 /* \ */) {
        value += text.slice(chunkStart, pos);
        const e = text[pos + 1];
        const simple: Record<string, string> = {
          '"': '"',
          '\\': '\\',
          '/': '/',
          b: '\b',
          f: '\f',
          n: '\n',
          r: '\r',
          t: '\t',
        };
        if (e !== undefined && e in simple) {
          value += simple[e];
          pos += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
          value += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
          pos += 6;
        } else {
          error('invalid escape in string');
          pos += 1;
        }
        chunkStart = pos;
        continue;
      }
      pos++;
    }
    value += text.slice(chunkStart, pos);
    error('unterminated string', quote);
    return { kind: 'string', value, start, end: pos };
  };

  const parseValue = (depth: number): JsonNode | undefined => {
    skipTrivia();
    if (pos >= text.length) {
      error('unexpected end of input');
      return undefined;
    }
    if (depth > MAX_DEPTH) {
      error('nesting too deep');
      pos = text.length;
      return undefined;
    }
    const c = text[pos];
    if (c === '"') return parseString();
    if (c === '{') return parseObject(depth);
    if (c === '[') return parseArray(depth);
    const scalar = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(pos, pos + 64));
    if (scalar) {
      const start = pos;
      pos += scalar[0].length;
      const kind = scalar[0] === 'null' ? 'null' : scalar[0] === 'true' || scalar[0] === 'false' ? 'boolean' : 'number';
      return { kind, value: scalar[0], start, end: pos };
    }
    error(`unexpected character '${c}'`);
    pos++;
    return undefined;
  };

  const parseObject = (depth: number): JsonObject => {
    const start = pos++;
    const properties: JsonProperty[] = [];
    for (;;) {
      skipTrivia();
      if (pos >= text.length) {
        error('unterminated object', start);
        return { kind: 'object', properties, start, end: pos };
      }
      const c = text[pos];
      if (c === '}') {
        pos++;
        return { kind: 'object', properties, start, end: pos };
      }
      if (c === ',') {
        pos++; // also tolerates trailing and doubled commas
        continue;
      }
      if (c !== '"') {
        error(`expected a property name, found '${c}'`);
        // Skip to the next plausible member boundary.
        while (pos < text.length && !',}"'.includes(text[pos])) pos++;
        continue;
      }
      const key = parseString();
      skipTrivia();
      if (text[pos] === ':') pos++;
      else error(`expected ':' after a property name`); // the name is not quoted: it may be a secret
      const before = pos;
      const value = parseValue(depth + 1);
      if (value) properties.push({ key: key.value, value });
      skipTrivia();
      if (pos < text.length && text[pos] !== ',' && text[pos] !== '}') {
        error(`expected ',' or '}' after the value of a property`);
        if (pos === before) pos++;
      }
    }
  };

  const parseArray = (depth: number): JsonArray => {
    const start = pos++;
    const items: JsonNode[] = [];
    for (;;) {
      skipTrivia();
      if (pos >= text.length) {
        error('unterminated array', start);
        return { kind: 'array', items, start, end: pos };
      }
      const c = text[pos];
      if (c === ']') {
        pos++;
        return { kind: 'array', items, start, end: pos };
      }
      if (c === ',') {
        pos++;
        continue;
      }
      const before = pos;
      const value = parseValue(depth + 1);
      if (value) items.push(value);
      skipTrivia();
      if (pos < text.length && text[pos] !== ',' && text[pos] !== ']') {
        error("expected ',' or ']'");
        if (pos === before) pos++;
      }
    }
  };

  const root = parseValue(0);
  skipTrivia();
  if (pos < text.length) error('unexpected content after the top-level value');
  return { root, errors };
}

/** The property of an object with the given key (case-insensitive, as .NET configuration reads it). */
export function propertyOf(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (node?.kind !== 'object') return undefined;
  const lower = key.toLowerCase();
  return node.properties.find((p) => p.key.toLowerCase() === lower)?.value;
}

// Checks a tool's input against its schema (./schemas.ts) before anything runs, and says plainly what
// is wrong: agents send whatever a model produced. Understands exactly the subset the schemas use.
import type { ObjectSchema, PropertySchema } from './schemas';

export type Validated = { ok: true; value: Record<string, unknown> } | { ok: false; error: string };

/** A short, safe rendering of a bad value for the error message (never the whole value). */
function shown(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  // A long string may be a key or token put in the wrong field: only its length is told.
  if (typeof value === 'string')
    return value.length > 24 ? `a string of ${value.length} characters` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  return typeof value === 'object' ? 'an object' : typeof value;
}

/** A name from the input, quoted when it is short and plain; else only its length (it may be a secret). */
export function echoName(name: string): string {
  return name.length <= 24 && /^[\w.$-]*$/.test(name) ? `"${name}"` : `(a name of ${name.length} characters)`;
}

/** Text from the input (a path) with every long run of letters and digits masked: it may be a key or token. */
export function echoText(text: string, max = 200): string {
  return text
    .slice(0, max)
    .replace(/[A-Za-z0-9+=_-]{20,}/g, (run) => (/\d/.test(run) && /[A-Za-z]/.test(run) ? '…' : run));
}

function checkProperty(name: string, schema: PropertySchema, value: unknown): string | undefined {
  switch (schema.type) {
    case 'string':
      if (typeof value !== 'string') return `"${name}" must be a string (got ${shown(value)})`;
      if (schema.minLength !== undefined && value.length < schema.minLength)
        return schema.minLength === 1
          ? `"${name}" must not be empty`
          : `"${name}" must have at least ${schema.minLength} characters (got ${value.length})`;
      if (schema.maxLength !== undefined && value.length > schema.maxLength)
        return `"${name}" must have at most ${schema.maxLength} characters (got ${value.length})`;
      if (schema.enum && !schema.enum.includes(value))
        return `"${name}" must be one of ${schema.enum.map((v) => `"${v}"`).join(', ')} (got ${shown(value)})`;
      return undefined;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return `"${name}" must be an integer (got ${shown(value)})`;
      if (schema.minimum !== undefined && value < schema.minimum)
        return `"${name}" must be at least ${schema.minimum} (got ${value})`;
      if (schema.maximum !== undefined && value > schema.maximum)
        return `"${name}" must be at most ${schema.maximum} (got ${value})`;
      return undefined;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `"${name}" must be true or false (got ${shown(value)})`;
  }
}

export function validateInput(toolId: string, schema: ObjectSchema, input: unknown): Validated {
  const fail = (problem: string): Validated => ({ ok: false, error: `Invalid input for ${toolId}: ${problem}.` });
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return fail(
      `expected an object with ${Object.keys(schema.properties)
        .map((k) => `"${k}"`)
        .join(', ')} (got ${shown(input)})`,
    );
  const record = input as Record<string, unknown>;
  for (const name of schema.required ?? []) if (record[name] === undefined) return fail(`"${name}" is required`);
  const value: Record<string, unknown> = {};
  for (const [name, given] of Object.entries(record)) {
    const property = schema.properties[name];
    if (!property)
      return fail(
        `unknown property ${echoName(name)}; expected ${Object.keys(schema.properties)
          .map((k) => `"${k}"`)
          .join(', ')}`,
      );
    if (given === undefined) continue;
    const problem = checkProperty(name, property, given);
    if (problem) return fail(problem);
    value[name] = given;
  }
  return { ok: true, value };
}

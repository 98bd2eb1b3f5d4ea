// The few questions the REST-call checks ask of the code engine, in one place: which calls have a given
// name, what string an expression resolves to, where a name is assigned, and the arguments of a call
// expression. Only this file knows the engine's API (today src/core/scan/calls.ts and values.ts).
import { findCalls, matchBracket, named, parseArgs, positional, type Arg, type Call } from '../scan/calls';
import type { Doc } from '../scan/document';
import { ValueResolver } from '../scan/values';

export type { Arg, Call };
export { named, positional };

const resolvers = new WeakMap<Doc, ValueResolver>();
function resolverOf(doc: Doc): ValueResolver {
  let r = resolvers.get(doc);
  if (!r) resolvers.set(doc, (r = new ValueResolver(doc)));
  return r;
}

/** Calls and constructions named one of `names`, with their arguments and builder chains. */
export function callsNamed(doc: Doc, names: readonly string[]): Call[] {
  return findCalls(doc, names);
}

/** The string an expression stands for (holes of f-strings / templates kept as `{x}` / `${x}`), and whether it
 * is one literal written there. */
export function stringValue(doc: Doc, start: number, end: number): { value: string; literal: boolean } | undefined {
  const r = resolverOf(doc).resolve(start, end);
  return r ? { value: r.value, literal: !!r.literal } : undefined;
}

/** The right-hand side of the assignment of `name` that reaches `at`. */
export function assignedRange(doc: Doc, name: string, at: number): [number, number] | undefined {
  return resolverOf(doc).findAssignment(name, at);
}

/** The arguments of the call expression `<callee>(...)` opening at `open`, when it ends at `end`. */
export function callArgsAt(doc: Doc, open: number, end: number): Arg[] | undefined {
  const close = matchBracket(doc, open);
  return close === end - 1 ? parseArgs(doc, open, close) : undefined;
}

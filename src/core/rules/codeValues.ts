// The few questions the REST-call checks ask of the code engine, in one place: which calls have a given
// name, what string an expression resolves to, where a name is assigned, and the arguments of a call
// expression. Only this file knows the semantic model's API (src/core/model).
import { FileModel } from '../model';
import { argsOf, named, positional, type Arg, type Call } from '../model/calls';
import type { Doc } from '../scan/document';

export type { Arg, Call };
export { named, positional };

/** Calls and constructions named one of `names`, with their arguments and builder chains. */
export function callsNamed(doc: Doc, names: readonly string[]): Call[] {
  return FileModel.of(doc)?.calls(names) ?? [];
}

/** The string an expression stands for (holes of f-strings / templates kept as `{x}` / `${x}`), and whether it
 * is one literal written there. */
export function stringValue(doc: Doc, start: number, end: number): { value: string; literal: boolean } | undefined {
  const r = FileModel.of(doc)?.valueAt(start, end);
  return r ? { value: r.value, literal: !!r.literal } : undefined;
}

/** The right-hand side of the binding of `name` that a use at `at` sees (scopes respected). */
export function assignedRange(doc: Doc, name: string, at: number): [number, number] | undefined {
  const value = FileModel.of(doc)?.lookup(name, at)?.value;
  return value ? [value.startIndex, value.endIndex] : undefined;
}

/** The arguments of the call expression `<callee>(...)` whose argument list opens at `open` and ends at `end`. */
export function callArgsAt(doc: Doc, open: number, end: number): Arg[] | undefined {
  const model = FileModel.of(doc);
  const list = model?.nodeAt(open, end);
  if (!model || !list || list.startIndex !== open || list.endIndex !== end) return undefined;
  return list.parent ? argsOf(model, list.parent) : undefined;
}

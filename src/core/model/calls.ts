// Calls and constructions read from the syntax tree, in the shape rules use: callee, argument list
// brackets, arguments (positional, Python keywords, C# `name:` arguments, JS object / Python dict /
// C# initializer members, `**kwargs` dicts and `...spread` objects expanded) and Java/C# builder
// chains (`new XBuilder().endpoint(e).credential(c).buildClient()`).
import type { SyntaxNode } from '../parse/runtime';
import type { FileModel } from './index';

export interface Arg {
  /** Keyword / property name, when the argument is named. */
  name?: string;
  /** Value expression. */
  start: number;
  end: number;
  /** Whole argument including `name=` (for deletion). */
  fullStart: number;
  fullEnd: number;
  /** Members when the value is an object/dict literal or an object initializer. */
  props?: Arg[];
  /** The value's syntax node. */
  node?: SyntaxNode;
}

export interface ChainCall {
  name: string;
  nameStart: number;
  open: number;
  close: number;
  args: Arg[];
}

export interface Call {
  callee: string;
  calleeStart: number;
  calleeEnd: number;
  /** Start of the whole expression (incl. `new` and qualifiers). */
  exprStart: number;
  isNew: boolean;
  /** Bracket that opens the arguments: '(' or '{' (C# `new X { ... }`). */
  open: number;
  close: number;
  args: Arg[];
  /** `.method(...)` calls chained after the construction (builders). */
  chain: ChainCall[];
  /** End of the whole expression (after the chain). */
  end: number;
  /** The call / construction node. */
  node: SyntaxNode;
  /** The callee expression as written (`openai.AzureOpenAI`, `AzureOpenAI`), qualifiers included. */
  calleeNode: SyntaxNode;
}

/** Named argument or object property lookup (first match). */
export function named(args: Arg[] | undefined, ...names: string[]): Arg | undefined {
  if (!args) return undefined;
  for (const n of names) {
    const a = args.find((x) => x.name === n);
    if (a) return a;
  }
  return undefined;
}

/** Positional argument i (unnamed arguments only, in order). */
export function positional(args: Arg[], i: number): Arg | undefined {
  return args.filter((a) => a.name === undefined)[i];
}

function lastName(m: FileModel, n: SyntaxNode): SyntaxNode {
  const f =
    n.childForFieldName('property') ??
    n.childForFieldName('attribute') ??
    n.childForFieldName('name') ??
    (n.type === 'generic_name' || n.type === 'generic_type' ? n.firstNamedChild : null);
  if (f && f !== n && f.startIndex >= n.startIndex) return f.type === 'generic_name' ? lastName(m, f) : f;
  if (n.type === 'scoped_type_identifier' || n.type === 'qualified_name') return n.lastNamedChild ?? n;
  return n;
}

/** A member of an object / dict / initializer (`name: value`, `name=value`, `Name = value`) as an Arg. */
export function argOfProp(p: { name?: string; value: SyntaxNode; node: SyntaxNode }): Arg {
  return {
    name: p.name,
    start: p.value.startIndex,
    end: p.value.endIndex,
    fullStart: p.node.startIndex,
    fullEnd: p.node.endIndex,
    node: p.value,
  };
}

/** Members of an object literal / dict / initializer as Args (spreads flattened through variables). */
export function propArgs(m: FileModel, node: SyntaxNode): Arg[] | undefined {
  const d = m.dialect;
  let n: SyntaxNode | null = node;
  while (n && (d.parens.has(n.type) || d.transparent.has(n.type))) n = n.firstNamedChild;
  if (!n) return undefined;
  const literal =
    d.objects.has(n.type) ||
    ((n.type === 'object_creation_expression' || n.type === 'implicit_object_creation_expression') &&
      !!(n.childForFieldName('initializer') ?? n.namedChildren.find((c) => c?.type === 'initializer_expression')));
  if (!literal) return undefined;
  return m.propsOf(n).map((p) => {
    const arg = argOfProp(p);
    const inner = p.value === p.key ? undefined : propArgs(m, p.value);
    if (inner) arg.props = inner;
    return arg;
  });
}

/**
 * JS options given as a variable (`const options = { ... }; new AzureOpenAI(options)`): the members of the
 * object literal it is bound to. Not followed when the object may change between the declaration and the
 * call (`options.x = …`, `options[k] = …`, `Object.assign(options, …)`), nor for a destructured binding.
 */
function variableProps(m: FileModel, node: SyntaxNode): Arg[] | undefined {
  if (m.family !== 'js' || node.type !== 'identifier') return undefined;
  const name = m.text(node);
  const b = m.lookup(name, node.startIndex);
  if (!b?.value || b.property || (b.kind !== 'variable' && b.kind !== 'assignment')) return undefined;
  if (b.value.startIndex >= node.startIndex) return undefined;
  const between = m.doc.code.slice(b.statementEnd, node.startIndex);
  const id = name.replace(/\$/g, '\\$');
  if (new RegExp(`(?:^|[^\\w$.])${id}\\s*(?:\\.\\s*[\\w$]+|\\[[^\\]]*\\])\\s*(?:[-+*/|&?]{0,3})=(?!=)`).test(between))
    return undefined;
  if (new RegExp(`Object\\.assign\\s*\\(\\s*${id}\\b`).test(between)) return undefined;
  return propArgs(m, b.value);
}

/** The arguments of a call / construction node (keywords, members, spreads and initializers included). */
export function argsOf(m: FileModel, call: SyntaxNode): Arg[] {
  const out: Arg[] = [];
  for (const a of m.argNodes(call)) {
    const arg: Arg = {
      name: a.name,
      start: a.value.startIndex,
      end: a.value.endIndex,
      fullStart: a.node.startIndex,
      fullEnd: a.node.endIndex,
      node: a.value,
    };
    if (a.node.type === 'dictionary_splat' || a.node.type === 'list_splat' || a.node.type === 'spread_element') {
      // `**kwargs` / `...opts`: kept as an unnamed argument starting at the operator
      arg.start = a.node.startIndex;
      out.push(arg);
      if (a.node.type === 'dictionary_splat') {
        for (const p of m.propsOf(a.node.firstNamedChild)) if (p.name) out.push(argOfProp(p));
      }
      continue;
    }
    const props = propArgs(m, a.value) ?? variableProps(m, a.value);
    if (props) arg.props = props;
    out.push(arg);
  }
  // C# `new X(...) { Prop = ... }` / `new X { ... }` initializer members
  const init = call.childForFieldName('initializer');
  if (init) out.push(...(propArgs(m, call) ?? []));
  return out;
}

function chainOf(m: FileModel, node: SyntaxNode): { chain: ChainCall[]; end: number } {
  const chain: ChainCall[] = [];
  let cur = node;
  let end = node.endIndex;
  for (let guard = 0; guard < 100; guard++) {
    const p = cur.parent;
    // C#: invocation_expression(function: member_access_expression(expression: cur, name))
    let call: SyntaxNode | null = null;
    let nameNode: SyntaxNode | null = null;
    if (p && p.type === 'method_invocation' && p.childForFieldName('object')?.startIndex === cur.startIndex) {
      call = p;
      nameNode = p.childForFieldName('name');
    } else if (
      p &&
      (p.type === 'member_access_expression' || p.type === 'member_expression' || p.type === 'attribute')
    ) {
      const q = p.parent;
      if (q && m.dialect.calls.has(q.type) && q.childForFieldName('function')?.startIndex === p.startIndex) {
        call = q;
        nameNode = p.childForFieldName('name') ?? p.childForFieldName('property') ?? p.childForFieldName('attribute');
      }
    }
    if (!call || !nameNode) break;
    const list = call.childForFieldName('arguments');
    if (!list) break;
    chain.push({
      name: m.text(nameNode),
      nameStart: nameNode.startIndex,
      open: list.startIndex,
      close: list.endIndex - 1,
      args: argsOf(m, call),
    });
    end = call.endIndex;
    cur = call;
  }
  return { chain, end };
}

/** The call node whose callee ends at the name node, if the name is a callee. */
function callOfName(m: FileModel, name: SyntaxNode): { call: SyntaxNode; callee: SyntaxNode } | undefined {
  const d = m.dialect;
  let callee: SyntaxNode = name;
  let p = name.parent;
  // qualifiers: a.b.Name / a.Name / Name<T>
  for (let guard = 0; p && guard < 8; guard++) {
    const isLast =
      (d.members.has(p.type) ||
        p.type === 'qualified_name' ||
        p.type === 'scoped_type_identifier' ||
        p.type === 'generic_name' ||
        p.type === 'generic_type' ||
        p.type === 'scoped_identifier') &&
      lastName(m, p).startIndex === name.startIndex;
    if (!isLast) break;
    callee = p;
    p = p.parent;
  }
  if (!p) return undefined;
  if (d.calls.has(p.type)) {
    const fn = m.family === 'java' ? p.childForFieldName('name') : p.childForFieldName('function');
    if (fn && fn.startIndex === callee.startIndex && fn.endIndex === callee.endIndex) return { call: p, callee };
    if (m.family === 'java' && fn && fn.startIndex === name.startIndex) return { call: p, callee: name };
    return undefined;
  }
  if (d.constructions.has(p.type)) {
    const ctor = p.childForFieldName('constructor') ?? p.childForFieldName('type');
    if (ctor && ctor.startIndex === callee.startIndex) return { call: p, callee };
  }
  return undefined;
}

/** Occurrences of one callee name looked at per file: real files have a handful; this bounds pathological ones. */
const MAX_CALLS_PER_NAME = 200;

export function callsOf(m: FileModel, names: readonly string[]): Call[] {
  const code = m.doc.code;
  const out: Call[] = [];
  const seen = new Set<number>();
  const root = m.doc.tree!.rootNode;
  for (const callee of new Set(names)) {
    if (!callee) continue;
    let budget = MAX_CALLS_PER_NAME;
    for (let i = code.indexOf(callee); i >= 0 && budget > 0; i = code.indexOf(callee, i + callee.length)) {
      if (i > 0 && /[\w$]/.test(code[i - 1])) continue;
      budget--;
      if (/[\w$]/.test(code[i + callee.length] ?? '')) continue;
      const nameNode = root.descendantForIndex(i, i + callee.length);
      if (!nameNode || nameNode.startIndex !== i || nameNode.endIndex !== i + callee.length) continue;
      const found = callOfName(m, nameNode);
      if (!found || seen.has(found.call.startIndex * 7 + found.call.endIndex)) continue;
      seen.add(found.call.startIndex * 7 + found.call.endIndex);
      const { call, callee: calleeNode } = found;
      const isNew = m.dialect.constructions.has(call.type);
      const list = call.childForFieldName('arguments') ?? call.childForFieldName('initializer');
      if (!list) continue;
      const { chain, end } = chainOf(m, call);
      const receiver = m.family === 'java' ? call.childForFieldName('object') : null;
      out.push({
        callee,
        calleeStart: i,
        calleeEnd: i + callee.length,
        exprStart: receiver ? receiver.startIndex : isNew ? call.startIndex : calleeNode.startIndex,
        isNew,
        open: list.startIndex,
        close: list.endIndex - 1,
        args: argsOf(m, call),
        chain,
        end,
        node: call,
        calleeNode,
      });
    }
  }
  return out.sort((a, b) => a.calleeStart - b.calleeStart);
}

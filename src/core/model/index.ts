// The semantic model of one parsed file (Python, JavaScript/TypeScript, C#, Java), built lazily on the
// tree-sitter tree: nothing is computed until a rule asks, and each answer is cached.
//
// API (for rules and scanners; every offset is a UTF-16 offset into the document text):
//   FileModel.of(doc)                  the model of a Doc (undefined for languages without a tree/dialect)
//   model.nodeAt(start, end)           the smallest named node covering [start, end)
//   model.scopeChain(offset)           scopes (module, class, function, block) containing offset, innermost first
//   model.bindingsOf(name)             every binding of a name in the file, in source order: declarations,
//                                      assignments, reassignments (`x = …`, `x += …`), parameters, imports,
//                                      functions, classes, destructured names (`const { token } = …`)
//   model.lookup(name, at)             the binding a use of `name` at `at` sees: the innermost visible scope
//                                      that binds the name, its last binding before the use (else its first)
//   model.qualifiedName(node)          `module.Name` for an identifier/member bound by an import, `local:Name`
//                                      for a class/function defined in this file, else the written path
//   model.importOf(name, at)           the import binding a name resolves to ({ module, name })
//   model.valueOf(node) / valueAt(s,e) the string value of an expression: literals, constants through
//                                      scopes, concatenation, f-strings, template literals, `.format`,
//                                      C# interpolation, String.format / string.Format, `%` formatting,
//                                      wrappers (new Uri/URL, URI.create, str), fallbacks and conditionals
//                                      as `oneOf` (os.getenv("X", "lit"), a or "lit", ?? / ||, getOrDefault),
//                                      env/config reads through the workspace EnvSource, object/dict members
//                                      and spreads, one level of call-through into same-file helpers, and
//                                      constants imported from another workspace file (AnalysisContext.readModule)
//   model.propsOf(node)                members of an object/dict literal or C# initializer (spreads and
//                                      `**kwargs` dicts flattened), following a variable to its literal
//   model.expandedText(node)           the expression's text with a variable (and a helper's return) expanded
//   model.calls(names)                 calls/constructions whose callee's last name is one of `names`
//                                      (Call/Arg shapes in ./calls)
//   model.lookupEnv(name)              the workspace env/config value of a variable
import type { EnvValue } from '../types';
import type { Doc } from '../scan/document';
import type { SyntaxNode, Tree } from '../parse/runtime';
import { dialectOf, type Dialect } from './dialect';
import { callsOf, type Call } from './calls';
import { parseSyntax } from '../parse/syntax';
import { Doc as DocClass } from '../scan/document';
import { lookupEnvIn } from '../env/lookup';

export type { Call, Arg, ChainCall } from './calls';
export { named, positional } from './calls';

/** A string value and where it came from. */
export interface Value {
  /** The value (unresolved holes of templates kept as written, e.g. `{resource}`). */
  value: string;
  /** The literal's body in this document when the value is exactly one literal (for edits). */
  literal?: { start: number; end: number };
  /** The value came from this environment/config variable. */
  envName?: string;
  /** Where the variable is set (env/config file), when the EnvSource knows it. */
  envValue?: EnvValue;
  /** True when parts could not be resolved (placeholders inserted). */
  partial?: boolean;
  /** Every value the expression may take (fallbacks, conditionals); `value` is the first that applies. */
  oneOf?: Value[];
}

export type BindingKind =
  'variable' | 'assignment' | 'augmented' | 'parameter' | 'function' | 'class' | 'import' | 'unknown';

export interface Scope {
  kind: 'module' | 'class' | 'function' | 'block';
  node: SyntaxNode;
  start: number;
  end: number;
}

export interface Binding {
  name: string;
  kind: BindingKind;
  /** The name node. */
  node: SyntaxNode;
  at: number;
  scope: Scope;
  /** The assigned expression (declarations, assignments, parameter defaults, `x += v`: v). */
  value?: SyntaxNode;
  /** Where the binding's statement ends (a use inside its own value sees the previous binding). */
  statementEnd: number;
  /** `const { token } = v`: the property read from v. */
  property?: string;
  /** The function/class node of a definition. */
  declaration?: SyntaxNode;
  import?: { module: string; name: string };
}

const MAX_DEPTH = 12;
const MAX_SCOPE_WALK = 120;
const models = new WeakMap<Doc, FileModel | null>();

export class FileModel {
  private readonly bindingCache = new Map<string, Binding[]>();
  private readonly valueCache = new Map<string, Value | undefined>();
  private readonly active = new Set<string>();
  private readonly root: SyntaxNode;
  private callThrough = 0;

  private constructor(
    readonly doc: Doc,
    readonly dialect: Dialect,
  ) {
    this.root = doc.tree!.rootNode;
  }

  static of(doc: Doc): FileModel | undefined {
    let m = models.get(doc);
    if (m === undefined) {
      const dialect = dialectOf(doc.family);
      m = doc.tree && dialect ? new FileModel(doc, dialect) : null;
      models.set(doc, m);
    }
    return m ?? undefined;
  }

  get family() {
    return this.doc.family;
  }

  text(node: SyntaxNode | null | undefined): string {
    return node ? this.doc.text.slice(node.startIndex, node.endIndex) : '';
  }

  /** The smallest named node covering [start, end). */
  nodeAt(start: number, end: number): SyntaxNode | undefined {
    let n: SyntaxNode | null = this.root.namedDescendantForIndex(start, Math.max(start, end - 1));
    // widen to the node spanning exactly [start, end) when a parent does
    while (n && n.parent && n.parent.startIndex === start && n.parent.endIndex === end && n.endIndex !== end)
      n = n.parent;
    while (n && (n.startIndex > start || n.endIndex < end) && n.parent) n = n.parent;
    return n ?? undefined;
  }

  // ---------------------------------------------------------------- scopes and bindings

  private scopeOfNode(node: SyntaxNode): Scope {
    const d = this.dialect;
    const kind = d.classScopes.has(node.type)
      ? 'class'
      : d.functionScopes.has(node.type)
        ? 'function'
        : d.blockScopes.has(node.type)
          ? 'block'
          : 'module';
    return { kind, node, start: node.startIndex, end: node.endIndex };
  }

  /** Scopes containing offset, innermost first (the module last). */
  scopeChain(offset: number): Scope[] {
    const out: Scope[] = [];
    const d = this.dialect;
    let n: SyntaxNode | null = this.root.descendantForIndex(offset, offset);
    // `parent` costs O(depth): past MAX_SCOPE_WALK levels (pathological nesting) only the module counts.
    for (let guard = 0; n && n.parent && guard < MAX_SCOPE_WALK; guard++) {
      if (d.functionScopes.has(n.type) || d.classScopes.has(n.type) || d.blockScopes.has(n.type))
        out.push(this.scopeOfNode(n));
      n = n.parent;
    }
    out.push(this.scopeOfNode(this.root));
    return out;
  }

  /** The scope a declaration at `from` belongs to (blockScoped: the nearest block counts). */
  private enclosingScope(from: SyntaxNode | null, blockScoped: boolean): Scope {
    const d = this.dialect;
    let n = from;
    while (n && n.parent) {
      if (d.functionScopes.has(n.type) || d.classScopes.has(n.type) || (blockScoped && d.blockScopes.has(n.type)))
        return this.scopeOfNode(n);
      n = n.parent;
    }
    return this.scopeOfNode(this.root);
  }

  /** Every binding of `name`, in source order. */
  bindingsOf(name: string): Binding[] {
    let cached = this.bindingCache.get(name);
    if (cached) return cached;
    cached = [];
    this.bindingCache.set(name, cached);
    const code = this.doc.code;
    if (!/^[A-Za-z_$][\w$]*$/.test(name)) return cached;
    for (let i = code.indexOf(name); i >= 0; i = code.indexOf(name, i + name.length)) {
      if (i > 0 && /[\w$]/.test(code[i - 1])) continue;
      if (/[\w$]/.test(code[i + name.length] ?? '')) continue;
      const node = this.root.descendantForIndex(i, i + name.length);
      if (!node || node.startIndex !== i || node.endIndex !== i + name.length) continue;
      const b = this.classify(node, name);
      if (b) cached.push(b);
      if (cached.length > 2000) break;
    }
    return cached;
  }

  private binding(
    name: string,
    kind: BindingKind,
    node: SyntaxNode,
    scope: Scope,
    extra: Partial<Binding> & { statement?: SyntaxNode | null },
  ): Binding {
    const { statement, ...rest } = extra;
    return {
      name,
      kind,
      node,
      at: node.startIndex,
      scope,
      statementEnd: (statement ?? node).endIndex,
      ...rest,
    };
  }

  /** Whether the name node is a binding occurrence, and which. */
  private classify(node: SyntaxNode, name: string): Binding | undefined {
    const p = node.parent;
    if (!p) return undefined;
    const field = (n: SyntaxNode | null, f: string) => n?.childForFieldName(f);
    const same = (a: SyntaxNode | null | undefined) =>
      !!a && a.startIndex === node.startIndex && a.endIndex === node.endIndex;
    switch (this.family) {
      case 'python': {
        if (p.type === 'assignment' && same(field(p, 'left')))
          return this.binding(name, 'assignment', node, this.pyScope(p, name), {
            value: field(p, 'right') ?? undefined,
            statement: p,
          });
        if (p.type === 'augmented_assignment' && same(field(p, 'left')))
          return this.binding(name, 'augmented', node, this.pyScope(p, name), {
            value: field(p, 'right') ?? undefined,
            statement: p,
          });
        if ((p.type === 'pattern_list' || p.type === 'tuple_pattern') && p.parent?.type === 'assignment')
          return this.binding(name, 'unknown', node, this.pyScope(p, name), { statement: p.parent });
        if (p.type === 'function_definition' && same(field(p, 'name')))
          return this.binding(name, 'function', node, this.enclosingScope(p.parent, false), {
            declaration: p,
            statement: p,
          });
        if (p.type === 'class_definition' && same(field(p, 'name')))
          return this.binding(name, 'class', node, this.enclosingScope(p.parent, false), {
            declaration: p,
            statement: p,
          });
        if (
          p.type === 'parameters' ||
          p.type === 'lambda_parameters' ||
          p.type === 'list_splat_pattern' ||
          p.type === 'dictionary_splat_pattern'
        )
          return this.binding(name, 'parameter', node, this.enclosingScope(p, false), {});
        if ((p.type === 'default_parameter' || p.type === 'typed_default_parameter') && same(field(p, 'name')))
          return this.binding(name, 'parameter', node, this.enclosingScope(p, false), {
            value: field(p, 'value') ?? undefined,
          });
        if (p.type === 'typed_parameter')
          return this.binding(name, 'parameter', node, this.enclosingScope(p, false), {});
        if (p.type === 'aliased_import' && same(field(p, 'alias'))) {
          const stmt = p.parent;
          const imported = this.text(field(p, 'name'));
          const module = stmt?.type === 'import_from_statement' ? this.text(field(stmt, 'module_name')) : imported;
          return this.binding(name, 'import', node, this.enclosingScope(stmt, false), {
            import: { module, name: stmt?.type === 'import_from_statement' ? imported : '*' },
            statement: stmt,
          });
        }
        if (p.type === 'dotted_name') {
          const stmt = p.parent;
          if (!stmt || p.firstNamedChild?.startIndex !== node.startIndex) return undefined;
          if (stmt.type === 'import_from_statement' && !same(field(stmt, 'module_name')?.firstNamedChild ?? null)) {
            if (p.namedChildCount !== 1) return undefined;
            return this.binding(name, 'import', node, this.enclosingScope(stmt, false), {
              import: { module: this.text(field(stmt, 'module_name')), name },
              statement: stmt,
            });
          }
          if (stmt.type === 'import_statement')
            return this.binding(name, 'import', node, this.enclosingScope(stmt, false), {
              import: { module: this.text(p), name: '*' },
              statement: stmt,
            });
        }
        if ((p.type === 'for_statement' && same(field(p, 'left'))) || p.type === 'as_pattern_target')
          return this.binding(name, 'unknown', node, this.pyScope(p, name), { statement: p });
        return undefined;
      }
      case 'js': {
        if (p.type === 'variable_declarator' && same(field(p, 'name')))
          return this.binding(name, 'variable', node, this.jsDeclScope(p), {
            value: field(p, 'value') ?? undefined,
            statement: p,
          });
        if (p.type === 'object_pattern' || p.type === 'pair_pattern') {
          let prop = name;
          let pattern: SyntaxNode | null = p;
          if (p.type === 'pair_pattern') {
            if (!same(field(p, 'value'))) return undefined;
            prop = this.text(field(p, 'key'));
            pattern = p.parent;
          }
          const decl = pattern?.parent;
          if (decl?.type === 'variable_declarator')
            return this.binding(name, 'variable', node, this.jsDeclScope(decl), {
              value: field(decl, 'value') ?? undefined,
              property: prop,
              statement: decl,
            });
          return this.binding(name, 'parameter', node, this.enclosingScope(p, false), {});
        }
        if (p.type === 'assignment_expression' && same(field(p, 'left')))
          return this.binding(name, 'assignment', node, this.jsAssignScope(p, name), {
            value: field(p, 'right') ?? undefined,
            statement: p,
          });
        if (p.type === 'augmented_assignment_expression' && same(field(p, 'left')))
          return this.binding(name, 'augmented', node, this.jsAssignScope(p, name), {
            value: field(p, 'right') ?? undefined,
            statement: p,
          });
        if (
          (p.type === 'function_declaration' || p.type === 'generator_function_declaration') &&
          same(field(p, 'name'))
        )
          return this.binding(name, 'function', node, this.enclosingScope(p.parent, true), {
            declaration: p,
            statement: p,
          });
        if ((p.type === 'class_declaration' || p.type === 'class') && same(field(p, 'name')))
          return this.binding(name, 'class', node, this.enclosingScope(p.parent, true), {
            declaration: p,
            statement: p,
          });
        if (
          p.type === 'formal_parameters' ||
          ((p.type === 'required_parameter' || p.type === 'optional_parameter') && same(field(p, 'pattern')))
        )
          return this.binding(name, 'parameter', node, this.enclosingScope(p, false), {
            value: field(p, 'value') ?? undefined,
          });
        if (p.type === 'assignment_pattern' && same(field(p, 'left')))
          return this.binding(name, 'parameter', node, this.enclosingScope(p, false), {
            value: field(p, 'right') ?? undefined,
          });
        if (p.type === 'import_specifier') {
          const alias = field(p, 'alias');
          if (alias ? !same(alias) : !same(field(p, 'name'))) return undefined;
          const stmt = ancestor(p, 'import_statement');
          return this.binding(name, 'import', node, this.scopeOfNode(this.root), {
            import: { module: stringBody(this.text(field(stmt, 'source'))), name: this.text(field(p, 'name')) },
            statement: stmt,
          });
        }
        if (p.type === 'import_clause' || p.type === 'namespace_import') {
          const stmt = ancestor(p, 'import_statement');
          return this.binding(name, 'import', node, this.scopeOfNode(this.root), {
            import: {
              module: stringBody(this.text(field(stmt, 'source'))),
              name: p.type === 'namespace_import' ? '*' : 'default',
            },
            statement: stmt,
          });
        }
        if (p.type === 'arrow_function' && same(field(p, 'parameter')))
          return this.binding(name, 'parameter', node, this.scopeOfNode(p), {});
        return undefined;
      }
      case 'csharp':
      case 'java': {
        if (p.type === 'variable_declarator' && same(field(p, 'name'))) {
          const value = field(p, 'value') ?? lastNamedChildAfter(p, node);
          const blockScoped = !ancestorWithin(p, ['field_declaration'], 3);
          return this.binding(name, 'variable', node, this.enclosingScope(p, blockScoped), {
            value: value ?? undefined,
            statement: p,
          });
        }
        if (p.type === 'property_declaration' && same(field(p, 'name'))) {
          const value =
            field(p, 'value') ?? p.namedChildren.find((c) => c?.type === 'arrow_expression_clause')?.firstNamedChild;
          return this.binding(name, 'variable', node, this.enclosingScope(p.parent, false), {
            value: value ?? undefined,
            statement: p,
          });
        }
        if (p.type === 'assignment_expression' && same(field(p, 'left'))) {
          const op = this.text(field(p, 'operator'));
          const target = this.lookup(name, node.startIndex);
          return this.binding(
            name,
            op === '+=' ? 'augmented' : 'assignment',
            node,
            target?.scope ?? this.enclosingScope(p, true),
            {
              value: field(p, 'right') ?? undefined,
              statement: p,
            },
          );
        }
        if ((p.type === 'parameter' || p.type === 'formal_parameter') && same(field(p, 'name')))
          return this.binding(name, 'parameter', node, this.enclosingScope(p, false), {});
        if (
          (p.type === 'class_declaration' ||
            p.type === 'record_declaration' ||
            p.type === 'struct_declaration' ||
            p.type === 'interface_declaration' ||
            p.type === 'enum_declaration') &&
          same(field(p, 'name'))
        )
          return this.binding(name, 'class', node, this.enclosingScope(p.parent, false), {
            declaration: p,
            statement: p,
          });
        if ((p.type === 'method_declaration' || p.type === 'local_function_statement') && same(field(p, 'name')))
          return this.binding(name, 'function', node, this.enclosingScope(p.parent, false), {
            declaration: p,
            statement: p,
          });
        if (p.type === 'scoped_identifier' && p.parent?.type === 'import_declaration' && same(field(p, 'name')))
          return this.binding(name, 'import', node, this.scopeOfNode(this.root), {
            import: { module: this.text(field(p, 'scope')), name },
            statement: p.parent,
          });
        if (p.type === 'using_directive' && same(field(p, 'name'))) {
          const target = p.namedChildren.find((c) => c && !same(c));
          return this.binding(name, 'import', node, this.scopeOfNode(this.root), {
            import: { module: this.text(target), name: '*' },
            statement: p,
          });
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /** Python: assignments bind in the enclosing function/class/module, unless the function says `global`. */
  private pyScope(stmt: SyntaxNode, name: string): Scope {
    const scope = this.enclosingScope(stmt, false);
    if (
      scope.kind === 'function' &&
      new RegExp(`\\b(?:global|nonlocal)\\s+(?:[\\w\\s,]*,\\s*)?${name}\\b`).test(this.text(scope.node))
    )
      return this.scopeOfNode(this.root);
    return scope;
  }

  private jsDeclScope(declarator: SyntaxNode): Scope {
    const decl = declarator.parent;
    const isVar = decl?.type === 'variable_declaration';
    return this.enclosingScope(decl, !isVar);
  }

  /** A JS reassignment belongs to the scope of the binding it reassigns. */
  private jsAssignScope(assign: SyntaxNode, name: string): Scope {
    const target = this.lookup(name, assign.startIndex);
    return target?.scope ?? this.scopeOfNode(this.root);
  }

  /** The binding a use of `name` at `at` sees. */
  lookup(name: string, at: number): Binding | undefined {
    const all = this.bindingsOf(name);
    if (all.length === 0) return undefined;
    const chain = this.scopeChain(at);
    const crossesFunction = (i: number) => chain.slice(0, i).some((s) => s.kind === 'function');
    for (let i = 0; i < chain.length; i++) {
      const s = chain[i];
      if (s.kind === 'class' && (this.family === 'python' || this.family === 'js') && crossesFunction(i)) continue;
      const inScope = all.filter(
        (b) =>
          (b.scope.start === s.start && b.scope.end === s.end && b.kind !== 'unknown') ||
          (b.kind === 'unknown' && b.scope.start === s.start && b.scope.end === s.end),
      );
      if (inScope.length === 0) continue;
      let best: Binding | undefined;
      for (const b of inScope)
        if (b.at <= at && !(b.at < at && at < b.statementEnd && b.kind !== 'function' && b.kind !== 'class')) best = b;
      // a use inside its own assignment (`x = x + 1`) sees the binding before it
      if (best && best.at === at) best = inScope.filter((b) => b.at < at && b.statementEnd <= at).pop() ?? best;
      return best ?? inScope.find((b) => b.at > at) ?? inScope[0];
    }
    return undefined;
  }

  /** The import binding a name resolves to. */
  importOf(name: string, at: number): Binding['import'] | undefined {
    const b = this.lookup(name, at);
    return b?.kind === 'import' ? b.import : undefined;
  }

  /** `module.Name` when the identifier (or the head of a member path) is imported, `local:Name` when defined here. */
  qualifiedName(node: SyntaxNode): string | undefined {
    const path = this.text(node).replace(/\s+/g, '');
    if (!/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/.test(path)) return undefined;
    const [head, ...rest] = path.split('.');
    const b = this.lookup(head, node.startIndex);
    if (!b) return path;
    if (b.kind === 'class' || b.kind === 'function') return rest.length ? `local:${path}` : `local:${head}`;
    if (b.kind === 'import' && b.import) {
      const base =
        b.import.name === '*' || b.import.name === 'default' ? b.import.module : `${b.import.module}.${b.import.name}`;
      return [base, ...rest].join('.');
    }
    return `local:${path}`;
  }

  // ---------------------------------------------------------------- values

  lookupEnv(name: string): EnvValue | undefined {
    return lookupEnvIn(this.doc.context.env, name);
  }

  valueAt(start: number, end: number): Value | undefined {
    const node = this.nodeAt(start, end);
    return node ? this.valueOf(node) : undefined;
  }

  valueOf(node: SyntaxNode | null | undefined, depth = 0): Value | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    const key = `${node.startIndex}:${node.endIndex}:${node.type}`;
    if (this.valueCache.has(key)) return this.valueCache.get(key);
    if (this.active.has(key)) return undefined; // cycle
    this.active.add(key);
    let v: Value | undefined;
    try {
      v = this.evaluate(node, depth);
    } catch {
      v = undefined;
    }
    this.active.delete(key);
    if (this.callThrough === 0) this.valueCache.set(key, v);
    return v;
  }

  private evaluate(node: SyntaxNode, depth: number): Value | undefined {
    const d = this.dialect;
    const t = node.type;
    const next = depth + 1;
    if (d.strings.has(t) || t === 'character_literal') return this.stringValue(node, next);
    if (
      d.parens.has(t) ||
      d.transparent.has(t) ||
      t === 'expression_statement' ||
      t === 'argument' ||
      t === 'equals_value_clause'
    )
      return this.valueOf(firstValueChild(node), next);
    if (d.identifiers.has(t)) return this.identifierValue(node, next);
    if (d.binaries.has(t)) return this.binaryValue(node, next);
    if (d.conditionals.has(t)) {
      const [a, b] =
        this.family === 'python'
          ? [node.namedChild(0), node.namedChild(2)]
          : [
              node.childForFieldName('consequence') ?? node.namedChild(1),
              node.childForFieldName('alternative') ?? node.namedChild(2),
            ];
      return this.oneOf([this.valueOf(a, next), this.valueOf(b, next)]);
    }
    if (d.members.has(t)) return this.memberValue(node, next);
    if (d.subscripts.has(t)) return this.subscriptValue(node, next);
    if (d.calls.has(t) || d.constructions.has(t)) return this.callValue(node, next);
    return undefined;
  }

  private oneOf(values: Array<Value | undefined>): Value | undefined {
    const known = values.filter((v): v is Value => !!v);
    if (known.length === 0) return undefined;
    const first = known.find((v) => v.value && !(v.envName && !v.envValue)) ?? known[0];
    return { ...first, oneOf: known.flatMap((v) => v.oneOf ?? [v]) };
  }

  private stringValue(node: SyntaxNode, depth: number): Value | undefined {
    const text = this.doc.text;
    if (node.type === 'concatenated_string') {
      return this.concat(
        node.namedChildren.filter((c): c is SyntaxNode => !!c),
        depth,
      );
    }
    const tok = this.doc.stringAt(node.startIndex);
    if (!tok || tok.end !== node.endIndex) {
      // JSX / odd shapes: the raw text without quotes
      return undefined;
    }
    const raw = text.slice(tok.valueStart, tok.valueEnd);
    if (!tok.interpolated) return { value: raw, literal: { start: tok.valueStart, end: tok.valueEnd } };
    // Interpolated: substitute holes whose value is known, keep the others as written.
    let value = '';
    let at = tok.valueStart;
    let substituted = false;
    let partial = false;
    let env: Value | undefined;
    for (const hole of this.holes(node)) {
      value += text.slice(at, hole.start);
      const v = this.valueOf(hole.expr, depth);
      if (v && !v.partial && (v.value || v.envName)) {
        value += v.value;
        substituted = true;
        if (v.envValue && !env) env = v;
      } else {
        value += text.slice(hole.start, hole.end);
        partial = partial || !!v?.partial || !v;
      }
      at = hole.end;
    }
    value += text.slice(at, tok.valueEnd);
    if (!substituted) return { value: raw, literal: { start: tok.valueStart, end: tok.valueEnd } };
    return { value, partial: partial || undefined, envName: env?.envName, envValue: env?.envValue };
  }

  /** Interpolation holes of an f-string / template / $"..." with the expression inside. */
  private holes(node: SyntaxNode): Array<{ start: number; end: number; expr: SyntaxNode | null }> {
    const out: Array<{ start: number; end: number; expr: SyntaxNode | null }> = [];
    for (const c of node.namedChildren) {
      if (!c) continue;
      if (c.type === 'interpolation' || c.type === 'template_substitution') {
        const expr =
          c.childForFieldName('expression') ??
          c.namedChildren.find(
            (x) =>
              x && x.type !== 'interpolation_brace' && x.type !== 'format_specifier' && x.type !== 'type_conversion',
          ) ??
          null;
        out.push({ start: c.startIndex, end: c.endIndex, expr });
      }
    }
    return out;
  }

  private concat(parts: SyntaxNode[], depth: number): Value | undefined {
    let value = '';
    let partial = false;
    let env: Value | undefined;
    let any = false;
    for (const p of parts) {
      const r = this.valueOf(p, depth);
      if (r && !r.partial) {
        value += r.value;
        any = true;
        if (r.envValue && !env) env = r;
      } else {
        partial = true;
        value +=
          r?.value && r.partial
            ? r.value
            : `{${
                this.text(p)
                  .trim()
                  .replace(/[^\w]+/g, '_')
                  .slice(0, 40) || 'x'
              }}`;
      }
    }
    if (!any && partial && parts.length === 1) return undefined;
    return { value, partial: partial || undefined, envName: env?.envName, envValue: env?.envValue };
  }

  private binaryValue(node: SyntaxNode, depth: number): Value | undefined {
    const left = node.childForFieldName('left') ?? node.namedChild(0);
    const right = node.childForFieldName('right') ?? node.namedChild(1);
    const op = this.text(node.childForFieldName('operator')) || this.operatorOf(node);
    if (op === '+') return this.concat(this.flattenPlus(node), depth);
    if (op === 'or' || op === '||' || op === '??') {
      const first = this.valueOf(left, depth);
      const second = this.valueOf(right, depth);
      const all = [first, second].filter((v): v is Value => !!v);
      if (first && first.value && !(first.envName && !first.envValue))
        return { ...first, oneOf: all.flatMap((v) => v.oneOf ?? [v]) };
      if (second)
        return { ...second, envName: first?.envName ?? second.envName, oneOf: all.flatMap((v) => v.oneOf ?? [v]) };
      return first;
    }
    if (op === '%' && this.family === 'python') {
      const fmt = this.valueOf(left, depth);
      if (!fmt) return undefined;
      const args = right?.type === 'tuple' ? right.namedChildren : [right];
      return this.format(
        fmt,
        args.map((a) => this.valueOf(a, depth)),
        /%[sdr]/g,
      );
    }
    return undefined;
  }

  private operatorOf(node: SyntaxNode): string {
    for (const c of node.children) if (c && !c.isNamed) return c.type;
    return '';
  }

  private flattenPlus(node: SyntaxNode): SyntaxNode[] {
    const out: SyntaxNode[] = [];
    const visit = (n: SyntaxNode | null, guard: number) => {
      if (!n) return;
      if (
        guard < 200 &&
        this.dialect.binaries.has(n.type) &&
        (this.text(n.childForFieldName('operator')) || this.operatorOf(n)) === '+'
      ) {
        visit(n.childForFieldName('left') ?? n.namedChild(0), guard + 1);
        visit(n.childForFieldName('right') ?? n.namedChild(1), guard + 1);
      } else out.push(n);
    };
    visit(node, 0);
    return out;
  }

  /** Substitutes `{}` / `{0}` / `{name}` (or `%s`) placeholders of a format string. */
  private format(
    fmt: Value,
    args: Array<Value | undefined>,
    re = /\{(\w*)(?::[^{}]*)?\}/g,
    named?: Map<string, Value | undefined>,
  ): Value {
    let i = 0;
    let partial = !!fmt.partial;
    let env: Value | undefined = fmt.envValue ? fmt : undefined;
    const value = fmt.value.replace(re, (whole: string, group?: unknown) => {
      const key = typeof group === 'string' ? group : undefined; // without a group, replace passes the offset
      let v: Value | undefined;
      if (key && /^\d+$/.test(key)) v = args[Number(key)];
      else if (key && named) v = named.get(key);
      else v = args[i++];
      if (!v || v.partial) {
        partial = true;
        return whole;
      }
      if (v.envValue && !env) env = v;
      return v.value;
    });
    return { value, partial: partial || undefined, envName: env?.envName, envValue: env?.envValue };
  }

  private identifierValue(node: SyntaxNode, depth: number): Value | undefined {
    const name = this.text(node);
    if (name === 'undefined' || name === 'None' || name === 'null') return undefined;
    const b = this.lookup(name, node.startIndex);
    return b ? this.bindingValue(b, depth) : undefined;
  }

  /** The value a binding gives its name. */
  bindingValue(b: Binding, depth = 0): Value | undefined {
    if (b.kind === 'import') return this.importedValue(b, depth);
    if (b.kind === 'augmented') {
      const prev = this.bindingsOf(b.name)
        .filter((x) => x.scope.start === b.scope.start && x.at < b.at)
        .pop();
      const before = prev ? this.bindingValue(prev, depth + 1) : undefined;
      const add = this.valueOf(b.value, depth + 1);
      if (!before || !add) return before ?? undefined;
      return {
        value: before.value + add.value,
        partial: before.partial || add.partial || undefined,
        envName: before.envName ?? add.envName,
        envValue: before.envValue ?? add.envValue,
      };
    }
    if (!b.value) return undefined;
    if (b.property) {
      const prop = this.propsOf(b.value, depth + 1).find((p) => p.name === b.property);
      return prop ? this.valueOf(prop.value, depth + 1) : undefined;
    }
    return this.valueOf(b.value, depth + 1);
  }

  private memberValue(node: SyntaxNode, depth: number): Value | undefined {
    const path = this.text(node).replace(/\s+/g, '');
    // process.env.X, import.meta.env.X
    const env = /^(?:process\.env|import\.meta\.env)\.([A-Za-z_$][\w$]*)$/.exec(path);
    if (env) return this.envRead(env[1]);
    const object = node.childForFieldName('object') ?? node.childForFieldName('expression') ?? node.namedChild(0);
    const propNode =
      node.childForFieldName('property') ??
      node.childForFieldName('attribute') ??
      node.childForFieldName('name') ??
      node.childForFieldName('field');
    const prop = this.text(propNode);
    if (!object || !prop) return undefined;
    const objText = this.text(object);
    if (objText === 'self' || objText === 'this' || objText === 'cls') return this.selfMemberValue(node, prop, depth);
    // obj.prop of an object/dict literal
    const props = this.propsOf(object, depth);
    const hit = props.find((p) => p.name === prop);
    if (hit) return this.valueOf(hit.value, depth);
    // module.CONST of an imported workspace module, Class.CONST of a class here
    if (this.dialect.identifiers.has(object.type) || object.type === 'type_identifier') {
      const b = this.lookup(objText, object.startIndex);
      if (b?.kind === 'import' && b.import)
        return this.crossFileValue(b.import.module, b.import.name === '*' ? prop : undefined, prop, depth);
      if (b?.kind === 'class' && b.declaration) return this.classMemberValue(b.declaration, prop, depth);
    }
    return undefined;
  }

  /** `self.x` / `this.x`: the assignments to the member in the enclosing class (the last one before the use, else the first). */
  private selfMemberValue(use: SyntaxNode, prop: string, depth: number): Value | undefined {
    const cls = this.scopeChain(use.startIndex).find((s) => s.kind === 'class');
    const code = this.doc.code;
    const from = cls?.start ?? 0;
    const to = cls?.end ?? code.length;
    let best: SyntaxNode | undefined;
    let first: SyntaxNode | undefined;
    const re = new RegExp(`\\b(?:self|this)\\s*\\.\\s*${prop.replace(/[$]/g, '\\$')}\\b`, 'g');
    re.lastIndex = from;
    for (let m = re.exec(code); m && m.index < to; m = re.exec(code)) {
      const member = this.root.descendantForIndex(m.index, m.index + m[0].length);
      let n: SyntaxNode | null = member;
      while (n && !this.dialect.members.has(n.type)) n = n.parent;
      const assign = n?.parent;
      if (!n || !assign || !/assignment/.test(assign.type)) continue;
      const left = assign.childForFieldName('left');
      if (!left || left.startIndex !== n.startIndex) continue;
      const value = assign.childForFieldName('right');
      if (!value) continue;
      first ??= value;
      if (m.index < use.startIndex) best = value;
    }
    if (cls) {
      const v = this.classMemberValue(cls.node, prop, depth);
      if (v && !best && !first) return v;
    }
    return this.valueOf(best ?? first, depth);
  }

  /** A field / property / class attribute `prop` declared in a class body. */
  private classMemberValue(cls: SyntaxNode, prop: string, depth: number): Value | undefined {
    const b = this.bindingsOf(prop).find(
      (x) => x.scope.node.startIndex === cls.startIndex && x.scope.kind === 'class' && x.value,
    );
    return b ? this.bindingValue(b, depth) : undefined;
  }

  private subscriptValue(node: SyntaxNode, depth: number): Value | undefined {
    const object =
      node.childForFieldName('value') ??
      node.childForFieldName('object') ??
      node.childForFieldName('expression') ??
      node.namedChild(0);
    let index = node.childForFieldName('subscript') ?? node.childForFieldName('index');
    if (!index) {
      // C# element access: expression [bracketed_argument_list (argument ...)]
      const list = node.namedChildren.find((c) => c?.type === 'bracketed_argument_list');
      index = list?.firstNamedChild ?? null;
    }
    if (index?.type === 'bracketed_argument_list') index = index.firstNamedChild;
    if (!object || !index) return undefined;
    const key = this.valueOf(index, depth);
    if (!key || key.partial) return undefined;
    const objPath = this.text(object).replace(/\s+/g, '');
    if (/^(?:os\.)?environ$|^process\.env$|^import\.meta\.env$/.test(objPath)) return this.envRead(key.value);
    if (
      /(?:^|\.)(?:[Cc]onfiguration|[Cc]onfig|_config|_configuration|cfg|settings|Settings)$/.test(objPath) &&
      this.family === 'csharp'
    )
      return this.envRead(key.value);
    if (
      /(?:^|\.)dotenv_values\(.*\)$/.test(objPath) ||
      (/^(?:config|env)$/.test(objPath) && this.isDotenvValues(object))
    )
      return this.envRead(key.value);
    const hit = this.propsOf(object, depth).find((p) => p.name === key.value);
    return hit ? this.valueOf(hit.value, depth) : undefined;
  }

  private isDotenvValues(object: SyntaxNode): boolean {
    const b = this.lookup(this.text(object), object.startIndex);
    return !!b?.value && /dotenv_values/.test(this.text(b.value));
  }

  /** An environment/config variable read: its workspace value, else unknown (partial). */
  private envRead(name: string, fallback?: Value): Value {
    const found = this.lookupEnv(name);
    if (found)
      return {
        value: found.value,
        envName: name,
        envValue: found,
        ...(fallback ? { oneOf: [{ value: found.value, envName: name, envValue: found }, fallback] } : {}),
      };
    if (fallback) return { ...fallback, envName: name, oneOf: [{ value: '', envName: name, partial: true }, fallback] };
    return { value: '', envName: name, partial: true };
  }

  private callValue(node: SyntaxNode, depth: number): Value | undefined {
    const d = this.dialect;
    const isNew = d.constructions.has(node.type);
    const fn = isNew
      ? (node.childForFieldName('constructor') ?? node.childForFieldName('type'))
      : this.family === 'java'
        ? node.childForFieldName('name')
        : node.childForFieldName('function');
    const receiver = this.family === 'java' ? node.childForFieldName('object') : undefined;
    const args = this.argNodes(node);
    const calleePath = ((receiver ? this.text(receiver) + '.' : '') + this.text(fn)).replace(/\s+/g, '');
    const last = calleePath.slice(calleePath.lastIndexOf('.') + 1);
    const strArg = (i: number) => {
      const v = this.valueOf(args[i]?.value, depth);
      return v && !v.partial ? v : undefined;
    };
    // environment reads
    if (
      /^(?:os\.)?(?:getenv|environ\.get)$/.test(calleePath) ||
      /^(?:(?:System\.)?Environment\.GetEnvironmentVariable|System\.getenv)$/.test(calleePath)
    ) {
      const name = strArg(0);
      if (!name) return undefined;
      const def = args[1] ? this.valueOf(args[1].value, depth) : undefined;
      return this.envRead(name.value, def);
    }
    if (/^System\.getenv\(\)\.getOrDefault$/.test(calleePath) || /^System\.getProperty$/.test(calleePath)) {
      const name = strArg(0);
      if (!name) return undefined;
      return this.envRead(name.value, args[1] ? this.valueOf(args[1].value, depth) : undefined);
    }
    if (/(?:^|\.)(?:[Cc]onfiguration|[Cc]onfig|_config|_configuration)\.GetValue(?:<string>)?$/.test(calleePath)) {
      const name = strArg(0);
      return name ? this.envRead(name.value, args[1] ? this.valueOf(args[1].value, depth) : undefined) : undefined;
    }
    // wrappers whose value is their first argument
    if (
      /^(?:Uri|URL|URI|URI\.create|str|String|Url|java\.net\.URI|urljoin|URI\.parse)$/.test(calleePath) ||
      (/^(?:new)?(?:Uri|URL|URI)$/.test(last) && isNew)
    ) {
      return this.valueOf(args[0]?.value, depth);
    }
    // "…".format(a, b=c)
    if (last === 'format' && this.family === 'python' && fn) {
      const object = fn.childForFieldName('object');
      const fmt = this.valueOf(object, depth);
      if (!fmt) return undefined;
      const named = new Map<string, Value | undefined>();
      for (const a of args) if (a.name) named.set(a.name, this.valueOf(a.value, depth));
      return this.format(
        fmt,
        args.filter((a) => !a.name).map((a) => this.valueOf(a.value, depth)),
        undefined,
        named,
      );
    }
    if (/^(?:String|string|System\.String)\.(?:format|Format)$/.test(calleePath)) {
      const fmt = this.valueOf(args[0]?.value, depth);
      if (!fmt) return undefined;
      const rest = args.slice(1).map((a) => this.valueOf(a.value, depth));
      return this.format(fmt, rest, this.family === 'java' ? /%[sd]/g : /\{(\d+)(?::[^{}]*)?\}/g);
    }
    if (
      (last === 'rstrip' ||
        last === 'strip' ||
        last === 'trim' ||
        last === 'trimEnd' ||
        last === 'TrimEnd' ||
        last === 'toString' ||
        last === 'ToString') &&
      fn
    ) {
      const object = fn.childForFieldName('object') ?? fn.childForFieldName('expression') ?? receiver;
      const v = this.valueOf(object, depth);
      if (!v) return undefined;
      return last === 'toString' || last === 'ToString'
        ? v
        : { ...v, literal: undefined, value: v.value.replace(/\/+$/, '') };
    }
    // one level of call-through into a function defined in this file
    if (fn && this.dialect.identifiers.has(fn.type) && this.callThrough === 0) {
      const b = this.lookup(this.text(fn), fn.startIndex);
      if (b?.kind === 'function' && b.declaration) {
        const ret = this.returnExpression(b.declaration);
        if (ret) {
          this.callThrough++;
          try {
            return this.valueOf(ret, depth);
          } finally {
            this.callThrough--;
          }
        }
      }
    }
    return undefined;
  }

  /** The expression a same-file helper returns (its first `return`, or an arrow function's body). */
  returnExpression(fn: SyntaxNode): SyntaxNode | undefined {
    const body = fn.childForFieldName('body');
    if (!body) return undefined;
    if (fn.type === 'arrow_function' && body.type !== 'statement_block') return body;
    if (body.type === 'arrow_expression_clause') return body.firstNamedChild ?? undefined;
    const returns = body.descendantsOfType([...this.dialect.returns]);
    for (const r of returns) {
      if (!r) continue;
      // skip returns of nested functions
      let n: SyntaxNode | null = r.parent;
      let nested = false;
      while (n && n.startIndex >= fn.startIndex && !(n.startIndex === fn.startIndex && n.endIndex === fn.endIndex)) {
        if (this.dialect.functionScopes.has(n.type)) nested = true;
        n = n.parent;
      }
      if (!nested && r.firstNamedChild) return r.firstNamedChild;
    }
    return undefined;
  }

  // ---------------------------------------------------------------- objects, arguments

  /** Argument nodes of a call/construction with their names (keyword, C# name:, initializer members). */
  argNodes(call: SyntaxNode): Array<{ name?: string; value: SyntaxNode; node: SyntaxNode }> {
    const list =
      call.childForFieldName('arguments') ??
      call.namedChildren.find((c) => c?.type === 'argument_list' || c?.type === 'arguments');
    const out: Array<{ name?: string; value: SyntaxNode; node: SyntaxNode }> = [];
    if (!list) return out;
    for (const a of list.namedChildren) {
      if (!a || a.type === 'comment') continue;
      if (a.type === 'keyword_argument') {
        const value = a.childForFieldName('value');
        if (value) out.push({ name: this.text(a.childForFieldName('name')), value, node: a });
      } else if (a.type === 'argument') {
        const nameNode = a.childForFieldName('name');
        const value = a.namedChildren.filter((c) => c && !(nameNode && c.startIndex === nameNode.startIndex)).pop();
        if (value) out.push({ name: nameNode ? this.text(nameNode) : undefined, value, node: a });
      } else out.push({ value: a, node: a });
    }
    return out;
  }

  /** Members of an object/dict literal or initializer, following a variable to its literal; spreads flattened. */
  propsOf(
    node: SyntaxNode | null | undefined,
    depth = 0,
  ): Array<{ name?: string; key: SyntaxNode; value: SyntaxNode; node: SyntaxNode }> {
    const out: Array<{ name?: string; key: SyntaxNode; value: SyntaxNode; node: SyntaxNode }> = [];
    if (!node || depth > MAX_DEPTH) return out;
    const d = this.dialect;
    let n: SyntaxNode | null = node;
    while (n && (d.parens.has(n.type) || d.transparent.has(n.type))) n = firstValueChild(n);
    if (!n) return out;
    if (d.identifiers.has(n.type)) {
      const b = this.lookup(this.text(n), n.startIndex);
      if (b && b.value && !b.property && b.kind !== 'augmented') return this.propsOf(b.value, depth + 1);
      return out;
    }
    if (n.type === 'object_creation_expression' || n.type === 'implicit_object_creation_expression') {
      const init =
        n.childForFieldName('initializer') ?? n.namedChildren.find((c) => c?.type === 'initializer_expression');
      return init ? this.propsOf(init, depth + 1) : out;
    }
    if (n.type === 'call' && this.text(n.childForFieldName('function')) === 'dict') {
      for (const a of this.argNodes(n))
        if (a.name) out.push({ name: a.name, key: a.node, value: a.value, node: a.node });
      return out;
    }
    if (!d.objects.has(n.type)) return out;
    for (const c of n.namedChildren) {
      if (!c || c.type === 'comment') continue;
      if (c.type === 'pair') {
        const key = c.childForFieldName('key');
        const value = c.childForFieldName('value');
        if (!key || !value) continue;
        const name = this.keyName(key);
        out.push({ name, key, value, node: c });
      } else if (c.type === 'shorthand_property_identifier') {
        out.push({ name: this.text(c), key: c, value: c, node: c });
      } else if (c.type === 'spread_element' || c.type === 'dictionary_splat') {
        out.push(...this.propsOf(c.firstNamedChild, depth + 1));
      } else if (c.type === 'assignment_expression') {
        const key = c.childForFieldName('left');
        const value = c.childForFieldName('right');
        if (key && value) out.push({ name: this.text(key), key, value, node: c });
      } else if (c.type === 'anonymous_object_member_declarator' || c.type === 'name_equals') {
        continue;
      }
    }
    return out;
  }

  private keyName(key: SyntaxNode): string | undefined {
    if (this.dialect.strings.has(key.type)) {
      const v = this.valueOf(key);
      return v && !v.partial ? v.value : undefined;
    }
    if (key.type === 'computed_property_name') return undefined;
    return this.text(key);
  }

  /** The expression's text, with a variable replaced by its assignment (two levels), and a same-file helper call by its return expression. */
  expandedText(node: SyntaxNode): string {
    const text = this.text(node);
    const path = text.replace(/\s+/g, '');
    if (/^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*$/.test(path) && !path.includes('.')) {
      const b = this.lookup(path, node.startIndex);
      if (b?.value && b.kind !== 'import') {
        let inner = this.text(b.value);
        if (b.property) inner = `${inner}.${b.property}`;
        const innerIdent = /^\s*([A-Za-z_$][\w$]*)\s*$/.exec(inner);
        if (innerIdent && innerIdent[1] !== path) {
          const b2 = this.lookup(innerIdent[1], b.value.startIndex);
          if (b2?.value) return `${path} = ${this.text(b2.value)}`;
        }
        return `${path} = ${inner}${this.helperSuffix(b.value)}`;
      }
    }
    return text + this.helperSuffix(node);
  }

  /** ` = <return expression>` when the node calls a helper defined in this file (one level). */
  private helperSuffix(node: SyntaxNode): string {
    let n: SyntaxNode | null = node;
    while (
      n &&
      (this.dialect.transparent.has(n.type) || this.dialect.parens.has(n.type) || this.dialect.members.has(n.type))
    )
      n = firstValueChild(n);
    if (!n || !this.dialect.calls.has(n.type)) return '';
    const fn = this.family === 'java' ? n.childForFieldName('name') : n.childForFieldName('function');
    if (!fn || !this.dialect.identifiers.has(fn.type)) return '';
    const b = this.lookup(this.text(fn), fn.startIndex);
    if (b?.kind !== 'function' || !b.declaration) return '';
    const ret = this.returnExpression(b.declaration);
    return ret ? ` = ${this.text(ret)}` : '';
  }

  /** Calls/constructions whose callee's last name is one of `names`. */
  calls(names: readonly string[]): Call[] {
    return callsOf(this, names);
  }

  /**
   * The variable an expression is stored in: `x = <expr>`, `const x = <expr>`, `var x = new ...`, `T x = ...`,
   * through await, parentheses and a builder chain on it (`new XBuilder().a().build()`). Plain names only.
   */
  assignedName(node: SyntaxNode): string | undefined {
    const d = this.dialect;
    let n = node;
    for (let guard = 0; guard < 100; guard++) {
      const p = n.parent;
      if (!p) return undefined;
      const same = (x: SyntaxNode | null) => !!x && x.startIndex === n.startIndex && x.endIndex === n.endIndex;
      // `n.method`, Java's `n.method(...)`, and the call of `n.method`: one more link of a chain on n
      const chained =
        ((d.members.has(p.type) || p.type === 'method_invocation') &&
          same(p.childForFieldName('object') ?? p.childForFieldName('expression'))) ||
        (d.calls.has(p.type) && same(p.childForFieldName('function')));
      if (d.parens.has(p.type) || d.transparent.has(p.type) || chained) {
        n = p;
        continue;
      }
      const target = p.childForFieldName('left') ?? p.childForFieldName('name');
      if (!target || target.startIndex === n.startIndex || !d.identifiers.has(target.type)) return undefined;
      const value = p.childForFieldName('right') ?? p.childForFieldName('value') ?? p.lastNamedChild;
      return value?.startIndex === n.startIndex && value.endIndex === n.endIndex ? this.text(target) : undefined;
    }
    return undefined;
  }

  /** What a method call is made on (`client` in `client.complete(...)`, `project.inference` in `project.inference.get()`). */
  receiver(call: Call): SyntaxNode | undefined {
    if (call.node.type === 'method_invocation') return call.node.childForFieldName('object') ?? undefined;
    const callee = call.calleeNode;
    if (!this.dialect.members.has(callee.type)) return undefined;
    return (callee.childForFieldName('object') ?? callee.childForFieldName('expression')) || undefined;
  }

  /** The plain name a method call is made on, if it is one (`client.complete(...)`: `client`). */
  receiverName(call: Call): string | undefined {
    const object = this.receiver(call);
    return object && this.dialect.identifiers.has(object.type) ? this.text(object) : undefined;
  }

  // ---------------------------------------------------------------- cross-file constants

  private importedValue(b: Binding, depth: number): Value | undefined {
    if (!b.import) return undefined;
    return this.crossFileValue(
      b.import.module,
      b.import.name === '*' || b.import.name === 'default' ? undefined : b.import.name,
      b.import.name,
      depth,
    );
  }

  private crossFileValue(
    module: string,
    name: string | undefined,
    fallbackName: string,
    depth: number,
  ): Value | undefined {
    const read = this.doc.context.readModule;
    const wanted = name ?? fallbackName;
    if (!read || depth > MAX_DEPTH / 2 || !/^[A-Za-z_$][\w$]*$/.test(wanted)) return undefined;
    let target;
    try {
      target = read(this.doc.fileName, module);
    } catch {
      target = undefined;
    }
    if (!target) return undefined;
    const other = modelForFile(target, this.doc);
    if (!other) return undefined;
    const root = other.scopeOfNode(other.root);
    const b = other
      .bindingsOf(wanted)
      .filter((x) => x.scope.start === root.start && x.scope.end === root.end && x.kind !== 'import')
      .pop();
    const v = b ? other.bindingValue(b, depth + 1) : undefined;
    if (!v) return undefined;
    // A literal in the other file is where the value is set, as an env file's line is: the finding points
    // there (related) and its fix edits it there. Offsets of the other file never reach this document.
    if (v.literal && !v.envValue && !v.partial) {
      const range = other.doc.range(v.literal.start, v.literal.end);
      return { ...v, literal: undefined, envName: wanted, envValue: { value: v.value, file: target.fileName, range } };
    }
    return { ...v, literal: undefined };
  }
}

/** Parsed other files kept for cross-file constants (each tree costs wasm memory until deleted). */
const MAX_OTHER_FILES = 64;
const otherFiles = new Map<string, { text: string; tree: Tree; model: FileModel | undefined }>();

/** Models of other workspace files (cross-file constants), parsed on demand and kept while unchanged. */
function modelForFile(
  target: { fileName: string; text: string; languageId: string },
  from: Doc,
): FileModel | undefined {
  const cached = otherFiles.get(target.fileName);
  if (cached && cached.text === target.text) {
    otherFiles.delete(target.fileName); // most recently used last
    otherFiles.set(target.fileName, cached);
    return cached.model;
  }
  // trees live in the wasm heap, which no garbage collector frees: the replaced version goes now
  cached?.tree.delete();
  otherFiles.delete(target.fileName);
  const syntax = parseSyntax(target.text, target.languageId);
  if (!syntax || syntax === 'timeout') return undefined;
  const doc = new DocClass(
    target.text,
    target.languageId,
    { ...from.context, fileName: target.fileName, parseSession: undefined },
    syntax,
  );
  const model = FileModel.of(doc);
  // Least recently used first: a model still in use up the stack (A imports B imports C) was used
  // just now, so it is never the one evicted.
  while (otherFiles.size >= MAX_OTHER_FILES) {
    const [oldest, entry] = otherFiles.entries().next().value as [string, { tree: Tree }];
    entry.tree.delete();
    otherFiles.delete(oldest);
  }
  otherFiles.set(target.fileName, { text: target.text, tree: syntax.tree, model });
  return model;
}

function firstValueChild(n: SyntaxNode): SyntaxNode | null {
  for (const c of n.namedChildren)
    if (c && c.type !== 'comment' && !/type|predefined_type|type_identifier/.test(c.type)) return c;
  return n.firstNamedChild;
}

function lastNamedChildAfter(p: SyntaxNode, node: SyntaxNode): SyntaxNode | null {
  const kids = p.namedChildren.filter(
    (c): c is SyntaxNode => !!c && c.startIndex > node.startIndex && c.type !== 'bracketed_argument_list',
  );
  return kids.pop() ?? null;
}

function ancestor(n: SyntaxNode | null, type: string): SyntaxNode | null {
  while (n && n.type !== type) n = n.parent;
  return n;
}

function ancestorWithin(n: SyntaxNode | null, types: string[], levels: number): boolean {
  for (let i = 0; n && i < levels; i++, n = n.parent) if (types.includes(n.type)) return true;
  return false;
}

function stringBody(s: string): string {
  return s.replace(/^["'`]|["'`]$/g, '');
}

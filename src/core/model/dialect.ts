// The node types of each tree-sitter grammar that the semantic model needs, so the model itself is
// written once for Python, JavaScript/TypeScript/TSX, C# and Java (and extended for bash/PowerShell).
import type { Family } from '../languages';

export interface Dialect {
  /** Nodes that open a scope where declarations live. */
  functionScopes: Set<string>;
  classScopes: Set<string>;
  /** Block scopes (let/const, C#/Java locals); Python has none. */
  blockScopes: Set<string>;
  strings: Set<string>;
  calls: Set<string>;
  constructions: Set<string>;
  members: Set<string>;
  subscripts: Set<string>;
  binaries: Set<string>;
  parens: Set<string>;
  /** Wrappers whose value is their single named child (await, TS `x!`, `x as T`). */
  transparent: Set<string>;
  conditionals: Set<string>;
  objects: Set<string>;
  identifiers: Set<string>;
  returns: Set<string>;
}

const set = (...xs: string[]) => new Set(xs);

const PYTHON: Dialect = {
  functionScopes: set('function_definition', 'lambda'),
  classScopes: set('class_definition'),
  blockScopes: set(),
  strings: set('string', 'concatenated_string'),
  calls: set('call'),
  constructions: set(),
  members: set('attribute'),
  subscripts: set('subscript'),
  binaries: set('binary_operator', 'boolean_operator'),
  parens: set('parenthesized_expression'),
  transparent: set('await'),
  conditionals: set('conditional_expression'),
  objects: set('dictionary'),
  identifiers: set('identifier'),
  returns: set('return_statement'),
};

const JS: Dialect = {
  functionScopes: set(
    'function_declaration',
    'function_expression',
    'function',
    'arrow_function',
    'method_definition',
    'generator_function_declaration',
  ),
  classScopes: set('class_declaration', 'class'),
  blockScopes: set('statement_block', 'for_statement', 'for_in_statement'),
  strings: set('string', 'template_string'),
  calls: set('call_expression'),
  constructions: set('new_expression'),
  members: set('member_expression'),
  subscripts: set('subscript_expression'),
  binaries: set('binary_expression'),
  parens: set('parenthesized_expression'),
  transparent: set(
    'await_expression',
    'non_null_expression',
    'as_expression',
    'satisfies_expression',
    'type_assertion',
  ),
  conditionals: set('ternary_expression'),
  objects: set('object'),
  identifiers: set('identifier', 'shorthand_property_identifier'),
  returns: set('return_statement'),
};

const CSHARP: Dialect = {
  functionScopes: set(
    'method_declaration',
    'constructor_declaration',
    'local_function_statement',
    'lambda_expression',
    'accessor_declaration',
  ),
  classScopes: set('class_declaration', 'struct_declaration', 'record_declaration', 'interface_declaration'),
  blockScopes: set('block'),
  strings: set('string_literal', 'verbatim_string_literal', 'raw_string_literal', 'interpolated_string_expression'),
  calls: set('invocation_expression'),
  constructions: set('object_creation_expression', 'implicit_object_creation_expression'),
  members: set('member_access_expression'),
  subscripts: set('element_access_expression'),
  binaries: set('binary_expression'),
  parens: set('parenthesized_expression'),
  transparent: set('await_expression', 'postfix_unary_expression', 'cast_expression'),
  conditionals: set('conditional_expression'),
  objects: set('initializer_expression', 'anonymous_object_creation_expression'),
  identifiers: set('identifier'),
  returns: set('return_statement', 'arrow_expression_clause'),
};

const JAVA: Dialect = {
  functionScopes: set('method_declaration', 'constructor_declaration', 'lambda_expression'),
  classScopes: set('class_declaration', 'interface_declaration', 'enum_declaration', 'record_declaration'),
  blockScopes: set('block'),
  strings: set('string_literal'),
  calls: set('method_invocation'),
  constructions: set('object_creation_expression'),
  members: set('field_access'),
  subscripts: set(),
  binaries: set('binary_expression'),
  parens: set('parenthesized_expression'),
  transparent: set('cast_expression'),
  conditionals: set('ternary_expression'),
  objects: set(),
  identifiers: set('identifier'),
  returns: set('return_statement'),
};

export function dialectOf(family: Family | undefined): Dialect | undefined {
  switch (family) {
    case 'python':
      return PYTHON;
    case 'js':
      return JS;
    case 'csharp':
      return CSHARP;
    case 'java':
      return JAVA;
    default:
      return undefined;
  }
}

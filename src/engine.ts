// Entry of dist/engine.js: the analysis engine as the editor uses it (rules, the semantic model and
// the tree-sitter runtime). The extension requires it on the first analysis (src/editor/engine.ts),
// so extension.js stays small and activation loads none of it.
export { analyzeDocument } from './core/analyze';
export { ensureParser } from './core/parse/runtime';
export { disposeSession, type ParseSession } from './core/parse/syntax';
export { moduleReader } from './core/model/modules';

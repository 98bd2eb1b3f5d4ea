// dist/tools.js: what the VS Code language-model tools run, required on their first invocation so that
// the schemas, the validator and the CLI's folder scan stay out of extension.js.
export { accessConfirmation, accessSummary, deploymentProblem, endpointProblem } from './access';
export { analyzeTarget } from './analyze';
export { explainErrorText } from './explain';
export { toolText } from './outcome';
export { ANALYZE_FILE, checkAccessTool, EXPLAIN_ERROR, IDENTITIES_IN_VSCODE } from './schemas';
export { validateInput } from './validate';

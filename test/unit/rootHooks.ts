// Mocha root hooks for the unit layer (mochaNode.mjs --require, `npm run test:unit`): every grammar is
// loaded once before the first test, as the CLI does before a scan, so suites can call the sync
// analyzeDocument. Loading is per process and shared by all suite bundles (src/core/parse/runtime.ts).
import { ensureAllParsers } from '../../src/core/parse/runtime';

export const mochaHooks = {
  async beforeAll(): Promise<void> {
    await ensureAllParsers();
  },
};

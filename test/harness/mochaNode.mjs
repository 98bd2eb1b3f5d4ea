// Runs built mocha suites in plain Node (the unit and ui layers) and ends with the same lines the
// in-host runner prints (mochaInHost.ts): one `AAD_TEST_PENDING <full title>` per pending test and
// `AAD_TEST_RESULT passed=N failed=N pending=N`, which run-all.mjs reads (results.mjs).
//
//   node test/harness/mochaNode.mjs --reporter dot --timeout 20000 [--require hooks.js] out/test/unit/a.test.js ...
//
// --require: a built module exporting `mochaHooks` (root hooks, e.g. out/test/unit/rootHooks.js).
import Mocha from 'mocha';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(name);
  if (at < 0) return fallback;
  const [value] = args.splice(at, 2).slice(1);
  return value;
};
const reporter = option('--reporter', 'spec');
const timeout = Number(option('--timeout', '20000'));
const hooksFile = option('--require', undefined);
const hooks = hooksFile ? await import(pathToFileURL(resolve(hooksFile)).href) : undefined;
const rootHooks = hooks?.mochaHooks ?? hooks?.default?.mochaHooks;
const mocha = new Mocha({ reporter, timeout, rootHooks, grep: process.env.AAD_TEST_GREP || undefined });
for (const file of args) mocha.addFile(file);

const pending = [];
const runner = mocha.run((failures) => {
  const { passes = 0, failures: failed = failures } = runner.stats ?? {};
  for (const title of pending) console.log(`AAD_TEST_PENDING ${title}`);
  console.log(`AAD_TEST_RESULT passed=${passes} failed=${failed} pending=${pending.length}`);
  process.exitCode = failed > 0 ? 1 : 0;
});
runner.on('pending', (test) => pending.push(test.fullTitle()));

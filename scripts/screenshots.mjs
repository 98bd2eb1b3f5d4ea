// `node scripts/screenshots.mjs`: regenerates the README's screenshots in docs/images/ from the
// browser test that asserts each state (test/ui/layout.test.ts on a temporary copy of the demo
// workspace and the Azure emulator), so a picture never shows a state no test checked. Builds
// with --tests, runs that suite, then copies its artifacts under their docs names.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../test/harness/host.mjs';

const root = repoRoot();
const artifacts = join(root, '.test-artifacts');
const images = join(root, 'docs', 'images');

/** docs/images name -> what layout.test.ts saved in .test-artifacts (and what it shows). */
const SHOTS = {
  'verdict-tab.png': 'layout-verdict-tab.png', // the report tab after a check: verdict card, one action
  'sidebar-dark-280.png': 'layout-sidebar-dark-280.png',
  'sidebar-dark-400.png': 'layout-sidebar-dark-400.png',
  'sidebar-light-280.png': 'layout-sidebar-light-280.png',
  'sidebar-light-400.png': 'layout-sidebar-light-400.png',
  'sidebar-high-contrast-280.png': 'layout-sidebar-high-contrast-280.png',
  'sidebar-high-contrast-400.png': 'layout-sidebar-high-contrast-400.png',
  'after-assign.png': 'layout-after-assign-sidebar.png', // assigned at HH:MM, propagating, countdown
  'sign-in-cancelled.png': 'layout-sign-in-cancelled-sidebar.png', // last report kept, Retry
};

function run(title, command, args) {
  console.log(`> ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`${title} failed`);
    process.exit(result.status ?? 1);
  }
}

run('build (node esbuild.config.mjs --tests)', process.execPath, ['esbuild.config.mjs', '--tests']);
run('browser test (test/ui/layout.test.ts)', process.execPath, [
  join('test', 'harness', 'mochaNode.mjs'),
  '--reporter',
  'spec',
  '--timeout',
  '180000',
  join('out', 'test', 'ui', 'layout.test.js'),
]);

let missing = 0;
for (const [name, artifact] of Object.entries(SHOTS)) {
  const from = join(artifacts, artifact);
  if (!existsSync(from)) {
    console.error(`missing ${artifact}: the test did not save it`);
    missing++;
    continue;
  }
  copyFileSync(from, join(images, name));
  console.log(`docs/images/${name}  ${Math.round(statSync(from).size / 1024)} KB`);
}
process.exit(missing > 0 ? 1 : 0);

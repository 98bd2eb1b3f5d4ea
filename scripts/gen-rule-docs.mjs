// Regenerates what is derived from the rules' meta (src/core/rules/*.ts): the README rule table, the
// `azureAiAuthDoctor.rules` propertyNames enum in package.json, and a stub docs/rules/<id>.md for a rule
// that has none yet (to be written by hand). `--check` only reports what is out of date (exit 1).
// test/unit/rule-meta.test.ts fails when these are stale, so CI catches a forgotten run.
import * as esbuild from 'esbuild';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

const built = await esbuild.build({
  entryPoints: [join(root, 'src/cli/ruleMeta.ts')],
  bundle: true,
  platform: 'node',
  format: 'cjs',
  write: false,
  logLevel: 'warning',
});
const module = { exports: {} };
new Function('module', 'exports', 'require', built.outputFiles[0].text)(
  module,
  module.exports,
  createRequire(import.meta.url),
);
const { RULE_META, readmeRuleTable, settingsRuleEnum } = module.exports;

const stale = [];
const update = (file, next) => {
  const path = join(root, file);
  const current = existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  if (current === next) return;
  stale.push(file);
  if (!check) writeFileSync(path, next);
};

// README: the table between the rule-table markers
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const table = /(<!-- rule-table:start[^\n]*-->\n)[\s\S]*?(\n[ \t]*<!-- rule-table:end -->)/;
if (!table.test(readme)) throw new Error('README.md has no rule-table markers');
update(
  'README.md',
  readme.replace(table, (_, start, end) => `${start}${readmeRuleTable()}${end}`),
);

// package.json: settings enum
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
manifest.contributes.configuration.properties['azureAiAuthDoctor.rules'].propertyNames.enum = settingsRuleEnum();
update('package.json', JSON.stringify(manifest, null, 2) + '\n');

// docs/rules/<id>.md: a stub for a new rule (never overwrites a written page)
for (const m of Object.values(RULE_META)) {
  const file = `docs/rules/${m.id}.md`;
  if (existsSync(join(root, file))) continue;
  update(
    file,
    `# ${m.id}\n\n**Default severity:** ${m.defaultSeverity}\n\n## What it flags\n${m.full}\n\n## Why\nTODO: the facts behind the rule, with sources.\n\n## Fix\nTODO: before / after.\n`,
  );
}

if (stale.length) console.log(`${check ? 'out of date' : 'updated'}: ${stale.join(', ')}`);
process.exit(check && stale.length ? 1 : 0);

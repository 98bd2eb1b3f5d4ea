// BENCHMARKS.md from the bench results: a summary table (figure, budget, pass/fail), the machine,
// per-section details, the method, and the hand-written analysis kept in bench/notes.md.
const mark = (pass) => (pass === null || pass === undefined ? 'n/a' : pass ? 'PASS' : '**FAIL**');
const ms = (n) => (typeof n === 'number' && Number.isFinite(n) ? `${n.toFixed(n < 10 ? 2 : 1)} ms` : 'n/a');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function worst(rows, lines) {
  const atSize = rows.filter((r) => r.lines === lines);
  return atSize.reduce((a, b) => (b.median > a.median ? b : a), atSize[0]);
}

export function summaryRows(results) {
  const rows = [];
  const { analysis, scan, bundles, activation, access } = results;
  const notRun = (measure, budget) => rows.push({ measure, figure: 'not run (--only)', budget, pass: null });
  if (!analysis) notRun('analyzeDocument', '10k < 20 ms, 50k < 100 ms');
  else if (analysis.rows) {
    for (const lines of [10000, 50000]) {
      const w = worst(analysis.rows, lines);
      if (!w) continue;
      const allPass = analysis.rows.filter((r) => r.lines === lines).every((r) => r.pass);
      rows.push({
        measure: `analyzeDocument, ${lines / 1000}k lines (slowest language: ${w.language})`,
        figure: `median ${ms(w.median)}, p95 ${ms(w.p95)}`,
        budget: `< ${w.budgetMs} ms median`,
        pass: allPass,
      });
    }
  } else
    rows.push({
      measure: 'analyzeDocument',
      figure: `not measured: ${analysis?.error}`,
      budget: '10k < 20 ms, 50k < 100 ms',
      pass: false,
    });
  if (!scan) notRun('Workspace scan vs ripgrep', '<= 2x, < 300 MB');
  else if (scan.rows) {
    const h = scan.headline;
    rows.push({
      measure: `Workspace scan, ${h.files.toLocaleString('en')} files / ${h.sourceMb} MB: CLI / ripgrep`,
      figure: `${h.ratio}x (CLI ${ms(h.cli.median)}, rg ${ms(h.rg.median)})`,
      budget: '<= 2x',
      pass: h.pass.ratio,
    });
    const rss = Math.max(...scan.rows.map((r) => r.cli.peakRssMb));
    rows.push({
      measure: 'Workspace scan: CLI peak RSS (largest tree)',
      figure: `${rss} MB`,
      budget: '< 300 MB',
      pass: scan.rows.every((r) => r.pass.peakRss),
    });
    rows.push({
      measure: `Workspace scan: growth ${scan.rows.map((r) => `${r.files / 1000}k`).join(' / ')} files (cost per file, largest vs smallest)`,
      figure: `${scan.linearity}x (${scan.rows.map((r) => `${r.cli.usPerFile} us`).join(' / ')} per file)`,
      budget: '<= 1.25x (linear)',
      pass: scan.linearityPass,
    });
    rows.push({
      measure: 'Workspace scan: node_modules/ and .git/ skipped, JSON produced',
      figure: scan.rows.every((r) => r.pass.skipsNodeModulesAndGit && r.pass.producedJson)
        ? 'yes'
        : `no (${scan.rows.map((r) => `leaked ${r.cli.leakedPaths}, json ${r.cli.json}`).join('; ')})`,
      budget: 'yes',
      pass: scan.rows.every((r) => r.pass.skipsNodeModulesAndGit && r.pass.producedJson),
    });
  } else
    rows.push({
      measure: 'Workspace scan vs ripgrep',
      figure: `not measured: ${scan?.error}`,
      budget: '<= 2x, < 300 MB',
      pass: false,
    });
  if (!activation) notRun('activate() in the extension host', '< 30 ms');
  else if (!activation.error) {
    rows.push({
      measure: `activate() in the extension host (${activation.launches} launches of code-server)`,
      figure: `median ${ms(activation.activationMs.median)}, p95 ${ms(activation.activationMs.p95)}`,
      budget: '< 30 ms',
      pass: activation.pass,
    });
    rows.push({
      measure: 'Loading dist/extension.js in the extension host (require of a fresh copy)',
      figure: `median ${ms(activation.loadMs.median)}, p95 ${ms(activation.loadMs.p95)}`,
      budget: '(reported)',
      pass: null,
    });
  } else
    rows.push({
      measure: 'activate() in the extension host',
      figure: `not measured: ${activation?.error}`,
      budget: '< 30 ms',
      pass: false,
    });
  if (bundles?.bundles) {
    const ext = bundles.bundles['extension.js'];
    rows.push({
      measure: 'dist/extension.js size (minified)',
      figure: kb(ext.bytes),
      budget: `< ${bundles.budgetBytes / 1024} KB`,
      pass: ext.bytes < bundles.budgetBytes,
    });
    rows.push({
      measure: '@azure/* code in dist/extension.js',
      figure: `${ext.azureModules} modules`,
      budget: 'none',
      pass: ext.azureModules === 0,
    });
  } else
    rows.push({ measure: 'Bundle sizes', figure: `not measured: ${bundles?.error}`, budget: '< 250 KB', pass: false });
  if (!access) notRun('Access check end to end', '< 3 s');
  else if (!access.error) {
    rows.push({
      measure: `Access check end to end (${access.scenario}: 50 subscriptions / 500 accounts / ${access.roleAssignments} role assignments)`,
      figure: `first run ${ms(access.firstRunMs)}; then median ${ms(access.wallMs.median)}, p95 ${ms(access.wallMs.p95)}`,
      budget: '< 3 s',
      pass: access.pass,
    });
    rows.push({
      measure: 'Access check: HTTP requests per check (counted by the emulator)',
      figure: `${access.firstRunRequests} (first run), ${access.requests.median} (median after)`,
      budget: '(reported)',
      pass: null,
    });
  } else
    rows.push({
      measure: 'Access check end to end',
      figure: `not measured: ${access?.error}`,
      budget: '< 3 s',
      pass: false,
    });
  return rows;
}

export function renderMarkdown(results, notes) {
  const { machine, analysis, scan, bundles, activation, access } = results;
  const out = [];
  out.push('# Benchmarks', '');
  out.push(
    `Figures of the last \`npm run bench\` (${results.mode} mode, ${results.finishedAt}); regenerate with \`npm run bench\` (\`-- --json\` prints the same as JSON). Every timing is a median and p95 over repeated runs on data the bench generates under \`.bench/\`.`,
    '',
  );
  out.push(
    `**Machine:** ${machine.cpu} x ${machine.cores} cores, ${machine.memoryGb} GB RAM, ${machine.os}, Node ${machine.node} (bench process)${activation?.hostNodeVersion ? `, extension host: VS Code ${activation.vscodeVersion} (code-server) on Node ${activation.hostNodeVersion}` : ''}${scan?.rgVersion ? `, ${scan.rgVersion}` : ''}. Load average at start ${machine.loadStart.join(' / ')}, at end ${machine.loadEnd.join(' / ')} (a shared machine: a load above ${machine.cores} means other processes competed for the CPU${machine.loadStart[0] > machine.cores ? ', as they did here' : ''}).`,
    '',
  );
  out.push('## Summary', '');
  out.push(
    table(
      ['Measure', 'Figure', 'Budget', 'Result'],
      summaryRows(results).map((r) => [r.measure, r.figure, r.budget, mark(r.pass)]),
    ),
    '',
  );
  if (analysis?.rows) {
    out.push('## Per-document analysis (`analyzeDocument`, minified engine)', '');
    out.push(
      table(
        [
          'Language',
          'Lines',
          'Size',
          'Findings',
          'Median',
          'p95',
          'Min',
          'CPU per run (mean)',
          'Runs',
          'Budget',
          'Result',
        ],
        analysis.rows.map((r) => [
          r.language,
          r.lines.toLocaleString('en'),
          kb(r.bytes),
          `${r.findings}${r.skipped ? ` (skipped: ${r.skipped})` : ''}`,
          ms(r.median),
          ms(r.p95),
          ms(r.min),
          ms(r.cpuMsPerRun),
          r.runs,
          r.budgetMs ? `< ${r.budgetMs} ms` : '-',
          mark(r.pass),
        ]),
      ),
      '',
    );
  }
  if (scan?.rows) {
    out.push('## Workspace scan vs ripgrep', '');
    out.push(
      `CLI: \`node dist/cli.js scan <tree> --format json\` (production build). ripgrep: \`rg ${['--hidden', "--glob '!.git/'", "--glob '!node_modules/'", '--line-number', `-e '${'openai\\.azure\\.com|services\\.ai\\.azure\\.com|cognitiveservices\\.azure\\.com'}'`].join(' ')} <tree>\`. One warm-up run each (page cache), then CLI, rg and two references (single-threaded rg; \`bench/lib/node-floor.cjs\`, the least a single-threaded Node program does: walk, read each candidate file, one regex) alternate run by run (who goes first rotates every round). Wall time measured by the bench process; peak RSS from GNU time (\`%M\`).`,
      '',
    );
    out.push(
      table(
        [
          'Files',
          'Sources',
          'Azure AI files',
          'node_modules / .git files',
          'CLI median (p95)',
          'rg median (p95)',
          'CLI / rg',
          'rg --threads 1 (reference)',
          'Node walk+read floor (reference)',
          'CPU time CLI / rg',
          'CLI peak RSS',
          'rg peak RSS',
          'CLI findings',
          'rg matching lines',
        ],
        scan.rows.map((r) => [
          r.files.toLocaleString('en'),
          `${r.sourceMb} MB`,
          r.azureFiles,
          `${r.nodeModulesFiles} / ${r.gitFiles}`,
          `${ms(r.cli.median)} (${ms(r.cli.p95)})`,
          `${ms(r.rg.median)} (${ms(r.rg.p95)})`,
          `${r.ratio}x`,
          ms(r.rgOneThread.median),
          ms(r.nodeFloor.median),
          `${ms(r.cli.cpuMs)} / ${ms(r.rg.cpuMs)} (${r.cpuRatio}x)`,
          `${r.cli.peakRssMb} MB`,
          `${r.rg.peakRssMb} MB`,
          r.cli.findings ?? 'n/a',
          r.rg.matchedLines,
        ]),
      ),
      '',
    );
  }
  if (bundles?.bundles) {
    out.push('## Bundles (production build, esbuild metafile)', '');
    out.push(
      table(
        ['Bundle', 'Size', '@azure/* modules', 'Largest inputs'],
        Object.entries(bundles.bundles).map(([name, b]) => [
          name,
          kb(b.bytes),
          b.azureModules,
          b.topInputs
            .slice(0, 3)
            .map((i) => `${i.path} (${kb(i.bytes)})`)
            .join(', '),
        ]),
      ),
      '',
    );
  }
  if (activation && !activation.error) {
    out.push('## Activation in the extension host', '');
    out.push(
      `${activation.launches} launches of code-server with the production build as the development extension; ${activation.activatedByEventBeforeTests} of them had activated the extension through an activation event before the bench code ran. \`activate()\` time is the extension's own \`ExtensionApi.activationMs\` (registrations only). Load time: \`require\` of 10 fresh copies of \`dist/extension.js\` placed in the extension folder, per launch (first copy: median ${ms(activation.loadFirstMs.median)}). dist/azure.js loaded at activation: ${activation.azureBundleLoadedAtActivation ? '**yes**' : 'no'}.`,
      '',
    );
  }
  if (access && !access.error) {
    out.push('## Access check', '');
    out.push(
      `\`azureAiAuthDoctor.checkAccess\` with \`{ endpoint: '${access.endpoint}', identity: 'default-credential', probe: true }\` inside the extension host against the emulator (scenario \`${access.scenario}\`). Verdicts: ${access.verdicts.join(', ')}. Requests by route (last run): ${Object.entries(
        access.byRoute,
      )
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}.`,
      '',
    );
    const steps = (s) =>
      s
        ? Object.entries(s)
            .map(([k, v]) => `${k} ${v} ms`)
            .join(', ')
        : 'n/a';
    out.push(
      `Time from the command to each step's final status (partial reports): first run: first update ${ms(access.firstRunFirstUpdateMs)}, ${steps(access.firstRunSteps)}; last run: ${steps(access.lastRunSteps)}.`,
      '',
    );
  }
  if (notes) out.push(notes.trim(), '');
  return out.join('\n');
}

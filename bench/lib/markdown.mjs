// BENCHMARKS.md from the bench results: a summary table (figure, budget, pass/fail), the machine,
// per-section details, the method, and the hand-written analysis kept in bench/notes.md.
const mark = (pass) => (pass === null || pass === undefined ? 'n/a' : pass ? 'PASS' : '**FAIL**');
const ms = (n) => (typeof n === 'number' && Number.isFinite(n) ? `${n.toFixed(n < 10 ? 2 : 1)} ms` : 'n/a');
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

function table(header, rows) {
  return [
    `| ${header.join(' | ')} |`,
    `| ${header.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function worst(rows, lines) {
  const atSize = rows.filter((r) => r.lines === lines);
  return atSize.reduce((a, b) => (b.current.median > a.current.median ? b : a), atSize[0]);
}

/** "median X, p95 Y" of one engine's figures. */
const medianP95 = (f) => `median ${ms(f.median)}, p95 ${ms(f.p95)}`;
/** Current against previous: both medians and p95, and the ratio of the medians. */
const versus = (current, previous, ratio) =>
  `${medianP95(current)}; previous engine ${medianP95(previous)}; ratio ${ratio}x`;

export function summaryRows(results) {
  const rows = [];
  const { analysis, scan, bundles, activation, previousActivation, access, vsix, previousBundles } = results;
  const notRun = (measure, budget) => rows.push({ measure, figure: 'not run (--only)', budget, pass: null });
  if (!analysis) notRun('analyzeDocument', '10k: first <= 60 ms, after an edit <= 15 ms');
  else if (analysis.rows) {
    for (const r of analysis.rows.filter((row) => row.lines === 10000 && row.budgetMs)) {
      rows.push({
        measure: `First analysis, 10k lines ${r.language} (grammar loaded; includes the parse)`,
        figure: versus(r.current, r.previous, r.ratio),
        budget: `<= ${r.budgetMs} ms median`,
        pass: r.pass,
      });
    }
    for (const r of analysis.rows.filter((row) => row.reanalysis?.budgetMs)) {
      const re = r.reanalysis;
      rows.push({
        measure: `Re-analysis after a one-line edit, 10k lines ${r.language} (same ParseSession; previous: full analysis)`,
        figure: `${versus(re.current, re.previous, re.ratio)}${re.sameFindingsAsFreshParse ? '' : '; **findings differ from a fresh parse**'}`,
        budget: `<= ${re.budgetMs} ms median`,
        pass: re.pass && re.sameFindingsAsFreshParse,
      });
    }
    const w = worst(analysis.rows, 50000);
    if (w)
      rows.push({
        measure: `analyzeDocument, 50k lines (slowest language: ${w.language})`,
        figure: versus(w.current, w.previous, w.ratio),
        budget: `< ${w.budgetMs} ms median (issue 7)`,
        pass: analysis.rows.filter((r) => r.lines === 50000).every((r) => r.pass),
      });
  } else
    rows.push({
      measure: 'analyzeDocument',
      figure: `not measured: ${analysis?.error}`,
      budget: '10k: first <= 60 ms, after an edit <= 15 ms',
      pass: false,
    });
  if (!scan) notRun('Workspace scan vs ripgrep', '<= 2x, < 300 MB');
  else if (scan.rows) {
    const h = scan.headline;
    rows.push({
      measure: `Workspace scan, ${h.files.toLocaleString('en')} files / ${h.sourceMb} MB: CLI / previous engine's CLI`,
      figure: `${h.previousRatio}x (CLI median ${ms(h.cli.median)}, p95 ${ms(h.cli.p95)}; previous median ${ms(h.previousCli.median)}, p95 ${ms(h.previousCli.p95)})`,
      budget: '<= 1.25x',
      pass: h.pass.previousRatio,
    });
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
  if (!activation) notRun('activate() in the extension host', '<= 10 ms');
  else if (!activation.error) {
    const before = previousActivation?.activationMs;
    rows.push({
      measure: `activate() in the extension host (${activation.launches} launches of code-server)`,
      figure: before
        ? versus(
            activation.activationMs,
            before,
            Math.round((activation.activationMs.median / before.median) * 100) / 100,
          )
        : medianP95(activation.activationMs),
      budget: '<= 10 ms median',
      pass: activation.activationMs.median <= 10,
    });
    rows.push({
      measure: 'At activation: dist/engine.js required / tree-sitter grammars loaded / dist/azure.js required',
      figure: `${activation.engineBundleLoadedAtActivation ? '**yes**' : 'no'} / ${activation.grammarsLoadedAtActivation.length ? `**${activation.grammarsLoadedAtActivation.join(', ')}**` : 'none'} / ${activation.azureBundleLoadedAtActivation ? '**yes**' : 'no'}`,
      budget: 'no / none / no',
      pass:
        !activation.engineBundleLoadedAtActivation &&
        activation.grammarsLoadedAtActivation.length === 0 &&
        !activation.azureBundleLoadedAtActivation,
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
      budget: '<= 10 ms',
      pass: false,
    });
  if (bundles?.bundles) {
    const ext = bundles.bundles['extension.js'];
    const before = previousBundles?.bundles?.['extension.js'];
    rows.push({
      measure: 'dist/extension.js size (minified)',
      figure: `${kb(ext.bytes)}${before ? ` (previous engine: ${kb(before.bytes)}, the engine bundled in)` : ''}`,
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
  if (vsix?.current?.bytes)
    rows.push({
      measure: '.vsix size (vsce package --no-dependencies of the production build)',
      figure: `${mb(vsix.current.bytes)}, ${vsix.current.files} files${vsix.previous?.bytes ? ` (previous engine: ${mb(vsix.previous.bytes)}, ${vsix.previous.files} files)` : ''}`,
      budget: `<= ${mb(vsix.budgetBytes)}`,
      pass: vsix.current.bytes <= vsix.budgetBytes,
    });
  else if (vsix)
    rows.push({
      measure: '.vsix size',
      figure: `not measured: ${vsix.error ?? vsix.current?.error}`,
      budget: '<= 3 MB',
      pass: false,
    });
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
  const { machine, analysis, scan, bundles, activation, previousActivation, access, previousEngine, previousBundles } =
    results;
  const out = [];
  out.push('# Benchmarks', '');
  out.push(
    `Figures of the last \`npm run bench\` (${results.mode} mode, ${results.finishedAt}); regenerate with \`npm run bench\` (\`-- --json\` prints the same as JSON). Every timing is a median and p95 over repeated runs on data the bench generates under \`.bench/\`.`,
    '',
  );
  out.push(
    `**Machine:** ${machine.cpu} x ${machine.cores} cores, ${machine.memoryGb} GB RAM, ${machine.os}, Node ${machine.node} (bench process)${activation?.hostNodeVersion ? `, extension host: VS Code ${activation.vscodeVersion} (code-server) on Node ${activation.hostNodeVersion}` : ''}${scan?.rgVersion ? `, ${scan.rgVersion}` : ''}. Load average at start ${machine.loadStart.join(' / ')}, at end ${machine.loadEnd.join(' / ')}${machine.loadDuring ? `, 1-minute load during the run median ${machine.loadDuring.median} (min ${machine.loadDuring.min}, max ${machine.loadDuring.max}, ${machine.loadDuring.runs} samples)` : ''} (a shared machine: a load above ${machine.cores} means other processes competed for the CPU${machine.loadStart[0] > machine.cores ? ', as they did here' : ''}).`,
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
    out.push('## Per-document analysis (`analyzeDocument`, minified engines)', '');
    out.push(
      `Current: \`dist/engine.js\` of the production build, the language's grammar loaded before timing; every figure includes the parse (tree-sitter, the token views and the semantic model). Previous: ${previousEngine?.commit ? `\`src/core/analyze.ts\` of ${previousEngine.commit.slice(0, 7)}` : 'the previous engine'}, bundled and minified the same way. The two run in turn (who goes first rotates every round) after uncounted warm-up runs, each analysis on a fresh context (no ParseSession): a full parse every time.`,
      '',
    );
    out.push(
      table(
        [
          'Language',
          'Lines',
          'Size',
          'Findings (current / previous)',
          'Current median (p95)',
          'Previous median (p95)',
          'Current / previous',
          'CPU per run, current / previous',
          'Runs',
          'Budget',
          'Result',
        ],
        analysis.rows.map((r) => [
          r.language,
          r.lines.toLocaleString('en'),
          kb(r.bytes),
          `${r.current.findings} / ${r.previous.findings}${r.current.skipped ? ` (skipped: ${r.current.skipped})` : ''}`,
          `${ms(r.current.median)} (${ms(r.current.p95)})`,
          `${ms(r.previous.median)} (${ms(r.previous.p95)})`,
          `${r.ratio}x`,
          `${ms(r.current.cpuMsPerRun)} / ${ms(r.previous.cpuMsPerRun)}`,
          r.current.runs,
          r.budgetMs ? `<= ${r.budgetMs} ms` : '-',
          mark(r.pass),
        ]),
      ),
      '',
    );
    const edited = analysis.rows.filter((r) => r.reanalysis);
    if (edited.length) {
      out.push('### Re-analysis after a one-line edit (10k lines)', '');
      out.push(
        'Each run changes the same string literal in the middle of the file (a new value every run) and analyses again. Current: the same `ParseSession` passed as `AnalysisContext.parseSession` every time, so the previous tree is edited and reparsed incrementally. Previous: no incremental path, a full analysis of the edited text. "Same findings" compares the incremental result with a fresh parse of the last version.',
        '',
      );
      out.push(
        table(
          [
            'Language',
            'Edited line',
            'Current median (p95)',
            'Previous median (p95)',
            'Current / previous',
            'CPU per run, current / previous',
            'Same findings as a fresh parse',
            'Budget',
            'Result',
          ],
          edited.map(({ language, reanalysis: re }) => [
            language,
            re.editedLine,
            `${ms(re.current.median)} (${ms(re.current.p95)})`,
            `${ms(re.previous.median)} (${ms(re.previous.p95)})`,
            `${re.ratio}x`,
            `${ms(re.current.cpuMsPerRun)} / ${ms(re.previous.cpuMsPerRun)}`,
            re.sameFindingsAsFreshParse ? 'yes' : '**no**',
            re.budgetMs ? `<= ${re.budgetMs} ms` : '-',
            mark(re.pass === null ? null : re.pass && re.sameFindingsAsFreshParse),
          ]),
        ),
        '',
      );
    }
  }
  if (scan?.rows) {
    out.push("## Workspace scan vs ripgrep and the previous engine's CLI", '');
    out.push(
      `CLI: \`node dist/cli.js scan <tree> --format json\` (production build). ripgrep: \`rg ${['--hidden', "--glob '!.git/'", "--glob '!node_modules/'", '--line-number', `-e '${'openai\\.azure\\.com|services\\.ai\\.azure\\.com|cognitiveservices\\.azure\\.com'}'`].join(' ')} <tree>\`. Previous CLI: the same command with the previous engine's \`dist/cli.js\` (its own production build). One warm-up run each (page cache), then CLI, previous CLI, rg and two references (single-threaded rg; \`bench/lib/node-floor.cjs\`, the least a single-threaded Node program does: walk, read each candidate file, one regex) alternate run by run (who goes first rotates every round). Wall time measured by the bench process; peak RSS from GNU time (\`%M\`).`,
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
          'Previous CLI median (p95)',
          'CLI / previous',
          'rg median (p95)',
          'CLI / rg',
          'rg --threads 1 (reference)',
          'Node walk+read floor (reference)',
          'CPU time CLI / rg',
          'CLI peak RSS',
          'rg peak RSS',
          'CLI findings (previous)',
          'rg matching lines',
        ],
        scan.rows.map((r) => [
          r.files.toLocaleString('en'),
          `${r.sourceMb} MB`,
          r.azureFiles,
          `${r.nodeModulesFiles} / ${r.gitFiles}`,
          `${ms(r.cli.median)} (${ms(r.cli.p95)})`,
          r.previousCli ? `${ms(r.previousCli.median)} (${ms(r.previousCli.p95)})` : 'n/a',
          r.previousRatio ? `${r.previousRatio}x` : 'n/a',
          `${ms(r.rg.median)} (${ms(r.rg.p95)})`,
          `${r.ratio}x`,
          ms(r.rgOneThread.median),
          ms(r.nodeFloor.median),
          `${ms(r.cli.cpuMs)} / ${ms(r.rg.cpuMs)} (${r.cpuRatio}x)`,
          `${r.cli.peakRssMb} MB`,
          `${r.rg.peakRssMb} MB`,
          `${r.cli.findings ?? 'n/a'} (${r.previousCli?.findings ?? 'n/a'})`,
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
    if (previousBundles?.bundles)
      out.push(
        `Previous engine's build: ${Object.entries(previousBundles.bundles)
          .filter(([name]) => !name.startsWith('webview/'))
          .map(([name, b]) => `${name} ${kb(b.bytes)}`)
          .join(', ')}.`,
        '',
      );
  }
  if (activation && !activation.error) {
    out.push('## Activation in the extension host', '');
    out.push(
      `${activation.launches} launches of code-server with the production build as the development extension; ${activation.activatedByEventBeforeTests} of them had activated the extension through an activation event before the bench code ran. \`activate()\` time is the extension's own \`ExtensionApi.activationMs\` (registrations only). Load time: \`require\` of 10 fresh copies of \`dist/extension.js\` placed in the extension folder, per launch (first copy: median ${ms(activation.loadFirstMs.median)}). dist/azure.js loaded at activation: ${activation.azureBundleLoadedAtActivation ? '**yes**' : 'no'}; dist/engine.js: ${activation.engineBundleLoadedAtActivation ? '**yes**' : 'no'}; tree-sitter grammars: ${activation.grammarsLoadedAtActivation?.length ? `**${activation.grammarsLoadedAtActivation.join(', ')}**` : 'none'} (read from the runtime's state in the host process when the bench code runs, after activation).`,
      '',
    );
    if (previousActivation && !previousActivation.error)
      out.push(
        `Previous engine's build, ${previousActivation.launches} launches the same way: \`activate()\` ${medianP95(previousActivation.activationMs)}; loading dist/extension.js ${medianP95(previousActivation.loadMs)} (current: ${medianP95(activation.loadMs)}).`,
        '',
      );
    else if (previousActivation?.error)
      out.push(`Previous engine's activation: not measured (${previousActivation.error}).`, '');
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

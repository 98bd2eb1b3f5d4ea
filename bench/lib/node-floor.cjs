// Reference for the scan benchmark: the least a single-threaded Node program does to answer the
// same question as the CLI: walk the tree (skipping node_modules/ and .git/), read every file the
// engine would read (by extension) into one reused buffer, and test it with one regular expression.
// No analysis at all: the CLI cannot be faster than this without threads.
'use strict';
const { closeSync, fstatSync, openSync, readdirSync, readSync } = require('node:fs');
const { join } = require('node:path');

const CANDIDATE =
  /\.(py|pyw|js|mjs|cjs|jsx|ts|mts|cts|tsx|cs|java|http|rest|sh|ps1|ipynb)$|^\.env|^appsettings.*\.json$|^local\.settings\.json$/i;
const TRIGGER = /azure|openai|api-key|cognitive\.micro|-access-token/i;
let scratch = Buffer.allocUnsafe(1 << 20);
let files = 0;
let hits = 0;

function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === '.git') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) walk(full);
    else if (entry.isFile() && CANDIDATE.test(entry.name)) {
      const fd = openSync(full, 'r');
      const size = fstatSync(fd).size;
      if (size > scratch.length) scratch = Buffer.allocUnsafe(size);
      const n = readSync(fd, scratch, 0, size, 0);
      closeSync(fd);
      files++;
      if (TRIGGER.test(scratch.latin1Slice(0, n))) hits++;
    }
  }
}

walk(process.argv[2]);
process.stdout.write(JSON.stringify({ files, hits }) + '\n');

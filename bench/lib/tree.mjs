// Generated workspace trees for the scan benchmark: N source files (~10 KB each, mixed languages,
// ~1% touching Azure AI) plus node_modules/ and .git/ folders full of endpoint-looking text that
// any scanner must skip. File i depends only on i, so smaller trees are hard links of the first
// files of the largest one (one copy on disk, one copy in the page cache).
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { generateDocument } from './code.mjs';
import { int, pick, seeded } from './random.mjs';

const TREE_VERSION = 4; // bump when the generator changes: cached trees are regenerated
const FILES_PER_DIR = 40;
const KINDS = [
  // [extension, language for the generator or a text kind, weight]
  ['.py', 'python', 20],
  ['.ts', 'typescript', 18],
  ['.js', 'javascript', 14],
  ['.cs', 'csharp', 10],
  ['.java', 'java', 10],
  ['.md', 'markdown', 10],
  ['.json', 'json', 8],
  ['.txt', 'text', 5],
  ['.yaml', 'yaml', 4],
  ['.png', 'binary', 1],
];
const TOTAL_WEIGHT = KINDS.reduce((sum, kind) => sum + kind[2], 0);
const CODE = new Set(['python', 'typescript', 'javascript', 'csharp', 'java']);
const ENDPOINTS = [
  'https://corp-{n}.openai.azure.com/',
  'https://corp-{n}.services.ai.azure.com/models',
  'https://corp-{n}.cognitiveservices.azure.com/',
];

function kindOf(random) {
  let roll = random() * TOTAL_WEIGHT;
  for (const kind of KINDS) {
    roll -= kind[2];
    if (roll < 0) return kind;
  }
  return KINDS[0];
}

function prose(random, lines) {
  const words = [
    'the',
    'order',
    'service',
    'returns',
    'a',
    'page',
    'of',
    'items',
    'when',
    'cache',
    'is',
    'warm',
    'and',
    'queue',
    'empty',
  ];
  const out = [];
  for (let i = 0; i < lines; i++) {
    const n = int(random, 5, 14);
    const line = [];
    for (let j = 0; j < n; j++) line.push(pick(random, words));
    out.push(line.join(' '));
  }
  return out.join('\n') + '\n';
}

function jsonData(random, lines) {
  const out = ['['];
  for (let i = 0; i < lines - 2; i++)
    out.push(
      `  { "id": ${i}, "name": "item-${int(random, 0, 99999)}", "price": ${int(random, 1, 999)}.${int(random, 10, 99)}, "tags": ["a", "b"] },`,
    );
  out.push('  {}', ']');
  return out.join('\n') + '\n';
}

/** Content and relative path of source file i. `azure` is true for the ~1% that touch Azure AI. */
export function sourceFile(i) {
  const random = seeded(0x9e3779b1 ^ (i * 2654435761));
  const [ext, kind] = kindOf(random);
  const lines = int(random, 40, 360); // ~200 lines of ~50 bytes: ~10 KB on average
  const dir = `packages/p${String(Math.floor(i / (FILES_PER_DIR * 25))).padStart(3, '0')}/src/d${String(Math.floor(i / FILES_PER_DIR) % 25).padStart(2, '0')}`;
  const azure = CODE.has(kind) && i % 72 === 7; // ~72% of files are code: ~1% of all files
  const path = `${dir}/f${String(i).padStart(6, '0')}${ext}`;
  let text;
  if (CODE.has(kind))
    text = generateDocument(kind, lines, { seed: i + 1, azureEvery: azure ? Math.max(30, lines - 10) : 0 });
  else if (kind === 'markdown') text = `# Notes ${i}\n\n${prose(random, lines)}`;
  else if (kind === 'json') text = jsonData(random, lines);
  else if (kind === 'yaml') text = prose(random, lines).replace(/^/gm, 'key: ');
  else if (kind === 'binary') text = Buffer.from(Array.from({ length: lines * 50 }, () => int(random, 0, 255)));
  else text = prose(random, lines);
  return { path, text, azure };
}

/** node_modules file j: JavaScript full of Azure endpoints (a scanner that reads them is wrong). */
function nodeModulesFile(j) {
  const random = seeded(0x51ed27 ^ (j * 40503));
  const where = j % 3 === 0 ? `packages/p${String(j % 7).padStart(3, '0')}/node_modules` : 'node_modules';
  const path = `${where}/dep${Math.floor(j / 30)}/lib/m${j}.js`;
  return { path, text: generateDocument('javascript', int(random, 40, 360), { seed: 1000003 + j, azureEvery: 40 }) };
}

/** .git file k: object-like text containing endpoints. */
function gitFile(k) {
  const random = seeded(0x6a09e667 ^ (k * 69069));
  const path = `.git/objects/${(k % 256).toString(16).padStart(2, '0')}/${k.toString(16).padStart(38, '0')}`;
  const endpoint = pick(random, ENDPOINTS).replace('{n}', String(k));
  return { path, text: `blob ${k}\0AZURE_OPENAI_ENDPOINT=${endpoint}\n${prose(random, int(random, 20, 200))}` };
}

function write(root, path, text) {
  const full = join(root, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, text);
}

function link(fromRoot, toRoot, path) {
  const target = join(toRoot, path);
  mkdirSync(dirname(target), { recursive: true });
  linkSync(join(fromRoot, path), target);
}

/** Every file of a tree of `files` source files: [{ path, text?, azure? }] without generating text. */
function layout(files) {
  const extra = { nodeModules: Math.round(files / 10), git: Math.round(files / 20) };
  return extra;
}

/**
 * Makes (or reuses) .bench/trees/files-N for each N in sizes; returns
 * { [N]: { root, files, bytes, azureFiles, nodeModulesFiles, gitFiles } }.
 */
export function ensureTrees(benchDir, sizes, log) {
  const sorted = [...sizes].sort((a, b) => b - a);
  const largest = sorted[0];
  const info = {};
  let source;
  for (const files of sorted) {
    const root = join(benchDir, 'trees', `files-${files}`);
    const stamp = join(root, '.bench-tree.json');
    if (existsSync(stamp)) {
      const saved = JSON.parse(readFileSync(stamp, 'utf8'));
      if (saved.version === TREE_VERSION && saved.files === files) {
        info[files] = { root, ...saved };
        if (files === largest) source = root;
        continue;
      }
    }
    rmSync(root, { recursive: true, force: true });
    const started = Date.now();
    const extra = layout(files);
    let bytes = 0;
    let azureFiles = 0;
    const canLink = source && files < largest;
    for (let i = 0; i < files; i++) {
      const file = sourceFile(i);
      bytes += typeof file.text === 'string' ? Buffer.byteLength(file.text) : file.text.length;
      if (file.azure) azureFiles++;
      if (canLink) link(source, root, file.path);
      else write(root, file.path, file.text);
    }
    // A few .env files next to the Azure AI code, as real projects have them.
    for (let p = 0; p * FILES_PER_DIR * 25 < files; p++) {
      write(
        root,
        `packages/p${String(p).padStart(3, '0')}/.env`,
        `AZURE_OPENAI_ENDPOINT=https://corp-${p}.openai.azure.com/\nAZURE_OPENAI_API_VERSION=2024-10-21\n`,
      );
    }
    for (let j = 0; j < extra.nodeModules; j++) {
      const file = nodeModulesFile(j);
      if (canLink) link(source, root, file.path);
      else write(root, file.path, file.text);
    }
    write(root, '.git/HEAD', 'ref: refs/heads/main\n');
    write(root, '.git/config', '[core]\n\trepositoryformatversion = 0\n\tbare = false\n');
    for (let k = 0; k < extra.git; k++) {
      const file = gitFile(k);
      if (canLink) link(source, root, file.path);
      else write(root, file.path, file.text);
    }
    const saved = {
      version: TREE_VERSION,
      files,
      bytes,
      azureFiles,
      nodeModulesFiles: extra.nodeModules,
      gitFiles: extra.git,
    };
    writeFileSync(stamp, JSON.stringify(saved));
    info[files] = { root, ...saved };
    if (files === largest) source = root;
    log(
      `generated ${root}: ${files} files, ${(bytes / 1e6).toFixed(0)} MB of sources, ${azureFiles} Azure AI files, ${extra.nodeModules} node_modules files, ${extra.git} .git files (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  }
  return info;
}

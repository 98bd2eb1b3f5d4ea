// One scan pass: walk the paths, read the env/config files into a WorkspaceEnv, then read and
// analyse every candidate file (cheap checks first: size, binary, trigger bytes), collecting
// findings and the reasons files were skipped. Nothing from the workspace is executed.
import { analyzeDocument } from '../core/analyze';
import { WorkspaceEnv, isEnvConfigFile } from '../core/env';
import { languageIdForFile } from '../core/languages';
import type { Finding, RuleSeverities } from '../core/types';
import { decode, encodingOf, hasTrigger, hasTriggerText, isBinary, minifiedReason, readFileBounded, type DecodedText } from './fileText';
import { walk } from './walk';

export interface Skipped {
  file: string;
  reason: string;
}

export interface ScanResult {
  filesScanned: number;
  findings: Finding[];
  skipped: Skipped[];
  /** The text each analysed file had when analysed (what --fix must find unchanged before editing). */
  texts: Map<string, DecodedText>;
}

/** Applies --rule overrides to what the engine returned (idempotent if the engine applied them already). */
function applySeverities(findings: Finding[], rules: RuleSeverities): Finding[] {
  const out: Finding[] = [];
  for (const finding of findings) {
    const setting = rules[finding.rule];
    if (setting === 'off') continue;
    if (setting && setting !== 'default') out.push({ ...finding, severity: setting });
    else out.push(finding);
  }
  return out;
}

export function scan(paths: readonly string[], cwd: string, rules: RuleSeverities): ScanResult {
  const { files, problems } = walk(paths, cwd);
  const skipped: Skipped[] = problems.map((p) => ({ file: p.path, reason: p.reason }));
  const texts = new Map<string, DecodedText>();
  const findings: Finding[] = [];
  const env = new WorkspaceEnv();

  const load = (path: string): DecodedText | undefined => {
    const outcome = readFileBounded(path);
    if ('skip' in outcome) {
      skipped.push({ file: path, reason: outcome.skip });
      return undefined;
    }
    const encoding = encodingOf(outcome.bytes);
    if (isBinary(outcome.bytes, encoding)) {
      skipped.push({ file: path, reason: 'binary (contains NUL bytes)' });
      return undefined;
    }
    return decode(outcome.bytes, encoding);
  };

  // Env/config files first: their values feed the analysis of every file below them.
  const configTexts = new Map<string, DecodedText>();
  for (const file of files) {
    if (!isEnvConfigFile(file.path)) continue;
    const decoded = load(file.path);
    if (!decoded) continue;
    env.set(file.path, decoded.text);
    if (!file.ignored) configTexts.set(file.path, decoded);
  }

  let filesScanned = 0;
  for (const file of files) {
    if (file.ignored) continue;
    let decoded: DecodedText | undefined;
    if (isEnvConfigFile(file.path)) {
      decoded = configTexts.get(file.path);
      if (!decoded) continue; // skipped above
    } else {
      const outcome = readFileBounded(file.path);
      if ('skip' in outcome) {
        skipped.push({ file: file.path, reason: outcome.skip });
        continue;
      }
      const bytes = outcome.bytes;
      const encoding = encodingOf(bytes);
      if (isBinary(bytes, encoding)) {
        skipped.push({ file: file.path, reason: 'binary (contains NUL bytes)' });
        continue;
      }
      if (encoding === 'utf8' || encoding === 'utf8bom') {
        if (!hasTrigger(bytes)) {
          filesScanned++; // read and checked: nothing the rules could report on
          continue;
        }
        decoded = decode(bytes, encoding);
      } else {
        decoded = decode(bytes, encoding);
        if (!hasTriggerText(decoded.text)) {
          filesScanned++;
          continue;
        }
      }
    }
    filesScanned++;
    const minified = minifiedReason(decoded.text);
    if (minified) {
      skipped.push({ file: file.path, reason: minified });
      continue;
    }
    const languageId = languageIdForFile(file.path);
    if (!languageId) continue;
    try {
      const result = analyzeDocument(decoded.text, languageId, { fileName: file.path, env: env.sourceFor(file.path), rules });
      if (result.skipped) {
        skipped.push({ file: file.path, reason: result.skipped });
        continue;
      }
      texts.set(file.path, decoded);
      findings.push(...applySeverities(result.findings, rules));
    } catch (e) {
      skipped.push({ file: file.path, reason: `analysis failed (${(e as Error)?.message ?? String(e)})` });
    }
  }
  return { filesScanned, findings, skipped, texts };
}

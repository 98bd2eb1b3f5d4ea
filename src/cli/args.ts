// Command-line parsing for the CLI: exactly the commands and options of issue 3, with a clear
// message (and exit code 2) for anything else.
import type { RuleSeverities } from '../core/types';
import { parseRuleOption } from '../core/policy';
import { helpRuleList } from './ruleMeta';

export type ScanFormat = 'text' | 'json' | 'sarif';
export type FailOn = 'error' | 'warning' | 'never';

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'scan'; paths: string[]; format: ScanFormat; failOn: FailOn; rules: RuleSeverities; fix: boolean }
  | { kind: 'explain'; text: string; format: 'text' | 'json' };

export class UsageError extends Error {}

export const HELP = `Usage: azure-ai-auth-doctor <command> [options]

Finds Microsoft Entra ID mistakes in code that calls Azure AI model inference and Azure OpenAI.

Commands:
  scan [paths...]          Analyse files and folders (default: the current folder).
                           Skips .git, node_modules, virtualenvs, build output and .gitignore'd paths.
    --format text|json|sarif   Output format (default: text).
    --fail-on error|warning|never
                           Exit with 1 when findings at or above this severity exist (default: error).
    --rule <id>=off|info|warning|error
                           Change a rule's severity; repeatable.
    --fix                  Apply the preferred fix of each finding in place, then report what is left.
  explain "<error text>"   Classify an error message into a troubleshooting scenario.
                           Use "-" to read the text from standard input.
    --format text|json     Output format (default: text).

Options:
  --help, -h               Show this help.
  --version, -v            Show the version.

Exit codes: 0 no findings at or above --fail-on, 1 findings at or above --fail-on, 2 usage error,
  3 internal error (a rule threw; printed on stderr with its file and stack; the other files and
  rules are still scanned and reported).
Rules (id, default severity, what it finds; docs/rules/<id>.md explains each):
${helpRuleList()}
`;

/** Splits `--opt=value` into two tokens so both spellings work. */
function tokens(argv: readonly string[]): string[] {
  const out: string[] = [];
  let literal = false;
  for (const arg of argv) {
    if (!literal && arg === '--') {
      literal = true;
      out.push(arg);
    } else if (!literal && /^--[a-z-]+=/.test(arg)) {
      const eq = arg.indexOf('=');
      out.push(arg.slice(0, eq), arg.slice(eq + 1));
    } else out.push(arg);
  }
  return out;
}

export function parseArgs(argv: readonly string[]): Command {
  const args = tokens(argv);
  if (args.length === 0) throw new UsageError('missing command: use "scan" or "explain" (see --help)');
  const [command, ...rest] = args;
  if (command === '--help' || command === '-h' || command === 'help') return { kind: 'help' };
  if (command === '--version' || command === '-v' || command === '-V') return { kind: 'version' };
  if (rest.includes('--help') || rest.includes('-h')) return { kind: 'help' };

  const valueOf = (i: number, name: string): string => {
    const value = rest[i + 1];
    if (value === undefined || (value.startsWith('--') && value.length > 2))
      throw new UsageError(`${name} needs a value`);
    return value;
  };

  if (command === 'scan') {
    const paths: string[] = [];
    let format: ScanFormat = 'text';
    let failOn: FailOn = 'error';
    let fix = false;
    const rules: RuleSeverities = {};
    let literal = false;
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i];
      if (literal) {
        paths.push(arg);
        continue;
      }
      switch (arg) {
        case '--':
          literal = true;
          break;
        case '--format': {
          const value = valueOf(i++, '--format');
          if (value !== 'text' && value !== 'json' && value !== 'sarif')
            throw new UsageError(`--format must be text, json or sarif (got "${value}")`);
          format = value;
          break;
        }
        case '--fail-on': {
          const value = valueOf(i++, '--fail-on');
          if (value !== 'error' && value !== 'warning' && value !== 'never')
            throw new UsageError(`--fail-on must be error, warning or never (got "${value}")`);
          failOn = value;
          break;
        }
        case '--rule': {
          const value = valueOf(i++, '--rule');
          let parsed: ReturnType<typeof parseRuleOption>;
          try {
            parsed = parseRuleOption(value);
          } catch (e) {
            throw new UsageError((e as Error).message);
          }
          rules[parsed[0]] = parsed[1];
          break;
        }
        case '--fix':
          fix = true;
          break;
        default:
          if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option for scan: ${arg}`);
          paths.push(arg);
      }
    }
    return { kind: 'scan', paths: paths.length ? paths : ['.'], format, failOn, rules, fix };
  }

  if (command === 'explain') {
    const words: string[] = [];
    let format: 'text' | 'json' = 'text';
    let literal = false;
    for (let i = 0; i < rest.length; i++) {
      const arg = rest[i];
      if (!literal && arg === '--') literal = true;
      else if (!literal && arg === '--format') {
        const value = valueOf(i++, '--format');
        if (value !== 'text' && value !== 'json')
          throw new UsageError(`explain --format must be text or json (got "${value}")`);
        format = value;
      } else if (!literal && arg.startsWith('--')) throw new UsageError(`unknown option for explain: ${arg}`);
      else words.push(arg);
    }
    if (words.length === 0)
      throw new UsageError('explain needs the error text: explain "<error text>" (or "-" to read standard input)');
    return { kind: 'explain', text: words.join(' '), format };
  }

  throw new UsageError(`unknown command "${command}": use "scan" or "explain" (see --help)`);
}

// Command-line parsing for the CLI: exactly the commands and options of issue 3, with a clear
// message (and exit code 2) for anything else.
import type { RuleSeverities } from '../core/types';
import { parseRuleOption } from '../core/policy';
import { printable } from '../core/redact';
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

Options take their value as "--name value" or "--name=value"; switches such as --fix take none.

Exit codes:
  0  no findings at or above --fail-on
  1  findings at or above --fail-on
  2  usage error (unknown option or value), a path that could not be scanned (missing, unreadable
     folder, too long), or the report could not be written
  3  internal error (a rule threw; printed on stderr with its file and stack; the other files and
     rules are still scanned and reported)

Rules (id, default severity, what it finds; docs/rules/<id>.md explains each):
${helpRuleList()}
`;

/** One option of a command: a switch (no value, or `=true|false`) or an option that takes one value. */
interface OptionSpec {
  takesValue: boolean;
}

interface ParsedOptions {
  /** Values by option name, in order of appearance (repeatable options keep all). */
  values: Map<string, string[]>;
  switches: Map<string, boolean>;
  operands: string[];
  /** A bare "-" before any "--" (standard input, by convention). */
  dash: boolean;
}

/**
 * The one rule every option follows: `--name value` and `--name=value` mean the same; a switch takes
 * no value (`--name`, or `--name=true|false`); anything after `--` is an operand; an unknown option,
 * a missing value or a value given to a switch is a usage error.
 */
function parseOptions(
  command: string,
  args: readonly string[],
  specs: Record<string, OptionSpec>,
  /** explain: pasted text may start with "-" ("-1 error"); only `--name` and the listed short options are options. */
  dashWordsAreText = false,
): ParsedOptions {
  const parsed: ParsedOptions = { values: new Map(), switches: new Map(), operands: [], dash: false };
  let literal = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const isOption = dashWordsAreText
      ? /^--./.test(arg) || Object.hasOwn(specs, arg)
      : arg.startsWith('-') && arg !== '-';
    if (literal || !isOption) {
      if (!literal && arg === '-') parsed.dash = true;
      parsed.operands.push(arg);
      continue;
    }
    if (arg === '--') {
      literal = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg : arg.slice(0, eq);
    const inline = eq === -1 ? undefined : arg.slice(eq + 1);
    const spec = Object.hasOwn(specs, name) ? specs[name] : undefined;
    if (!spec) throw new UsageError(`unknown option for ${command}: ${printableArg(name)}`);
    if (spec.takesValue) {
      let value = inline;
      if (value === undefined) {
        value = args[i + 1];
        if (value === undefined || (value.startsWith('--') && value.length > 2))
          throw new UsageError(`${name} needs a value`);
        i++;
      }
      parsed.values.set(name, [...(parsed.values.get(name) ?? []), value]);
    } else {
      if (inline !== undefined && inline !== 'true' && inline !== 'false')
        throw new UsageError(`${name} takes no value (or =true / =false), got "${printableArg(inline)}"`);
      parsed.switches.set(name, inline !== 'false');
    }
  }
  return parsed;
}

/** Arguments are echoed in usage errors: keep them to one printable line. */
const printableArg = (s: string) => printable(s.length > 80 ? `${s.slice(0, 80)}...` : s);

function oneOf<T extends string>(name: string, values: string[] | undefined, allowed: readonly T[], fallback: T): T {
  if (!values) return fallback;
  if (values.length > 1) throw new UsageError(`${name} given more than once`);
  const value = values[0];
  if (!(allowed as readonly string[]).includes(value))
    throw new UsageError(
      `${name} must be ${allowed.slice(0, -1).join(', ')} or ${allowed[allowed.length - 1]} (got "${printableArg(value)}")`,
    );
  return value as T;
}

function ruleSeverities(values: readonly string[]): RuleSeverities {
  const rules: RuleSeverities = {};
  for (const value of values) {
    let parsed: ReturnType<typeof parseRuleOption>;
    try {
      parsed = parseRuleOption(value);
    } catch (e) {
      throw new UsageError(printable((e as Error).message));
    }
    rules[parsed[0]] = parsed[1];
  }
  return rules;
}

const HELP_SWITCHES = { '--help': { takesValue: false }, '-h': { takesValue: false } };

export function parseArgs(argv: readonly string[]): Command {
  if (argv.length === 0) throw new UsageError('missing command: use "scan" or "explain" (see --help)');
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') return { kind: 'help' };
  if (command === '--version' || command === '-v' || command === '-V') return { kind: 'version' };

  if (command === 'scan') {
    const o = parseOptions('scan', rest, {
      ...HELP_SWITCHES,
      '--format': { takesValue: true },
      '--fail-on': { takesValue: true },
      '--rule': { takesValue: true },
      '--fix': { takesValue: false },
    });
    if (o.switches.get('--help') || o.switches.get('-h')) return { kind: 'help' };
    const format = oneOf('--format', o.values.get('--format'), ['text', 'json', 'sarif'] as const, 'text');
    const failOn = oneOf('--fail-on', o.values.get('--fail-on'), ['error', 'warning', 'never'] as const, 'error');
    const rules = ruleSeverities(o.values.get('--rule') ?? []);
    if (o.dash) throw new UsageError('scan does not read standard input: name the files or folders to scan');
    const paths = o.operands.length ? o.operands : ['.'];
    return { kind: 'scan', paths, format, failOn, rules, fix: o.switches.get('--fix') ?? false };
  }

  if (command === 'explain') {
    const o = parseOptions('explain', rest, { ...HELP_SWITCHES, '--format': { takesValue: true } }, true);
    if (o.switches.get('--help') || o.switches.get('-h')) return { kind: 'help' };
    const format = oneOf('explain --format', o.values.get('--format'), ['text', 'json'] as const, 'text');
    if (o.operands.length === 0)
      throw new UsageError('explain needs the error text: explain "<error text>" (or "-" to read standard input)');
    return { kind: 'explain', text: o.operands.join(' '), format };
  }

  throw new UsageError(`unknown command "${printableArg(command)}": use "scan" or "explain" (see --help)`);
}

import { parseArgs } from 'node:util';
import { quoted } from '../sessions/present.js';
import { plainDashboardArgs } from './dashboard-args.js';

export class UsageError extends Error {
  override name = 'UsageError';
}

export const COMMANDS = ['list', 'new', 'open', 'projects', 'attach', 'kill', 'rename', 'status', 'cleanup-locks', 'config', 'init', 'agents', 'agent-state', 'agent-hooks'] as const;
export type CommandName = (typeof COMMANDS)[number];

export interface ParsedArgs {
  /** undefined: no subcommand given. */
  command: CommandName | undefined;
  positionals: string[];
  socketName: string | undefined;
  socketPath: string | undefined;
  json: boolean;
  dir: string | undefined;
  client: string | undefined;
  /** Seconds to wait for a running dashboard to go; undefined: do not wait. */
  wait: number | undefined;
  takeover: boolean;
  /** agent-state's pane (`--pane %ID`); agent-hooks' --install. */
  pane: string | undefined;
  install: boolean;
  exitAfter: boolean;
  sshOnly: boolean;
  /** `open`: find or create the session, do not go there. */
  noAttach: boolean;
  help: boolean;
  version: boolean;
}

const OPTIONS = {
  'socket-name': { type: 'string', short: 'L' },
  'socket-path': { type: 'string', short: 'S' },
  json: { type: 'boolean' },
  dir: { type: 'string', short: 'd' },
  client: { type: 'string', short: 'c' },
  wait: { type: 'string' },
  takeover: { type: 'boolean' },
  exit: { type: 'boolean' },
  'ssh-only': { type: 'boolean' },
  'no-attach': { type: 'boolean' },
  pane: { type: 'string' },
  install: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

/** Which command-specific options and how many operands each command takes. */
const GRAMMAR: Record<CommandName, { options: readonly (keyof typeof OPTIONS)[]; min: number; max: number; usage: string }> = {
  list: { options: ['json'], min: 0, max: 0, usage: 'list [--json]' },
  new: { options: ['dir'], min: 0, max: 1, usage: 'new [NAME] [--dir DIR]' },
  open: { options: ['no-attach', 'client'], min: 0, max: 1, usage: 'open [PATH|NAME] [--no-attach] [--client CLIENT]' },
  projects: { options: ['json'], min: 0, max: 0, usage: 'projects [--json]' },
  attach: { options: ['client'], min: 1, max: 1, usage: 'attach NAME [--client CLIENT]' },
  kill: { options: [], min: 1, max: 1, usage: 'kill NAME' },
  rename: { options: [], min: 2, max: 2, usage: 'rename OLD NEW' },
  status: { options: ['json'], min: 0, max: 0, usage: 'status [--json]' },
  'cleanup-locks': { options: [], min: 0, max: 0, usage: 'cleanup-locks' },
  config: { options: ['json'], min: 0, max: 0, usage: 'config [--json]' },
  init: { options: ['exit', 'ssh-only'], min: 1, max: 1, usage: 'init bash|zsh|fish [--exit] [--ssh-only]' },
  agents: { options: ['json'], min: 0, max: 0, usage: 'agents [--json]' },
  // A second operand is the event Codex's notify appends (JSON): accepted and ignored.
  'agent-state': { options: ['pane'], min: 1, max: 2, usage: 'agent-state working|needs-input|done|idle|clear [--pane %ID]' },
  'agent-hooks': { options: ['install'], min: 1, max: 1, usage: 'agent-hooks claude|codex [--install]' },
};
/** No subcommand: the dashboard itself. */
const DASHBOARD_GRAMMAR = { options: ['client', 'wait', 'takeover'], min: 0, max: 0, usage: '[--client CLIENT] [--wait SECONDS | --takeover]' } as const;
const GLOBAL_OPTIONS = new Set(['socket-name', 'socket-path', 'help', 'version']);

function isCommand(word: string): word is CommandName {
  return (COMMANDS as readonly string[]).includes(word);
}

/** What each option that takes a value wants, for messages. */
const VALUE_NAMES: Record<string, string> = {
  'socket-name': 'a server name',
  'socket-path': 'a socket path',
  dir: 'a directory',
  client: 'a client name (its tty)',
  wait: 'a number of seconds (0 to 86400)',
  pane: 'a pane id (like %3)',
};

type OptionName = keyof typeof OPTIONS;

function isOption(name: string): name is OptionName {
  return Object.hasOwn(OPTIONS, name);
}

/**
 * Parses argv (without node and script). Throws UsageError with one sentence
 * for the user that names the option and what it takes. node's strict mode
 * is not used: its messages are about parseArgs itself ("argument is
 * ambiguous" for `--wait -1`), so each option token is checked here.
 */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  const plain = plainDashboardArgs(argv);
  if (plain !== undefined) return { ...PLAIN_DEFAULTS, positionals: [], ...plain };
  return parseAllArgs(argv);
}

/** What a plain dashboard command line (plainDashboardArgs) leaves as it is. */
const PLAIN_DEFAULTS: ParsedArgs = {
  command: undefined,
  positionals: [],
  socketName: undefined,
  socketPath: undefined,
  json: false,
  dir: undefined,
  client: undefined,
  wait: undefined,
  takeover: false,
  pane: undefined,
  install: false,
  exitAfter: false,
  sshOnly: false,
  noAttach: false,
  help: false,
  version: false,
};

/** parseCliArgs through util.parseArgs, for any command line. Exported for the test that compares both ways. */
export function parseAllArgs(argv: readonly string[]): ParsedArgs {
  const parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: false, tokens: true });
  for (const token of parsed.tokens) {
    if (token.kind !== 'option' || !isOption(token.name)) continue;
    const wants = VALUE_NAMES[token.name];
    if (wants === undefined) {
      if (token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
      continue;
    }
    if (token.value === undefined) throw new UsageError(`${token.rawName} needs ${wants}`);
    // `-S --json`: the next option is not a value. A negative number is one
    // (and is refused with its own message below); `--dir=-x` passes any.
    if (!token.inlineValue && token.value.startsWith('-') && !/^-\d/.test(token.value)) {
      throw new UsageError(`${token.rawName} needs ${wants}, not the option ${token.value} (write --${token.name}=${token.value} if that is the value)`);
    }
  }
  const values = parsed.values as { [K in OptionName]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean };
  const positionals = parsed.positionals;
  // `-L ''` read as the default socket folder, `--dir ''` as the current one, `--wait ''` as 0: an empty value is a slip, said.
  const empty = parsed.tokens.find((token) => token.kind === 'option' && token.value === '');
  if (empty?.kind === 'option') throw new UsageError(`${empty.rawName} needs a value, not an empty one`);
  if (values['socket-name'] !== undefined && values['socket-path'] !== undefined) {
    throw new UsageError('-L and -S cannot be used together');
  }
  const [first, ...rest] = positionals;
  let command: CommandName | undefined;
  if (first !== undefined) {
    if (!isCommand(first)) throw new UsageError(`unknown command: ${quoted(first)} (commands: ${COMMANDS.join(', ')})`);
    command = first;
  }
  const help = values.help === true;
  if (!help) {
    const grammar = command === undefined ? DASHBOARD_GRAMMAR : GRAMMAR[command];
    for (const token of parsed.tokens) {
      if (token.kind === 'option' && !GLOBAL_OPTIONS.has(token.name) && !(grammar.options as readonly string[]).includes(token.name)) {
        const hint = grammar.max > 0 ? "; put -- before a NAME that starts with '-'" : '';
        const what = isOption(token.name) ? `${command ?? 'the dashboard'} does not take ${token.rawName}` : `unknown option ${token.rawName}`;
        throw new UsageError(`${what} (usage: tmux-dashboard ${grammar.usage}${hint})`);
      }
    }
    if (rest.length < grammar.min || rest.length > grammar.max) {
      throw new UsageError(`usage: tmux-dashboard ${grammar.usage}`);
    }
  }
  const wait = values.wait === undefined ? undefined : Number(values.wait);
  if (wait !== undefined && !(Number.isFinite(wait) && wait >= 0 && wait <= 86_400)) {
    throw new UsageError(`--wait takes a number of seconds (0 to 86400), not ${JSON.stringify(values.wait)}`);
  }
  if (wait !== undefined && values.takeover === true) throw new UsageError('--wait and --takeover cannot be used together');
  return {
    command,
    positionals: rest,
    socketName: values['socket-name'],
    socketPath: values['socket-path'],
    json: values.json === true,
    dir: values.dir,
    client: values.client,
    wait,
    takeover: values.takeover === true,
    pane: values.pane,
    install: values.install === true,
    exitAfter: values.exit === true,
    sshOnly: values['ssh-only'] === true,
    noAttach: values['no-attach'] === true,
    help,
    version: values.version === true,
  };
}

import { homedir } from 'node:os';
import { absoluteFrom, findProjectDir, projectSessionName, startingFolder, type StartingFolder } from '../project/detect.js';
import { simpleMeasure, type TextMeasure } from '../sessions/measure.js';
import { formatAge, printable, shortenHome } from '../sessions/present.js';
import { validateSessionName } from '../tmux/names.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import type { TmuxService } from '../tmux/service.js';
import type { Session } from '../tmux/types.js';
import { expandHome } from '../xdg.js';
import { ExitCode } from './exit-codes.js';

/** Where a command writes; the real process streams in production. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** What every command gets: the server, where to print, the log and the effective config. */
export interface CommandContext {
  tmux: TmuxService;
  output: Output;
  log: Logger;
  config: Config;
}

const NAME_COLUMN_MAX = 40;

/** A name cut to NAME_COLUMN_MAX cells; a wide character at the cut can leave one too many, so cut shorter (as rows.ts fit does). */
function cutName(name: string, measure: TextMeasure): string {
  let cut = name;
  for (let target = NAME_COLUMN_MAX; measure.width(cut) > NAME_COLUMN_MAX && target > 0; target--) cut = measure.truncate(name, target, 'end');
  return cut;
}

/**
 * The `list` table. Columns are measured in terminal cells with `measure`,
 * the dashboard's (src/sessions/measure.ts): a CJK character or an emoji
 * takes two, a combining mark none, so the columns line up as the rows do.
 */
export function formatSessionTable(sessions: readonly Session[], home: string, measure: TextMeasure, nowMs: number = Date.now()): string {
  const header = ['NAME', 'WINDOWS', 'ATTACHED', 'ACTIVITY', 'PATH'];
  const rows = sessions.map((session) => [
    cutName(printable(session.name), measure),
    String(session.windows),
    String(session.attached),
    formatAge(session.activity, nowMs),
    printable(shortenHome(session.path, home)),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => measure.width(row[column] ?? ''))));
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell + ' '.repeat(Math.max(0, (widths[column] ?? 0) - measure.width(cell)))))
      .join('  ')
      .trimEnd();
  return [header, ...rows].map(line).join('\n') + '\n';
}

/** The table measured by the shortcut when every character allows, else by string-width (loaded only then). */
async function sessionTable(sessions: readonly Session[], home: string): Promise<string> {
  const simple = simpleMeasure();
  const table = formatSessionTable(sessions, home, simple.measure);
  if (!simple.sawOtherText()) return table;
  return formatSessionTable(sessions, home, (await import('../sessions/measure-full.js')).fullMeasure);
}

export async function listCommand({ tmux, output }: CommandContext, json: boolean): Promise<number> {
  const sessions = await tmux.listSessions();
  output.out(json ? `${JSON.stringify(sessions, null, 2)}\n` : await sessionTable(sessions, homedir()));
  return ExitCode.ok;
}

/**
 * The dry run goes through the same plan as the real run (directory check,
 * sanitising, de-duplication) and prints what the real run would, or fails
 * as it would.
 */
export async function newCommand({ tmux, output, log, config }: CommandContext, name: string | undefined, dir: string | undefined, here: StartingFolder = startingFolder()): Promise<number> {
  // `~/…` as `open` and the n dialog take it: a quoted `'~/src'` reaches us unexpanded by the shell.
  const startDir = dir === undefined ? findProjectDir(here.dir) : absoluteFrom(expandHome(dir, homedir()), '--dir', here);
  // stdout stays the name alone (scripts read it); where the session went, when not where asked, on stderr.
  if (dir === undefined && here.note !== undefined) output.err(`tmux-dashboard: ${here.note}: the session starts in ${startDir}\n`);
  const wanted = name === undefined ? projectSessionName(startDir) : validateSessionName(name);
  if (config.dry_run) {
    const plan = await tmux.planCreate(wanted, startDir);
    output.out(`dry run: would create ${plan.name} in ${plan.startDir}\n`);
    return ExitCode.ok;
  }
  const created = await tmux.createSession(wanted, startDir, { automaticName: name === undefined });
  log.info('session_created', `created ${created.id} in ${startDir}`, created.name);
  output.out(`${created.name}\n`);
  return ExitCode.ok;
}

export async function attachCommand({ tmux, log }: CommandContext, name: string, client: string | undefined): Promise<number> {
  const session = await tmux.requireByName(name);
  log.info('session_attached', tmux.isInsideThisServer() ? 'switch-client' : 'attach', session.name);
  return tmux.attachOrSwitch(session, client);
}

export async function killCommand({ tmux, output, log, config }: CommandContext, name: string): Promise<number> {
  const session = await tmux.requireByName(name);
  if (config.dry_run) {
    output.out(`dry run: would kill ${session.name} (${session.id})\n`);
    return ExitCode.ok;
  }
  await tmux.killSession(session);
  log.info('session_killed', `killed ${session.id}`, session.name);
  output.out(`killed ${session.name}\n`);
  return ExitCode.ok;
}

export async function renameCommand({ tmux, output, log, config }: CommandContext, oldName: string, newName: string): Promise<number> {
  const wanted = validateSessionName(newName);
  const session = await tmux.planRename(oldName, wanted);
  if (config.dry_run) {
    output.out(`dry run: would rename ${session.name} to ${wanted}\n`);
    return ExitCode.ok;
  }
  const renamed = await tmux.renameSession(session, wanted);
  log.info('session_renamed', `renamed ${session.id} from ${session.name}`, renamed.name);
  output.out(`${renamed.name}\n`);
  return ExitCode.ok;
}

import os from 'node:os';
import { absoluteFrom, findProjectDir, projectSessionName, startingFolder, type StartingFolder } from '../project/detect.js';
import { formatAge, printable, shortenHome } from '../sessions/present.js';
import { validateSessionName } from '../tmux/names.js';
import type { Config } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import type { TmuxService } from '../tmux/service.js';
import type { Session } from '../tmux/types.js';
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

function truncate(text: string, width: number): string {
  return text.length <= width ? text : `${text.slice(0, width - 1)}…`;
}

export function formatSessionTable(sessions: readonly Session[], home: string, nowMs: number = Date.now()): string {
  const header = ['NAME', 'WINDOWS', 'ATTACHED', 'ACTIVITY', 'PATH'];
  const rows = sessions.map((session) => [
    truncate(printable(session.name), NAME_COLUMN_MAX),
    String(session.windows),
    String(session.attached),
    formatAge(session.activity, nowMs),
    printable(shortenHome(session.path, home)),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ')
      .trimEnd();
  return [header, ...rows].map(line).join('\n') + '\n';
}

export async function listCommand({ tmux, output }: CommandContext, json: boolean): Promise<number> {
  const sessions = await tmux.listSessions();
  output.out(json ? `${JSON.stringify(sessions, null, 2)}\n` : formatSessionTable(sessions, os.homedir()));
  return ExitCode.ok;
}

export async function newCommand({ tmux, output, log, config }: CommandContext, name: string | undefined, dir: string | undefined, here: StartingFolder = startingFolder()): Promise<number> {
  const startDir = dir === undefined ? findProjectDir(here.dir) : absoluteFrom(dir, '--dir', here);
  // stdout stays the name alone (scripts read it); where the session went, when not where asked, on stderr.
  if (dir === undefined && here.note !== undefined) output.err(`tmux-dashboard: ${here.note}: the session starts in ${startDir}\n`);
  const wanted = name === undefined ? projectSessionName(startDir) : validateSessionName(name);
  if (config.dry_run) {
    output.out(`dry run: would create ${wanted} in ${startDir}\n`);
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
  const session = await tmux.requireByName(oldName);
  if (config.dry_run) {
    output.out(`dry run: would rename ${session.name} to ${wanted}\n`);
    return ExitCode.ok;
  }
  const renamed = await tmux.renameSession(session, wanted);
  log.info('session_renamed', `renamed ${session.id} from ${session.name}`, renamed.name);
  output.out(`${renamed.name}\n`);
  return ExitCode.ok;
}

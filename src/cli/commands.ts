import os from 'node:os';
import { findProjectDir, projectSessionName } from '../project/detect.js';
import { formatAge, printable, shortenHome } from '../sessions/present.js';
import { validateSessionName } from '../tmux/names.js';
import type { TmuxService } from '../tmux/service.js';
import type { Session } from '../tmux/types.js';
import { ExitCode } from './exit-codes.js';

/** Where a command writes; the real process streams in production. */
export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
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

export async function listCommand(tmux: TmuxService, json: boolean, output: Output): Promise<number> {
  const sessions = await tmux.listSessions();
  output.out(json ? `${JSON.stringify(sessions, null, 2)}\n` : formatSessionTable(sessions, os.homedir()));
  return ExitCode.ok;
}

export async function newCommand(tmux: TmuxService, name: string | undefined, dir: string | undefined, cwd: string, output: Output): Promise<number> {
  const startDir = dir ?? findProjectDir(cwd);
  const wanted = name === undefined ? projectSessionName(startDir) : validateSessionName(name);
  const created = await tmux.createSession(wanted, startDir);
  output.out(`${created.name}\n`);
  return ExitCode.ok;
}

export async function attachCommand(tmux: TmuxService, name: string, client: string | undefined): Promise<number> {
  const session = await tmux.requireByName(name);
  return tmux.attachOrSwitch(session, client);
}

export async function killCommand(tmux: TmuxService, name: string, output: Output): Promise<number> {
  const session = await tmux.requireByName(name);
  await tmux.killSession(session);
  output.out(`killed ${session.name}\n`);
  return ExitCode.ok;
}

export async function renameCommand(tmux: TmuxService, oldName: string, newName: string, output: Output): Promise<number> {
  const wanted = validateSessionName(newName);
  const session = await tmux.requireByName(oldName);
  const renamed = await tmux.renameSession(session, wanted);
  output.out(`${renamed.name}\n`);
  return ExitCode.ok;
}

import type { TmuxService } from '../tmux/service.js';
import type { Session, Snapshot } from '../tmux/types.js';
import { annotateSessions } from './annotate.js';
import { claudeSessionsDir, readClaudeStatusFiles, type FileReport } from './claude-files.js';

/** pane_pid → pane id, for mapping a status file's process to its pane. */
export function panePids(sessions: readonly Session[]): Map<number, string> {
  const pids = new Map<number, string>();
  for (const session of sessions) for (const pane of session.panes) if (pane.pid !== undefined && pane.pid > 0) pids.set(pane.pid, pane.id);
  return pids;
}

/** The agents' own status files for the panes of a list (none on error: they are a hint, never a failure). */
export function readAgentFiles(sessions: readonly Session[], env: NodeJS.ProcessEnv): Promise<Map<string, FileReport>> {
  return readClaudeStatusFiles(panePids(sessions), { dir: claudeSessionsDir(env) }).catch(() => new Map<string, FileReport>());
}

/** One list call, the status files, and every pane's agent (for the commands; the dashboard does it in its core). */
export async function agentSnapshot(tmux: Pick<TmuxService, 'snapshot'>, options: { aiCommands: ReadonlySet<string>; env: NodeJS.ProcessEnv; now?: number }): Promise<Snapshot> {
  const snapshot = await tmux.snapshot();
  const files = await readAgentFiles(snapshot.sessions, options.env);
  return { ...snapshot, sessions: annotateSessions(snapshot.sessions, { aiCommands: options.aiCommands, files, nowSeconds: Math.floor((options.now ?? Date.now()) / 1000) }) };
}

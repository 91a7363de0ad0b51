import { lstatSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { agentPanes } from '../agents/annotate.js';
import { AGENT_OPTION, formatHookMark, nextHookMark, parseHookMark } from '../agents/hook-mark.js';
import { hookSnippet, isHookAgent, mergeClaudeSettings, SettingsMergeError, HOOK_AGENTS } from '../agents/hook-config.js';
import { isHookState, HOOK_STATES, STATE_LABELS } from '../agents/model.js';
import { agentSnapshot } from '../agents/snapshot.js';
import { writeOwnFileAtomic } from '../private-files.js';
import { formatAge, printable, quoted } from '../sessions/present.js';
import type { TmuxService } from '../tmux/service.js';
import type { Session } from '../tmux/types.js';
import { UsageError } from './args.js';
import type { CommandContext, Output } from './commands.js';
import { ExitCode } from './exit-codes.js';

/**
 * `agent-state STATE [--pane %ID]`: what an agent's hook calls. It reads the
 * pane's mark and writes the next one (two tmux calls, each with the
 * deadline), so a repeated state keeps its start time. `clear` removes it.
 */
export async function agentStateCommand(tmux: TmuxService, state: string, pane: string | undefined, env: NodeJS.ProcessEnv): Promise<number> {
  if (state !== 'clear' && !isHookState(state)) throw new UsageError(`unknown agent state ${quoted(state)} (states: ${HOOK_STATES.join(', ')}, clear)`);
  const paneId = pane ?? env.TMUX_PANE;
  if (paneId === undefined || paneId === '') throw new UsageError('no pane to mark: $TMUX_PANE is not set (run it from an agent hook inside tmux, or give --pane %ID)');
  if (!/^%\d{1,9}$/.test(paneId)) throw new UsageError(`${quoted(paneId)} is not a pane id (like %3)`);
  if (state === 'clear') {
    await tmux.setPaneOption(paneId, AGENT_OPTION, undefined);
    return ExitCode.ok;
  }
  const previous = parseHookMark(await tmux.paneOption(paneId, AGENT_OPTION));
  await tmux.setPaneOption(paneId, AGENT_OPTION, formatHookMark(nextHookMark(previous, state, Math.floor(Date.now() / 1000))));
  return ExitCode.ok;
}

export function claudeSettingsPath(env: NodeJS.ProcessEnv, home: string = homedir()): string {
  const configDir = env.CLAUDE_CONFIG_DIR;
  return join(configDir !== undefined && configDir !== '' ? configDir : join(home, '.claude'), 'settings.json');
}

/** `agent-hooks NAME [--install]`: prints the hook configuration, or merges Claude Code's into its settings (with a backup). */
export function agentHooksCommand(agent: string, install: boolean, env: NodeJS.ProcessEnv, output: Output, now: Date = new Date()): number {
  if (!isHookAgent(agent)) throw new UsageError(`no hooks are known for ${quoted(agent)} (known: ${HOOK_AGENTS.join(', ')}); other agents show their state through titles, or as AI`);
  const settings = claudeSettingsPath(env);
  if (!install) {
    output.out(hookSnippet(agent, settings));
    return ExitCode.ok;
  }
  if (agent !== 'claude') throw new UsageError(`--install is for claude only: Codex's config is TOML with one notify program, which is yours to choose; add the line printed by: tmux-dashboard agent-hooks ${agent}`);
  // A link (a dotfile manager's) would be replaced by a file, or lead to a file of someone else's: it is the user's to merge, and nothing is written, no backup either.
  if (lstatSync(settings, { throwIfNoEntry: false })?.isSymbolicLink() === true) {
    output.err(`tmux-dashboard: ${settings} was not changed: it is a symbolic link. Merge this by hand into the file it points to:\n${hookSnippet('claude', settings)}`);
    return ExitCode.failure;
  }
  let before: string | undefined;
  try {
    before = readFileSync(settings, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new SettingsMergeError(`cannot read ${settings}: ${(error as Error).message}`);
  }
  let after: string;
  try {
    after = mergeClaudeSettings(before);
  } catch (error) {
    if (!(error instanceof SettingsMergeError)) throw error;
    output.err(`tmux-dashboard: ${settings} was not changed: ${error.message}. Merge this by hand:\n${hookSnippet('claude', settings)}`);
    return ExitCode.failure;
  }
  if (after === before) {
    output.out(`${settings} already has the hooks: nothing changed\n`);
    return ExitCode.ok;
  }
  let backup: string | undefined;
  if (before !== undefined) {
    backup = `${settings}.${now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '')}.tmux-dashboard.bak`;
    writeOwnFileAtomic(backup, before);
  }
  writeOwnFileAtomic(settings, after);
  output.out(`hooks installed in ${settings}${backup === undefined ? '' : ` (the previous file is kept as ${backup})`}\n`);
  return ExitCode.ok;
}

/** The JSON shape of a session's agent data, as `list --json` and `agents --json` give it. */
function agentJson(sessions: readonly Session[]) {
  return sessions.map((session) => ({ ...session, agent: session.agent ?? null, panes: session.panes.map((pane) => ({ ...pane, agent: pane.agent ?? null })) }));
}

export async function listJson({ tmux, config, output }: CommandContext, env: NodeJS.ProcessEnv): Promise<number> {
  const snapshot = await agentSnapshot(tmux, { aiCommands: new Set(config.ai_commands), env });
  output.out(`${JSON.stringify(agentJson(snapshot.sessions), null, 2)}\n`);
  return ExitCode.ok;
}

/** `agents [--json]`: every agent pane, most urgent first (for status bars and scripts). */
export async function agentsCommand({ tmux, config, output }: CommandContext, json: boolean, env: NodeJS.ProcessEnv, now: number = Date.now()): Promise<number> {
  const snapshot = await agentSnapshot(tmux, { aiCommands: new Set(config.ai_commands), env, now });
  const found = agentPanes(snapshot.sessions);
  if (json) {
    const rows = found.map(({ session, pane, agent }) => ({ session: session.name, sessionId: session.id, pane: pane.id, ...agent }));
    output.out(`${JSON.stringify(rows, null, 2)}\n`);
    return ExitCode.ok;
  }
  const lines = found.map(({ session, pane, agent }) => {
    const age = agent.since === null ? '' : ` ${formatAge(agent.since, now)}`;
    return `${STATE_LABELS[agent.state].padEnd(7)}${age.padStart(5)}  ${printable(session.name)}  ${pane.id}  ${printable(agent.name)} (${agent.source})`;
  });
  output.out(lines.length === 0 ? 'no agent panes\n' : `${lines.join('\n')}\n`);
  return ExitCode.ok;
}

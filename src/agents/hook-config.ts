import type { HookState } from './model.js';

/**
 * The hook configuration each agent needs to call `tmux-dashboard
 * agent-state`, and merging it into Claude Code's settings file.
 *
 * Every command ends in `|| true`: Claude Code treats a hook's exit code 2
 * as "block this action" (and this program exits 2 on a usage error, e.g.
 * when the agent runs outside tmux and there is no pane to mark), so a
 * failing mark must never stop the agent.
 */
export const HOOK_AGENTS = ['claude', 'codex'] as const;
export type HookAgent = (typeof HOOK_AGENTS)[number];

export function isHookAgent(name: string): name is HookAgent {
  return (HOOK_AGENTS as readonly string[]).includes(name);
}

/** What marks every hook we own: a handler whose command contains it is ours to replace. */
const OWN_MARK = 'tmux-dashboard agent-state';

export const hookCommand = (state: HookState | 'clear') => `${OWN_MARK} ${state} || true`;

interface ClaudeHandler {
  type: 'command';
  command: string;
  timeout: number;
}
interface ClaudeGroup {
  matcher?: string;
  hooks: ClaudeHandler[];
}

/**
 * Claude Code's events and the state each one means. A permission prompt
 * or a question (Notification with those matchers, PermissionRequest) waits
 * for the user; after it is answered the next tool call (PostToolUse) says
 * working again. `idle_prompt` notifications are left out: they come a
 * minute after a turn ended and would turn `done` into `needs-input`.
 */
export const CLAUDE_EVENTS: readonly { event: string; matcher?: string; state: HookState | 'clear' }[] = [
  { event: 'UserPromptSubmit', state: 'working' },
  { event: 'PostToolUse', matcher: '*', state: 'working' },
  { event: 'Notification', matcher: 'permission_prompt|elicitation_dialog', state: 'needs-input' },
  { event: 'PermissionRequest', matcher: '*', state: 'needs-input' },
  { event: 'Stop', state: 'done' },
  { event: 'SessionEnd', state: 'clear' },
];

export function claudeHooks(): Record<string, ClaudeGroup[]> {
  const hooks: Record<string, ClaudeGroup[]> = {};
  for (const { event, matcher, state } of CLAUDE_EVENTS) {
    const group: ClaudeGroup = { ...(matcher === undefined ? {} : { matcher }), hooks: [{ type: 'command', command: hookCommand(state), timeout: 10 }] };
    (hooks[event] ??= []).push(group);
  }
  return hooks;
}

/** What `agent-hooks NAME` prints: the configuration, and where it goes. */
export function hookSnippet(agent: HookAgent, settingsPath: string): string {
  if (agent === 'claude') return `# merge into ${settingsPath} (or run: tmux-dashboard agent-hooks claude --install)\n${JSON.stringify({ hooks: claudeHooks() }, null, 2)}\n`;
  return [
    '# Codex calls one program when a turn completes (its `notify` setting); it has',
    '# no event for a started turn or an open approval there, so only `done` comes',
    '# from a hook. Its title shows "Action Required" during an approval, which the',
    '# dashboard reads. Put this line at the top level of ~/.codex/config.toml',
    '# (before any [table]); Codex appends its event as JSON, which is ignored.',
    'notify = ["tmux-dashboard", "agent-state", "done"]',
    '',
  ].join('\n');
}

export class SettingsMergeError extends Error {
  override name = 'SettingsMergeError';
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const isObject = (value: unknown): value is Record<string, Json> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The file's indentation, if it is exactly what JSON.stringify writes with it (then re-writing it changes only what we add). */
function canonicalIndent(text: string, parsed: unknown): number | string | undefined {
  const body = text.replace(/\n$/, '');
  for (const indent of [2, 4, '\t', 0]) if (JSON.stringify(parsed, null, indent) === body) return indent;
  return undefined;
}

/**
 * The settings text with our hooks in: every handler of ours (whatever
 * version wrote it) is replaced, groups and events left empty by that are
 * dropped, and everything else stays as it was. Returns the same text when
 * it already holds exactly our hooks. A file not laid out as JSON.stringify
 * writes it (comments, hand formatting) is refused: re-writing it would
 * change bytes the user owns.
 */
export function mergeClaudeSettings(text: string | undefined): string {
  if (text === undefined || text.trim() === '') return `${JSON.stringify({ hooks: claudeHooks() }, null, 2)}\n`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new SettingsMergeError(`it is not valid JSON (${(error as Error).message})`);
  }
  if (!isObject(parsed)) throw new SettingsMergeError('it does not hold a JSON object');
  const indent = canonicalIndent(text, parsed);
  if (indent === undefined) throw new SettingsMergeError('it is not laid out as JSON.stringify writes it (comments or hand formatting), and rewriting it would change your bytes');
  const hooks = parsed.hooks ?? {};
  if (!isObject(hooks)) throw new SettingsMergeError('its "hooks" is not an object');
  const merged: Record<string, Json> = {};
  for (const [event, groups] of Object.entries(hooks)) {
    if (!Array.isArray(groups)) {
      merged[event] = groups;
      continue;
    }
    const kept = groups.flatMap((group): Json[] => {
      if (!isObject(group) || !Array.isArray(group.hooks)) return [group];
      const handlers = group.hooks.filter((handler) => !(isObject(handler) && typeof handler.command === 'string' && handler.command.includes(OWN_MARK)));
      if (handlers.length === group.hooks.length) return [group];
      return handlers.length === 0 ? [] : [{ ...group, hooks: handlers }];
    });
    if (kept.length > 0) merged[event] = kept;
  }
  for (const [event, groups] of Object.entries(claudeHooks())) {
    const existing = merged[event];
    merged[event] = [...(Array.isArray(existing) ? existing : []), ...(groups as unknown as Json[])];
  }
  const next = { ...parsed, hooks: merged };
  const out = JSON.stringify(next, null, indent) + (text.endsWith('\n') ? '\n' : '');
  // Ours were already there, in this order: nothing to write.
  return JSON.stringify(next) === JSON.stringify(parsed) ? text : out;
}

import type { HookState } from './model.js';

/**
 * Terminal titles (`#{pane_title}`, printed by the list call anyway) as the
 * last resort: they are known to lie (a Claude Code version pins its idle
 * glyph under a multiplexer while it works; the title can be switched off),
 * so a title is read only when neither a hook nor a status file says
 * anything. Rules are data, tried in order; `agent: '*'` applies to any agent.
 * test/unit/agents.test.ts ("titles, as recorded") holds recorded titles for each rule.
 */
export interface TitleRule {
  agent: string;
  pattern: RegExp;
  state: HookState;
  /** Where the rule comes from, for whoever updates it. */
  why: string;
}

export const TITLE_RULES: readonly TitleRule[] = [
  { agent: 'codex', pattern: /\[ ?! ?\] Action Required/i, state: 'needs-input', why: 'Codex marks its title while an approval is open' },
  { agent: 'claude', pattern: /^[\u2800-\u28ff]/, state: 'working', why: 'Claude Code spins a braille glyph in front of the title while it works' },
  { agent: 'claude', pattern: /^[\u25d0\u25d3\u25d1\u25d2]/, state: 'working', why: 'later Claude Code versions spin half-filled circles (◐◓◑◒) instead' },
  { agent: 'claude', pattern: /^\u2733/, state: 'idle', why: 'Claude Code shows ✳ at rest (and, in some versions, under tmux always: hence only a tie-breaker)' },
  { agent: '*', pattern: /action required|waiting for (your )?(input|approval)/i, state: 'needs-input', why: 'explicit words are the same for every agent' },
];

/** The state the title suggests for an agent named `agent`, if a rule matches. */
export function stateFromTitle(agent: string, title: string | undefined, rules: readonly TitleRule[] = TITLE_RULES): HookState | undefined {
  if (title === undefined || title === '') return undefined;
  return rules.find((rule) => (rule.agent === agent || rule.agent === '*') && rule.pattern.test(title))?.state;
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annotateSessions, paneAgent, readAgents, sessionsToMarkSeen } from '../../src/agents/annotate.js';
import { formatHookMark, nextHookMark, parseHookMark } from '../../src/agents/hook-mark.js';
import { mergeClaudeSettings, SettingsMergeError } from '../../src/agents/hook-config.js';
import { parseStatusRecord } from '../../src/agents/claude-files.js';
import { stateFromTitle } from '../../src/agents/titles.js';
import type { Pane, Session } from '../../src/tmux/types.js';

const NOW = 1_800_000_000;
const AI = new Set(['claude', 'codex']);
const inputs = { aiCommands: AI, files: new Map(), nowSeconds: NOW };

function pane(id: string, fields: Partial<Pane> = {}): Pane {
  return { id, windowId: '@0', windowIndex: 0, windowName: 'w', windowActive: true, index: 0, active: true, command: 'claude', path: '/p', title: 'host', pid: 1, agentMark: '', ...fields };
}
function session(panes: Pane[], fields: Partial<Session> = {}): Session {
  return { id: '$1', name: 'web', windows: 1, attached: 0, created: 0, activity: 0, lastAttached: null, path: '/p', autoName: null, panes, clients: [], ...fields };
}
const mark = (state: string, since = NOW - 60, updated = since) => `${state} ${since} ${updated}`;

describe('hook marks', () => {
  it('round-trip, and refuse anything malformed or of an unknown state', () => {
    expect(parseHookMark(formatHookMark({ state: 'needs-input', since: 5, updated: 7 }))).toEqual({ state: 'needs-input', since: 5, updated: 7 });
    for (const bad of ['', 'sleeping 1 2', 'done 1', 'done x y', 'done 1 2 3', ' done 1 2']) expect(parseHookMark(bad)).toBeUndefined();
  });

  it('the same state again keeps its start; another state starts now', () => {
    const first = nextHookMark(undefined, 'working', 100);
    expect(nextHookMark(first, 'working', 160)).toEqual({ state: 'working', since: 100, updated: 160 });
    expect(nextHookMark(first, 'done', 170)).toEqual({ state: 'done', since: 170, updated: 170 });
  });
});

describe('a pane agent from its sources', () => {
  it('each hook state and transition is read from the mark', () => {
    for (const state of ['working', 'needs-input', 'done', 'idle'] as const) {
      expect(paneAgent(pane('%1', { agentMark: mark(state) }), inputs)).toEqual({ name: 'claude', state, since: NOW - 60, source: 'hook' });
    }
  });

  it('a hook state wins over a contradicting title', () => {
    const agent = paneAgent(pane('%1', { agentMark: mark('needs-input'), title: '⠋ Working on it' }), inputs);
    expect(agent).toMatchObject({ state: 'needs-input', source: 'hook' });
  });

  it('a stale mark expires (working quickly, needs-input slowly) and the title decides again', () => {
    const staleWorking = pane('%1', { agentMark: mark('working', NOW - 3600), title: '✳ Claude Code' });
    expect(paneAgent(staleWorking, inputs)).toMatchObject({ state: 'idle', source: 'title' });
    expect(paneAgent(pane('%1', { agentMark: mark('needs-input', NOW - 3600) }), inputs)).toMatchObject({ state: 'needs-input', source: 'hook' });
    expect(paneAgent(pane('%1', { agentMark: mark('needs-input', NOW - 2 * 86_400) }), inputs)).toMatchObject({ state: 'unknown', source: 'process' });
  });

  it('a mark from the future (set by hand, or by anyone on the server) is no mark; a few minutes ahead (a clock set back) still counts', () => {
    expect(paneAgent(pane('%1', { agentMark: mark('needs-input', NOW + 86_400), title: '✳ Claude Code' }), inputs)).toMatchObject({ state: 'idle', source: 'title' });
    expect(paneAgent(pane('%1', { agentMark: mark('needs-input', NOW - 10, NOW + 3600) }), inputs)).toMatchObject({ state: 'unknown', source: 'process' });
    expect(paneAgent(pane('%1', { agentMark: mark('needs-input', NOW + 300) }), inputs)).toMatchObject({ state: 'needs-input', source: 'hook' });
  });

  it('the status file comes before the title, after the hook', () => {
    const files = new Map([['%1', { agent: 'claude', state: 'working' as const, since: NOW - 5 }]]);
    expect(paneAgent(pane('%1', { title: '✳ Claude Code' }), { ...inputs, files })).toEqual({ name: 'claude', state: 'working', since: NOW - 5, source: 'file' });
    expect(paneAgent(pane('%1', { agentMark: mark('done') }), { ...inputs, files })).toMatchObject({ state: 'done', source: 'hook' });
  });

  it('nothing known is unknown (shown as AI); no agent process and no mark is no agent', () => {
    expect(paneAgent(pane('%1', { title: 'vm' }), inputs)).toEqual({ name: 'claude', state: 'unknown', since: null, source: 'process' });
    expect(paneAgent(pane('%1', { command: 'bash', title: '⠋ x' }), inputs)).toBeNull();
    expect(paneAgent(pane('%1', { command: 'wrapper', agentMark: mark('working') }), inputs)).toMatchObject({ name: 'wrapper', state: 'working' });
  });
});

describe('titles, as recorded', () => {
  const recorded: [string, string, string | undefined][] = [
    ['claude', '⠐ Fix the parser', 'working'],
    ['claude', '⠂ Claude Code', 'working'],
    ['claude', '◐ Refactor tests', 'working'],
    ['claude', '◓ Claude Code', 'working'],
    ['claude', '✳ Claude Code', 'idle'],
    ['codex', '[ ! ] Action Required — codex', 'needs-input'],
    ['codex', 'codex', undefined],
    ['aider', 'aider - waiting for input', 'needs-input'],
    ['claude', 'vm', undefined],
    ['gemini', '⠋ gemini', undefined],
  ];
  it.each(recorded)('%s titled %j → %s', (agent, title, state) => {
    expect(stateFromTitle(agent, title)).toBe(state);
  });
});

describe('a session', () => {
  it('two agents in one session give the more urgent state', () => {
    const [annotated] = annotateSessions([session([pane('%1', { agentMark: mark('working') }), pane('%2', { agentMark: mark('needs-input') })])], inputs);
    expect(annotated?.agent).toEqual({ state: 'needs-input', since: NOW - 60 });
    const [doneOverWorking] = annotateSessions([session([pane('%1', { agentMark: mark('done') }), pane('%2', { agentMark: mark('working') })])], inputs);
    expect(doneOverWorking?.agent?.state).toBe('done');
  });

  it('done turns into seen (idle) once the session was attached or switched to after it finished, or while a client looks at it', () => {
    const done = [pane('%1', { agentMark: mark('done', NOW - 60) })];
    expect(annotateSessions([session(done, { lastAttached: NOW - 120 })], inputs)[0]?.agent?.state).toBe('done');
    expect(annotateSessions([session(done, { lastAttached: NOW - 10 })], inputs)[0]?.agent?.state).toBe('idle');
    const looking = { name: '/dev/pts/1', tty: '/dev/pts/1', termName: 'xterm', activity: NOW, controlMode: false, readOnly: false };
    expect(annotateSessions([session(done, { clients: [looking] })], inputs)[0]?.agent?.state).toBe('idle');
    expect(annotateSessions([session(done, { clients: [{ ...looking, controlMode: true }] })], inputs)[0]?.agent?.state).toBe('done');
    // The dashboard's own session: its client looks at the dashboard.
    expect(annotateSessions([session(done, { clients: [looking] })], { ...inputs, currentSessionId: '$1' })[0]?.agent?.state).toBe('done');
  });

  it('a look seen only while a client was attached is recorded on the session, and done stays seen after the client leaves', () => {
    const done = [pane('%1', { agentMark: mark('done', NOW - 60) })];
    const looking = { name: '/dev/pts/1', tty: '/dev/pts/1', termName: 'xterm', activity: NOW, controlMode: false, readOnly: false };
    // Attached since before the done: only the client says it is seen, so the look is to be recorded.
    expect(sessionsToMarkSeen([session(done, { lastAttached: NOW - 120, clients: [looking] })], inputs).map((s) => s.id)).toEqual(['$1']);
    // Recorded already, or seen through tmux's own time, or nobody looking, or the dashboard's own session: nothing to record.
    expect(sessionsToMarkSeen([session(done, { lastAttached: NOW - 120, clients: [looking], seenAt: NOW - 5 })], inputs)).toEqual([]);
    expect(sessionsToMarkSeen([session(done, { lastAttached: NOW - 10, clients: [looking] })], inputs)).toEqual([]);
    expect(sessionsToMarkSeen([session(done, { lastAttached: NOW - 120 })], inputs)).toEqual([]);
    expect(sessionsToMarkSeen([session(done, { lastAttached: NOW - 120, clients: [looking] })], { ...inputs, currentSessionId: '$1' })).toEqual([]);
    // The client left: the recorded look keeps it seen; a done after it is new.
    expect(annotateSessions([session(done, { lastAttached: NOW - 120, seenAt: NOW - 5 })], inputs)[0]?.agent?.state).toBe('idle');
    expect(annotateSessions([session(done, { lastAttached: NOW - 120, seenAt: NOW - 90 })], inputs)[0]?.agent?.state).toBe('done');
  });
});

describe('a list read once (readAgents)', () => {
  const looking = { name: '/dev/pts/1', tty: '/dev/pts/1', termName: 'xterm', activity: NOW, controlMode: false, readOnly: false };
  const list = [
    session([pane('%1', { agentMark: mark('working', NOW - 100) }), pane('%2', { agentMark: mark('needs-input', NOW - 50) })]),
    session([pane('%3', { agentMark: mark('done', NOW - 60) })], { id: '$2', name: 'api', lastAttached: NOW - 120, clients: [looking] }),
    session([pane('%4', { command: 'bash' })], { id: '$3', name: 'shell' }),
  ];

  it('the same list and inputs give the very same reading (an idle refresh does no work)', () => {
    const first = readAgents(list, inputs);
    expect(readAgents(list, { ...inputs, files: new Map(), nowSeconds: NOW + 30 })).toBe(first);
    expect(first.sessions.map((s) => s.agent?.state ?? 'none')).toEqual(['needs-input', 'idle', 'none']);
    expect(first.toMarkSeen.map((s) => s.id)).toEqual(['$2']);
  });

  it('reads afresh once a fresh mark goes stale, when the files say otherwise, and when the clock goes back', () => {
    const early = readAgents(list, inputs);
    // working's mark (updated NOW - 100) is stale after 15 minutes: the title then decides.
    const later = readAgents(list, { ...inputs, nowSeconds: NOW - 100 + 15 * 60 + 1 });
    expect(later).not.toBe(early);
    expect(later.sessions[0]?.panes[0]?.agent).toMatchObject({ source: 'process' });
    const files = new Map([['%4', { agent: 'claude', state: 'working' as const, since: NOW }]]);
    expect(readAgents(list, { ...inputs, files }).sessions[2]?.agent?.state).toBe('working');
    expect(readAgents(list, { ...inputs, files: new Map(files) }).sessions[2]?.agent?.state).toBe('working');
    expect(readAgents(list, { ...inputs, nowSeconds: NOW - 200 }).sessions[0]?.panes[0]?.agent).toMatchObject({ source: 'hook' });
  });

  it('whatever the order of the reads, each is what annotateSessions and sessionsToMarkSeen say then', () => {
    const fileChoices = [new Map(), new Map([['%4', { agent: 'claude', state: 'needs-input' as const, since: NOW }]]), new Map([['%1', { agent: 'codex', state: 'done' as const, since: null }]])];
    const read = fc.record({ at: fc.integer({ min: -3 * 86_400, max: 3 * 86_400 }), files: fc.constantFrom(...fileChoices), current: fc.constantFrom(undefined, '$2') });
    fc.assert(
      fc.property(fc.array(read, { minLength: 1, maxLength: 12 }), (reads) => {
        const fresh = list.map((each) => ({ ...each }));
        for (const { at, files, current } of reads) {
          const now = { aiCommands: AI, files: new Map(files), nowSeconds: NOW + at, currentSessionId: current };
          expect(readAgents(fresh, now)).toEqual({ sessions: annotateSessions(fresh, now), toMarkSeen: sessionsToMarkSeen(fresh, now) });
        }
      }),
    );
  });
});

describe('Claude Code status records', () => {
  const record = (fields: Record<string, unknown>) => JSON.stringify({ pid: 42, procStart: '12345', status: 'busy', statusUpdatedAt: 1_800_000_000_000, ...fields });
  it('maps busy, waiting, idle and shell; refuses other words, another pid and missing fields', () => {
    expect(parseStatusRecord(record({}), 42)).toEqual({ pid: 42, procStart: '12345', state: 'working', since: 1_800_000_000 });
    expect(parseStatusRecord(record({ status: 'waiting' }), 42)?.state).toBe('needs-input');
    expect(parseStatusRecord(record({ status: 'idle' }), 42)?.state).toBe('idle');
    expect(parseStatusRecord(record({ status: 'shell' }), 42)?.state).toBe('idle');
    expect(parseStatusRecord(record({ status: 'dreaming' }), 42)).toBeUndefined();
    expect(parseStatusRecord(record({ status: '__proto__' }), 42)).toBeUndefined();
    expect(parseStatusRecord(record({}), 43)).toBeUndefined();
    expect(parseStatusRecord(JSON.stringify({ session_id: 'x', cwd: '/' }), 42)).toBeUndefined();
    expect(parseStatusRecord('not json', 42)).toBeUndefined();
  });
});

describe('merging the hooks into Claude Code settings', () => {
  const user = `${JSON.stringify({ model: 'opus', permissions: { allow: ['Bash(ls)'] }, hooks: { Stop: [{ hooks: [{ type: 'command', command: 'say done' }] }] } }, null, 2)}\n`;

  it('keeps every other setting and hook, adds ours; twice changes nothing', () => {
    const once = mergeClaudeSettings(user);
    const parsed = JSON.parse(once) as { model: string; permissions: unknown; hooks: Record<string, { hooks: { command: string }[] }[]> };
    expect(parsed.model).toBe('opus');
    expect(parsed.permissions).toEqual({ allow: ['Bash(ls)'] });
    expect(parsed.hooks.Stop?.map((group) => group.hooks[0]?.command)).toEqual(['say done', 'tmux-dashboard agent-state done || true']);
    expect(Object.keys(parsed.hooks)).toEqual(['Stop', 'UserPromptSubmit', 'PostToolUse', 'Notification', 'PermissionRequest', 'SessionEnd']);
    // The user's own lines are still there, byte for byte.
    expect(once.startsWith(user.slice(0, user.indexOf('"hooks"')))).toBe(true);
    expect(mergeClaudeSettings(once)).toBe(once);
  });

  it('replaces an older version of our hooks instead of adding a second', () => {
    const old = `${JSON.stringify({ hooks: { Stop: [{ hooks: [{ type: 'command', command: 'tmux-dashboard agent-state done' }] }] } }, null, 2)}\n`;
    const merged = JSON.parse(mergeClaudeSettings(old)) as { hooks: Record<string, unknown[]> };
    expect(merged.hooks.Stop).toHaveLength(1);
  });

  it('refuses a file it cannot rewrite without touching the user bytes', () => {
    expect(() => mergeClaudeSettings('{"a":1, // comment\n}')).toThrow(SettingsMergeError);
    expect(() => mergeClaudeSettings('{\n    "a":   1\n}')).toThrow(SettingsMergeError);
    expect(() => mergeClaudeSettings('[]')).toThrow(SettingsMergeError);
  });
});

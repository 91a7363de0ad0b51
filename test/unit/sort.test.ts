import { describe, expect, it } from 'vitest';
import { DEFAULT_AI_COMMANDS } from '../../src/config/schema.js';
import { hasAiAgent, nextSortMode, sortSessions } from '../../src/sessions/sort.js';
import type { Session } from '../../src/tmux/types.js';

function session(name: string, fields: Partial<Session> = {}, commands: string[] = ['sh']): Session {
  return {
    id: `$${name}`,
    name,
    windows: 1,
    attached: 0,
    created: 0,
    activity: 0,
    lastAttached: null,
    path: '/',
    autoName: null,
    panes: commands.map((command, index) => ({ id: `%${name}${index}`, windowId: '@0', windowIndex: 0, windowName: 'w', windowActive: true, index, active: index === 0, command, path: '/' })),
    clients: [],
    ...fields,
  };
}
const ai = new Set(DEFAULT_AI_COMMANDS);
const names = (sessions: Session[]) => sessions.map((s) => s.name);

describe('sortSessions', () => {
  it('activity: most recent first, ties by name', () => {
    const list = [session('b', { activity: 10 }), session('a', { activity: 10 }), session('c', { activity: 30 })];
    expect(names(sortSessions(list, 'activity', ai))).toEqual(['c', 'a', 'b']);
  });

  it('name: case-insensitive natural order (s2 before s10)', () => {
    const list = ['s10', 'S2', 'b', 'A', 's1'].map((name) => session(name));
    expect(names(sortSessions(list, 'name', ai))).toEqual(['A', 'b', 's1', 'S2', 's10']);
  });

  it('ai_first: sessions with an agent pane first, then by activity; tail is not an agent', () => {
    const list = [
      session('old-agent', { activity: 1 }, ['sh', 'claude']),
      session('tail', { activity: 50 }, ['tail']),
      session('new-agent', { activity: 9 }, ['aider']),
      session('recent', { activity: 99 }),
    ];
    expect(names(sortSessions(list, 'ai_first', ai))).toEqual(['new-agent', 'old-agent', 'recent', 'tail']);
    expect(hasAiAgent(list[1] as Session, ai)).toBe(false);
  });

  it('windows_count: most windows first, then name', () => {
    const list = [session('b', { windows: 2 }), session('a', { windows: 2 }), session('c', { windows: 5 })];
    expect(names(sortSessions(list, 'windows_count', ai))).toEqual(['c', 'a', 'b']);
  });

  it('does not reorder its input', () => {
    const list = [session('b'), session('a')];
    sortSessions(list, 'name', ai);
    expect(names(list)).toEqual(['b', 'a']);
  });

  it('s cycles through the four modes', () => {
    expect(nextSortMode('activity')).toBe('name');
    expect(nextSortMode('name')).toBe('ai_first');
    expect(nextSortMode('ai_first')).toBe('windows_count');
    expect(nextSortMode('windows_count')).toBe('activity');
  });
});

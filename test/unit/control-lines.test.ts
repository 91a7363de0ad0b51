import { afterEach, describe, expect, it, vi } from 'vitest';
import { classifyLine, controlTarget, Debounce, humanClientOf, LineSplitter, MAX_LINE_BYTES, withoutOwnAttaches } from '../../src/tmux/control-lines.js';
import type { Client, Session } from '../../src/tmux/types.js';

const client = (name: string, activity: number, controlMode = false): Client => ({ name, tty: controlMode ? '' : name, termName: 'xterm', activity, controlMode, readOnly: controlMode });

function session(id: string, clients: Client[] = [], fields: Partial<Session> = {}): Session {
  return { id, name: `s${id}`, windows: 1, attached: clients.length, created: 100, activity: 200, lastAttached: 150, path: '/', autoName: null, panes: [], clients, ...fields };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('control-mode lines', () => {
  it('rings on structural notifications only; the attach reply and %exit are told apart', () => {
    for (const line of ['%sessions-changed', '%session-renamed $2 a name with %window-add in it', '%window-add @3', '%window-close @3', '%unlinked-window-close @2', '%client-session-changed /dev/pts/3 $1 x', '%client-detached /dev/pts/3']) {
      expect(classifyLine(line)).toEqual({ kind: 'change' });
    }
    // Window renames and layouts are left to the poll (automatic-rename: two per command a shell runs).
    for (const line of ['%output %1 hello', '%window-renamed @1 ls', '%unlinked-window-renamed @2 bash', '%layout-change @1 b25f,80x24,0,0,2 b25f,80x24,0,0,2 *', '%pane-mode-changed %1', '%subscription-changed x', '', 'sessions-changed', '%sessions-changed-not']) {
      expect(classifyLine(line)).toEqual({ kind: 'other' });
    }
    expect(classifyLine('%begin 1795754265 282 0')).toEqual({ kind: 'blockBegin', time: 1795754265 });
    expect(classifyLine('%end 1795754265 282 0')).toEqual({ kind: 'blockEnd', error: false });
    expect(classifyLine('%error 1795754265 282 0')).toEqual({ kind: 'blockEnd', error: true });
    expect(classifyLine('%session-changed $3 a name with spaces')).toEqual({ kind: 'moved', sessionId: '$3' });
    expect(classifyLine('%exit')).toEqual({ kind: 'exit' });
    expect(classifyLine('%exit server exited')).toEqual({ kind: 'exit' });
  });

  it('splits lines however the bytes arrive, and holds at most MAX_LINE_BYTES of a huge one', () => {
    const text = '%begin 1 2 0\r\n%end 1 2 0\n%sessions-changed\n';
    const whole = new LineSplitter().push(text);
    expect(whole).toEqual(['%begin 1 2 0', '%end 1 2 0', '%sessions-changed']);
    const split = new LineSplitter();
    expect(Array.from({ length: text.length }, (_, index) => split.push(text.charAt(index))).flat()).toEqual(whole);

    const huge = new LineSplitter();
    const lines: string[] = [];
    for (let i = 0; i < 1000; i++) lines.push(...huge.push('%session-renamed $1 ' + 'x'.repeat(10_000)));
    expect(lines).toEqual([]);
    expect((huge as unknown as { held: string }).held.length).toBeLessThanOrEqual(MAX_LINE_BYTES);
    const [cut, next] = huge.push('\n%sessions-changed\n');
    expect(cut?.length).toBe(MAX_LINE_BYTES);
    expect(classifyLine(cut ?? '')).toEqual({ kind: 'change' });
    expect(next).toBe('%sessions-changed');
  });

  it('a burst rings once, after the delay; a later burst rings again', () => {
    vi.useFakeTimers();
    const fire = vi.fn();
    const debounce = new Debounce(25, fire);
    for (let i = 0; i < 5; i++) debounce.ring();
    expect(fire).not.toHaveBeenCalled();
    vi.advanceTimersByTime(25);
    expect(fire).toHaveBeenCalledTimes(1);
    debounce.ring();
    debounce.cancel();
    vi.advanceTimersByTime(100);
    expect(fire).toHaveBeenCalledTimes(1);
    debounce.ring();
    vi.advanceTimersByTime(25);
    expect(fire).toHaveBeenCalledTimes(2);
  });

  it('joins only a session a person is attached to: the preferred one first, else the most recently active person', () => {
    const sessions = [session('$0'), session('$1', [client('/dev/pts/1', 10)]), session('$2', [client('/dev/pts/2', 20), client('client-9', 99, true)]), session('$3', [client('client-8', 500, true)])];
    expect(controlTarget(sessions, '$1')).toBe('$1');
    expect(controlTarget(sessions, '$0')).toBe('$2');
    expect(controlTarget(sessions, '$3')).toBe('$2');
    expect(controlTarget(sessions, undefined)).toBe('$2');
    expect(controlTarget([session('$0'), session('$3', [client('client-8', 500, true)])], '$3')).toBeUndefined();
    expect(controlTarget([], undefined)).toBeUndefined();
    expect(humanClientOf(sessions, '$2')).toBe('/dev/pts/2');
    expect(humanClientOf(sessions, '$3')).toBeUndefined();
  });

  it('undoes what our attach did to activity and last-attached, and nothing else', () => {
    const mark = { sessionId: '$1', created: 100, at: 300, activity: 200, lastAttached: 150 };
    const sessions = [session('$0', [], { activity: 300, lastAttached: 300 }), session('$1', [], { activity: 300, lastAttached: 300 })];
    const undone = withoutOwnAttaches(sessions, [mark]);
    expect(undone[0]).toBe(sessions[0]);
    expect(undone[1]).toMatchObject({ activity: 200, lastAttached: 150 });
    // Later activity is the person's: kept.
    const later = [session('$1', [], { activity: 301, lastAttached: 300 })];
    expect(withoutOwnAttaches(later, [mark])[0]).toMatchObject({ activity: 301, lastAttached: 150 });
    // Another session with a reused id (a new server): untouched, same array.
    const other = [session('$1', [], { created: 999, activity: 300, lastAttached: 300 })];
    expect(withoutOwnAttaches(other, [mark])).toBe(other);
    expect(withoutOwnAttaches(sessions, [])).toBe(sessions);
  });
});

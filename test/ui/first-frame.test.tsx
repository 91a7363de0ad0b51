import { stripVTControlCharacters } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { firstFrame, type FirstFrameInput } from '../../src/sessions/first-frame.js';
import { simpleMeasure } from '../../src/sessions/measure.js';
import { fullMeasure } from '../../src/sessions/measure-full.js';
import { describeServer, resolveServer } from '../../src/tmux/server.js';
import { TmuxService } from '../../src/tmux/service.js';
import type { Snapshot } from '../../src/tmux/types.js';
import { renderAppOn } from '../helpers/app-on-terminal.js';
import { TestServer, waitFor } from '../helpers/tmux-server.js';

let server: TestServer;
let tmux: TmuxService;

beforeEach(async () => {
  server = new TestServer();
  await server.start('alpha');
  await server.tmux('new-session', '-d', '-s', 'a-session-name-much-too-long-for-a-sixty-column-popup-or-more');
  await server.tmux('new-window', '-t', '=alpha:');
  await server.tmux('new-session', '-d', '-s', 'ünïcödé-名前-セッション');
  tmux = new TmuxService(resolveServer({ socketName: server.socketName }, server.env), server.env);
});
afterEach(async () => {
  await server.kill();
});

/** Ink's first frame of the App for `snapshot` on a terminal of that size. */
async function inkFirstFrame(snapshot: Snapshot, columns: number, rows: number, currentSessionId: string | undefined, message: string | undefined): Promise<string> {
  const { stdout, unmount } = renderAppOn(columns, rows, server, tmux, { currentSessionId, initialSnapshot: snapshot, initialMessage: message });
  try {
    return await waitFor(() => stdout.frames[0], 'the first frame');
  } finally {
    unmount();
  }
}

/** Text only, trailing blanks and ages ("3s", "2m", "1h": the clock moves between the two) left out. */
function visible(frame: string): string[] {
  return stripVTControlCharacters(frame)
    .split('\n')
    .map((line) => line.replace(/\b\d+[smh]\b/g, 'AGE').trimEnd());
}

describe('the first frame drawn before the UI loads', () => {
  it.each([
    [100, 30, 'with the preview'],
    [60, 15, 'in a popup-sized terminal'],
  ])('is the text of the UI’s first frame at %i×%i (%s)', async (columns, rows) => {
    const snapshot = await tmux.snapshot();
    const current = snapshot.sessions.find((session) => session.name === 'alpha')?.id;
    const input: FirstFrameInput = {
      snapshot,
      sortMode: 'name',
      aiCommands: new Set(DEFAULT_CONFIG.ai_commands),
      currentSessionId: current,
      home: server.home,
      server: describeServer(tmux.server),
      columns,
      rows,
      message: 'warning: a config warning',
      styles: true,
      nowMs: Date.now(),
      measure: fullMeasure,
    };
    const ours = visible(firstFrame(input));
    const ink = visible(await inkFirstFrame(snapshot, columns, rows, current, 'warning: a config warning'));
    expect(ours).toHaveLength(rows);
    expect(ours).toEqual(ink);
    expect(ours.join('\n')).toMatch(/ 2\*alpha\s+2w/);
    // The shortcut measure meets the unicode name and says so (the full one is used then).
    const simple = simpleMeasure();
    firstFrame({ ...input, measure: simple.measure });
    expect(simple.sawOtherText()).toBe(true);
  });

  it('with plain text, the shortcut measure draws exactly what the full one draws', async () => {
    await server.tmux('kill-session', '-t', '=ünïcödé-名前-セッション');
    const snapshot = await tmux.snapshot();
    for (const [columns, rows] of [[100, 30], [60, 15], [40, 24]] as const) {
      const input: FirstFrameInput = { snapshot, sortMode: 'name', aiCommands: new Set(), currentSessionId: snapshot.sessions[0]?.id, home: server.home, server: describeServer(tmux.server), columns, rows, message: 'a message that is long enough to be cut in a narrow terminal', styles: true, nowMs: Date.now(), measure: fullMeasure };
      const simple = simpleMeasure();
      expect(firstFrame({ ...input, measure: simple.measure })).toBe(firstFrame(input));
      expect(simple.sawOtherText()).toBe(false);
    }
  });

  it('with no server: the same empty list and the red status line', async () => {
    await server.kill();
    const snapshot = await tmux.snapshot();
    expect(snapshot.serverRunning).toBe(false);
    const input = { snapshot, sortMode: 'name', aiCommands: new Set<string>(), currentSessionId: undefined, home: server.home, server: describeServer(tmux.server), columns: 80, rows: 24, message: undefined, styles: true, nowMs: Date.now(), measure: fullMeasure } as const;
    const frame = firstFrame(input);
    expect(visible(frame)).toEqual(visible(await inkFirstFrame(snapshot, 80, 24, undefined, undefined)));
    expect(frame).toContain('\u001b[31mno tmux server is running');
  });

  it('has style codes only when styles are on', async () => {
    const snapshot = await tmux.snapshot();
    const input = { snapshot, sortMode: 'name', aiCommands: new Set<string>(), currentSessionId: undefined, home: server.home, server: 'default', columns: 80, rows: 24, message: undefined, nowMs: Date.now(), measure: fullMeasure } as const;
    expect(firstFrame({ ...input, styles: true })).toContain('\u001b[7m›1 ');
    const plain = firstFrame({ ...input, styles: false }).slice('\u001b[H'.length);
    expect(stripVTControlCharacters(plain)).toBe(plain);
  });
});

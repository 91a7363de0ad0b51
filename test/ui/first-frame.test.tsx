import { stripVTControlCharacters } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { firstFrame } from '../../src/dashboard/first-frame.js';
import type { InitialState } from '../../src/dashboard/settle.js';
import { simpleMeasure } from '../../src/sessions/measure.js';
import { fullMeasure } from '../../src/sessions/measure-full.js';
import { resolveServer } from '../../src/tmux/server.js';
import { TmuxService } from '../../src/tmux/service.js';
import type { Snapshot } from '../../src/tmux/types.js';
import { renderAppOn, testInitial } from '../helpers/app-on-terminal.js';
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
  const { stdout, unmount } = renderAppOn(server, tmux, { columns, rows, snapshot, message, context: { currentSessionId } });
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
    const input: InitialState = testInitial(server, tmux, { snapshot, columns, rows, message: 'warning: a config warning', context: { currentSessionId: current } });
    const ours = visible(firstFrame(input, fullMeasure, true));
    const ink = visible(await inkFirstFrame(snapshot, columns, rows, current, 'warning: a config warning'));
    expect(ours).toHaveLength(rows);
    expect(ours).toEqual(ink);
    expect(ours.join('\n')).toMatch(/ 2\*alpha\s+2 win/);
    // The shortcut measure meets the unicode name and says so (the full one is used then).
    const simple = simpleMeasure();
    firstFrame(input, simple.measure, true);
    expect(simple.sawOtherText()).toBe(true);
  });

  it('with plain text, the shortcut measure draws exactly what the full one draws', async () => {
    await server.tmux('kill-session', '-t', '=ünïcödé-名前-セッション');
    const snapshot = await tmux.snapshot();
    for (const [columns, rows] of [[100, 30], [60, 15], [40, 24]] as const) {
      const input = testInitial(server, tmux, { snapshot, columns, rows, message: 'a message that is long enough to be cut in a narrow terminal', context: { currentSessionId: snapshot.sessions[0]?.id } });
      const simple = simpleMeasure();
      expect(firstFrame(input, simple.measure, true)).toBe(firstFrame(input, fullMeasure, true));
      expect(simple.sawOtherText()).toBe(false);
    }
  });

  it('with no server: the same empty list and the red status line', async () => {
    await server.kill();
    const snapshot = await tmux.snapshot();
    expect(snapshot.serverRunning).toBe(false);
    const frame = firstFrame(testInitial(server, tmux, { snapshot, columns: 80, rows: 24 }), fullMeasure, true);
    expect(visible(frame)).toEqual(visible(await inkFirstFrame(snapshot, 80, 24, undefined, undefined)));
    expect(frame).toContain('\u001b[31m✗ no tmux server is running');
  });

  it('has style codes only when styles are on', async () => {
    const snapshot = await tmux.snapshot();
    const input = testInitial(server, tmux, { snapshot, columns: 80, rows: 24 });
    expect(firstFrame(input, fullMeasure, true)).toContain('\u001b[7m›1 ');
    const plain = firstFrame(input, fullMeasure, false).slice('\u001b[H'.length);
    expect(stripVTControlCharacters(plain)).toBe(plain);
  });
});

import stringWidth from 'string-width';
import { stripVTControlCharacters } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveServer } from '../../src/tmux/server.js';
import { TmuxService } from '../../src/tmux/service.js';
import { renderAppOn } from '../helpers/app-on-terminal.js';
import { TestServer, waitFor } from '../helpers/tmux-server.js';

let server: TestServer;

beforeEach(async () => {
  server = new TestServer();
  await server.start('a-session-name-much-too-long-for-a-sixty-column-popup');
  await server.tmux('new-session', '-d', '-s', 'ünïcödé-名前-セッション-とても長い名前です');
});
afterEach(async () => {
  await server.kill();
});

describe('small terminals', () => {
  it('every line fits in 60 columns; long names end in an ellipsis', async () => {
    const tmux = new TmuxService(resolveServer({ socketName: server.socketName }, server.env), server.env);
    const { stdout, unmount } = renderAppOn(server, tmux, { columns: 60, rows: 15 });
    try {
      const frame = await waitFor(() => stdout.frames.findLast((candidate) => candidate.includes('ünïcödé')), 'a frame with the sessions');
      const lines = frame.split('\n');
      expect(lines.length).toBeLessThanOrEqual(15);
      for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(60);
      expect(frame).toMatch(/a-session-nam\S*…/);
      expect(frame).toMatch(/ünïcödé-\S*…/);
    } finally {
      unmount();
    }
  });

  it.each([
    [60, 14],
    [40, 10],
  ])('the help at %i×%i: every line fits, it scrolls, and says where it is', async (columns, rows) => {
    const tmux = new TmuxService(resolveServer({ socketName: server.socketName }, server.env), server.env);
    const { press, until, frame, unmount } = renderAppOn(server, tmux, { columns, rows });
    try {
      await until(/ünïcödé/, 'the list');
      await press('?', /Session list/);
      const check = (text: string) => {
        const lines = stripVTControlCharacters(text).split('\n');
        expect(lines).toHaveLength(rows);
        for (const line of lines) expect(stringWidth(line), line).toBeLessThanOrEqual(columns);
      };
      check(frame());
      expect(stripVTControlCharacters(frame())).toMatch(/lines 1–\d+ of \d+/);
      await press('G', /lines \d+–(\d+) of \1 /);
      check(frame());
      expect(stripVTControlCharacters(frame())).not.toMatch(/Session list/);
      await press('g', /Session list/);
    } finally {
      unmount();
    }
  });
});

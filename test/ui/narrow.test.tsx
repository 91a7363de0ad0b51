import stringWidth from 'string-width';
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

describe('a 60-column terminal', () => {
  it('every line fits in 60 columns; long names end in an ellipsis', async () => {
    const tmux = new TmuxService(resolveServer({ socketName: server.socketName }, server.env), server.env);
    const { stdout, unmount } = renderAppOn(60, 15, server, tmux);
    try {
      const frame = await waitFor(() => stdout.frames.findLast((candidate) => candidate.includes('ünïcödé')), 'a frame with the sessions');
      const lines = frame.split('\n');
      expect(lines.length).toBeLessThanOrEqual(15);
      for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(60);
      expect(frame).toMatch(/a-session-name-much\S*…/);
      expect(frame).toMatch(/ünïcödé-\S*…/);
    } finally {
      unmount();
    }
  });
});

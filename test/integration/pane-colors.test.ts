import { afterEach, expect, it } from 'vitest';
import { paneSegments } from '../../src/sessions/pane-colors.js';
import { resolveServer } from '../../src/tmux/server.js';
import { TmuxService } from '../../src/tmux/service.js';
import { TestServer, waitFor } from '../helpers/tmux-server.js';

let server: TestServer | undefined;

afterEach(async () => {
  await server?.kill();
});

it('a pane’s colours come back from capture-pane -e and are read as styles; without colours, plain text', async () => {
  server = new TestServer();
  await server.start('keep');
  await server.tmux('new-session', '-d', '-s', 'colours', `printf '\\033[1;31mred\\033[0m plain \\033[38;5;208mamber\\033[0m\\n'; exec sleep 600`);
  const tmux = new TmuxService(resolveServer({ socketName: server.socketName }, server.env), server.env);
  const pane = (await server.tmux('display-message', '-p', '-t', '=colours:', '#{pane_id}')).trim();
  const text = await waitFor(async () => {
    const captured = await tmux.capturePane({ id: pane }, 20, { colors: true });
    return captured.includes('amber') ? captured : undefined;
  }, 'the colours printed');
  const line = text.split('\n').find((each) => each.includes('amber')) ?? '';
  const segments = paneSegments(line, { style: {} });
  expect(segments).toContainEqual({ text: 'red', style: expect.objectContaining({ bold: true, fg: 'red' }) as unknown });
  expect(segments).toContainEqual({ text: 'amber', style: expect.objectContaining({ fg: 'ansi256(208)' }) as unknown });
  expect(segments.map((segment) => segment.text).join('')).toBe('red plain amber');
  expect(await tmux.capturePane({ id: pane }, 20)).toMatch(/^red plain amber$/m);
});

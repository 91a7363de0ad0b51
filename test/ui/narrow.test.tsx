import { render } from 'ink';
import path from 'node:path';
import stringWidth from 'string-width';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { App } from '../../components/App.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { InstanceLock } from '../../src/lock/instance-lock.js';
import { silentLogger } from '../../src/log/logger.js';
import { resolveServer } from '../../src/tmux/server.js';
import { TmuxService } from '../../src/tmux/service.js';
import { FakeStdin, FakeStdout } from '../helpers/fake-terminal.js';
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
    const stdout = new FakeStdout(60, 15);
    const tmux = new TmuxService(resolveServer({ socketName: server.socketName }, server.env), server.env);
    const app = render(
      <App
        tmux={tmux}
        lock={new InstanceLock({ lockFile: path.join(server.home, 'lock'), pidFile: path.join(server.home, 'pid') })}
        log={silentLogger}
        config={{ ...DEFAULT_CONFIG }}
        home={server.home}
        startDir={server.home}
        currentSessionId={undefined}
        sortMode="name"
        onSortModeChange={() => Promise.resolve(undefined)}
        onDone={() => undefined}
      />,
      { stdout: stdout as unknown as NodeJS.WriteStream, stdin: new FakeStdin() as unknown as NodeJS.ReadStream, debug: true, exitOnCtrlC: false, patchConsole: false },
    );
    try {
      const frame = await waitFor(() => stdout.frames.findLast((candidate) => candidate.includes('ünïcödé')), 'a frame with the sessions');
      const lines = frame.split('\n');
      expect(lines.length).toBeLessThanOrEqual(15);
      for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(60);
      expect(frame).toMatch(/a-session-name-much\S*…/);
      expect(frame).toMatch(/ünïcödé-\S*…/);
    } finally {
      app.unmount();
    }
  });
});

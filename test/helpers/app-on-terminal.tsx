import { render } from 'ink';
import path from 'node:path';
import { App, type AppProps } from '../../components/App.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import { InstanceLock } from '../../src/lock/instance-lock.js';
import { silentLogger } from '../../src/log/logger.js';
import type { TmuxService } from '../../src/tmux/service.js';
import { FakeStdin, FakeStdout } from './fake-terminal.js';
import type { TestServer } from './tmux-server.js';

/**
 * The dashboard's App on a terminal of `columns`×`rows` (ink-testing-library's
 * is always 100 columns), for `server`; every frame lands in `stdout.frames`.
 */
export function renderAppOn(columns: number, rows: number, server: TestServer, tmux: TmuxService, props: Partial<AppProps> = {}): { stdout: FakeStdout; unmount: () => void } {
  const stdout = new FakeStdout(columns, rows);
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
      {...props}
    />,
    { stdout: stdout as unknown as NodeJS.WriteStream, stdin: new FakeStdin() as unknown as NodeJS.ReadStream, debug: true, exitOnCtrlC: false, patchConsole: false },
  );
  return { stdout, unmount: () => { app.unmount(); } };
}

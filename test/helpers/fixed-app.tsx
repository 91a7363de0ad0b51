import { render } from 'ink';
import { EventEmitter } from 'node:events';
import { App, INK_OPTIONS } from '../../components/App.js';
import type { Surroundings } from '../../hooks/useDashboard.js';
import { DEFAULT_CONFIG, type SortMode } from '../../src/config/schema.js';
import type { EffectServices } from '../../src/dashboard/effects.js';
import { initialState } from '../../src/dashboard/settle.js';
import type { Context } from '../../src/dashboard/state.js';
import { Logger } from '../../src/log/logger.js';
import type { Pane, Session, Snapshot } from '../../src/tmux/types.js';
import { FakeStdin, FakeStdout } from './fake-terminal.js';
import { HeadlessScreen } from './screen-picture.js';

/**
 * The dashboard on fixed data: a fixed list of sessions, a fixed clock and a
 * fixed preview, so that a screen drawn today is the screen drawn tomorrow.
 * No tmux runs: the services answer from the fixed data.
 */

/** 2026-11-27 12:00 UTC: every age on the fixed screens is counted from here. */
export const FIXED_NOW = Date.UTC(2026, 10, 27, 12, 0, 0);
export const FIXED_HOME = '/home/me';

const ago = (seconds: number) => Math.floor(FIXED_NOW / 1000) - seconds;

function panes(sessionIndex: number, windows: [name: string, command: string, path: string][]): Pane[] {
  return windows.map(([windowName, command, path], index) => ({
    id: `%${sessionIndex * 10 + index}`,
    windowId: `@${sessionIndex * 10 + index}`,
    windowIndex: index,
    windowName,
    windowActive: index === 0,
    index: 0,
    active: true,
    command,
    path,
  }));
}

function session(index: number, name: string, fields: Omit<Partial<Session>, 'panes'> & { panes: [string, string, string][] }): Session {
  const list = panes(index, fields.panes);
  return {
    id: `$${index}`,
    name,
    windows: list.length,
    attached: 0,
    created: ago(30 * 24 * 3600),
    activity: ago(60),
    lastAttached: null,
    path: FIXED_HOME,
    autoName: null,
    clients: [],
    ...fields,
    panes: list,
  };
}

const client = (tty: string) => ({ name: tty, tty, termName: 'xterm-256color', activity: ago(30), controlMode: false, readOnly: false });

/** Six sessions that show every kind of row: attached, the current one, an agent, recent and old, a long path, a wide name. */
export const FIXED_SESSIONS: Session[] = [
  session(0, 'api', { attached: 1, activity: ago(120), path: `${FIXED_HOME}/src/api`, clients: [client('/dev/pts/3')], panes: [['editor', 'nvim', `${FIXED_HOME}/src/api`], ['agent', 'claude', `${FIXED_HOME}/src/api`], ['server', 'node', `${FIXED_HOME}/src/api`]] }),
  session(1, 'web', { attached: 2, activity: ago(40), path: `${FIXED_HOME}/src/web`, clients: [client('/dev/pts/1'), client('/dev/pts/5')], panes: [['dev', 'npm', `${FIXED_HOME}/src/web`], ['shell', 'zsh', `${FIXED_HOME}/src/web`]] }),
  session(2, 'infra-terraform-production', { activity: ago(5 * 3600), path: `${FIXED_HOME}/work/infra/terraform/environments/production`, panes: [['plan', 'codex', `${FIXED_HOME}/work/infra/terraform/environments/production`]] }),
  session(3, 'notes', { activity: ago(3 * 24 * 3600), panes: [['notes', 'vim', `${FIXED_HOME}/notes`]] }),
  session(4, '日本語-メモ', { activity: ago(26 * 3600), path: `${FIXED_HOME}/doc`, panes: [['memo', 'less', `${FIXED_HOME}/doc`]] }),
  session(5, 'scratch', { activity: ago(6 * 7 * 24 * 3600), path: '/tmp', panes: [['sh', 'sh', '/tmp']] }),
];

/** What the preview shows for every pane: the end of a test run. */
export const FIXED_PANE_TEXT = [
  '$ npm test',
  '',
  ' ✓ test/unit/rows.test.ts (6 tests) 14ms',
  ' ✓ test/unit/step.test.ts (88 tests) 212ms',
  ' ✓ test/ui/screens.test.tsx (32 tests) 9.1s',
  '',
  ' Test Files  3 passed (3)',
  '      Tests  126 passed (126)',
  '$ git push origin look',
].join('\n');

export interface FixedAppOptions {
  columns: number;
  rows: number;
  snapshot?: Snapshot;
  sortMode?: SortMode;
  context?: Partial<Context>;
}

/**
 * The App drawn as in a real run (Ink's real output, not its debug frames)
 * into a headless terminal: `screen` is what a user would see.
 */
export function renderFixedApp(options: FixedAppOptions) {
  const snapshot = options.snapshot ?? { serverRunning: true, sessions: FIXED_SESSIONS };
  const screen = new HeadlessScreen(options.columns, options.rows);
  const stdout = new FakeStdout(options.columns, options.rows);
  // Each write goes to the emulator in order; `settled` waits for the last.
  let parsed = Promise.resolve();
  stdout.write = (frame: string) => {
    stdout.frames.push(frame);
    parsed = parsed.then(() => screen.write(frame));
    return true;
  };
  const keys = new EventEmitter();
  const services: EffectServices = {
    tmux: {
      snapshot: () => Promise.resolve(snapshot),
      capturePane: () => Promise.resolve(FIXED_PANE_TEXT),
      createSession: () => Promise.reject(new Error('not in a fixed screen')),
      renameSession: () => Promise.reject(new Error('not in a fixed screen')),
      killSession: () => Promise.reject(new Error('not in a fixed screen')),
      renameWindow: () => Promise.reject(new Error('not in a fixed screen')),
      killWindow: () => Promise.reject(new Error('not in a fixed screen')),
      markSeen: () => Promise.resolve(),
    },
    log: new Logger(null),
    now: () => FIXED_NOW,
    rememberSort: () => Promise.resolve(undefined),
  };
  const surroundings: Surroundings = {
    keys,
    onResize: (listener) => {
      stdout.on('resize', listener);
      return () => stdout.off('resize', listener);
    },
    onQuitRequest: () => () => undefined,
  };
  const context: Context = {
    home: FIXED_HOME,
    startDir: '/tmp',
    // In a tmux popup over the session `web`: its row shows the `*` of the current session.
    insideTmux: true,
    inPopup: false,
    currentSessionId: '$1',
    ownPaneId: undefined,
    server: 'default',
    dryRun: false,
    aiCommands: new Set(DEFAULT_CONFIG.ai_commands),
    styles: true,
    previewLines: DEFAULT_CONFIG.preview_lines,
    // Refreshes answer the same list: slow ones are enough.
    refreshIntervalMs: 1000,
    projectRoots: false,
    notify: 'off',
    ...options.context,
  };
  const initial = initialState({ context, columns: options.columns, rows: options.rows, now: FIXED_NOW, sortMode: options.sortMode ?? 'activity', snapshot, selectedId: undefined, message: undefined });
  const app = render(<App initial={initial} services={services} surroundings={surroundings} onDone={() => undefined} />, {
    ...INK_OPTIONS,
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
    patchConsole: false,
  });
  /**
   * Waits until the screen shows `pattern` (and every write so far is on it).
   * It counts its tries rather than reading the clock: the screens' tests
   * stop the clock at FIXED_NOW.
   */
  const until = async (pattern: RegExp, what: string): Promise<string> => {
    let text = '';
    for (let tries = 0; tries < 200; tries++) {
      await parsed;
      text = screen.textLines().join('\n');
      if (pattern.test(text)) return text;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`the screen never showed ${what} (${String(pattern)})\n--- screen ---\n${text}`);
  };
  return {
    screen,
    until,
    press: async (chunk: string, expect: RegExp) => {
      keys.emit('data', chunk);
      await until(expect, `after ${JSON.stringify(chunk)}`);
    },
    resize: async (columns: number, rows: number, expect: RegExp) => {
      stdout.columns = columns;
      stdout.rows = rows;
      screen.resize(columns, rows);
      stdout.emit('resize', columns, rows);
      await until(expect, `after the resize to ${columns}×${rows}`);
    },
    unmount: () => {
      app.unmount();
    },
  };
}

import { readAgentFiles } from '../../src/agents/snapshot.js';
import { render } from 'ink';
import { EventEmitter } from 'node:events';
import { App } from '../../components/App.js';
import type { Surroundings, UiResult } from '../../hooks/useDashboard.js';
import { DEFAULT_CONFIG, type Config, type SortMode } from '../../src/config/schema.js';
import type { EffectServices } from '../../src/dashboard/effects.js';
import type { Event } from '../../src/dashboard/events.js';
import { initialState, type InitialState } from '../../src/dashboard/settle.js';
import type { Context } from '../../src/dashboard/state.js';
import { Logger } from '../../src/log/logger.js';
import { describeServer } from '../../src/tmux/server.js';
import type { TmuxService } from '../../src/tmux/service.js';
import type { Snapshot } from '../../src/tmux/types.js';
import { FakeStdin, FakeStdout } from './fake-terminal.js';
import type { TestServer } from './tmux-server.js';
import { waitFor } from './tmux-server.js';

export interface AppOptions {
  columns?: number;
  rows?: number;
  config?: Partial<Config>;
  sortMode?: SortMode;
  snapshot?: Snapshot;
  message?: string;
  context?: Partial<Context>;
}

/** The context the dashboard would have for `server`, started outside tmux in its home. */
export function testContext(server: TestServer, tmux: TmuxService, config: Config, extra: Partial<Context> = {}): Context {
  return {
    home: server.home,
    startDir: server.home,
    insideTmux: false,
    inPopup: false,
    currentSessionId: undefined,
    ownPaneId: undefined,
    server: describeServer(tmux.server),
    dryRun: config.dry_run,
    aiCommands: new Set(config.ai_commands),
    styles: true,
    previewLines: config.preview_lines,
    refreshIntervalMs: config.refresh_interval_ms,
    projectRoots: config.project_roots.length > 0,
    notify: config.notify,
    ...extra,
  };
}

export function testInitial(server: TestServer, tmux: TmuxService, options: AppOptions = {}): InitialState {
  const config = { ...DEFAULT_CONFIG, refresh_interval_ms: 250, ...options.config };
  return {
    context: testContext(server, tmux, config, options.context),
    columns: options.columns ?? 100,
    rows: options.rows ?? 30,
    now: Date.now(),
    sortMode: options.sortMode ?? 'name',
    snapshot: options.snapshot,
    selectedId: undefined,
    message: options.message,
  };
}

/**
 * The dashboard's App on a terminal of `columns`×`rows` for `server`: keys
 * are written as the terminal would deliver them (`press('jd')` is one
 * read), every frame lands in `stdout.frames`.
 */
export function renderAppOn(server: TestServer, tmux: TmuxService, options: AppOptions = {}) {
  const initial = testInitial(server, tmux, options);
  const stdout = new FakeStdout(initial.columns, initial.rows);
  const keys = new EventEmitter();
  const quitRequests = new EventEmitter();
  const done: UiResult[] = [];
  const sortChanges: SortMode[] = [];
  const services: EffectServices = {
    tmux,
    log: new Logger(null),
    now: Date.now,
    agentFiles: (sessions) => readAgentFiles(sessions, server.env),
    bell: () => undefined,
    rememberSort: (mode) => {
      sortChanges.push(mode);
      return Promise.resolve(undefined);
    },
  };
  const surroundings: Surroundings = {
    keys,
    onResize: (listener) => {
      const onResize = (columns: number, rows: number) => {
        listener(columns, rows);
      };
      stdout.on('resize', onResize);
      return () => stdout.off('resize', onResize);
    },
    onQuitRequest: (listener) => {
      quitRequests.on('quit', listener);
      return () => quitRequests.off('quit', listener);
    },
  };
  const app = render(<App initial={initialState(initial)} services={services} surroundings={surroundings} onDone={(result) => done.push(result)} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: new FakeStdin() as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  const frame = () => stdout.frames.at(-1) ?? '';
  const until = (pattern: RegExp, what: string) =>
    waitFor(() => (pattern.test(frame()) ? frame() : undefined), what, 10_000).catch((error: unknown) => {
      throw new Error(`${String(error)}\n--- frame ---\n${frame()}`);
    });
  const press = async (chunk: string, expect?: RegExp) => {
    keys.emit('data', chunk);
    if (expect !== undefined) await until(expect, `after ${JSON.stringify(chunk)}`);
  };
  return {
    stdout,
    frame,
    until,
    press,
    done,
    sortChanges,
    requestQuit: (event: Extract<Event, { type: 'quitRequested' }>) => quitRequests.emit('quit', event),
    resize: (columns: number, rows: number) => {
      stdout.columns = columns;
      stdout.rows = rows;
      stdout.emit('resize', columns, rows);
    },
    unmount: () => {
      app.unmount();
    },
  };
}

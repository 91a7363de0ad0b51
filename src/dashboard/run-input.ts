import type { Config, SortMode } from '../config/schema.js';
import type { InstanceLock } from '../lock/index.js';
import type { Logger } from '../log/logger.js';
import type { SortMemory } from '../state/sort-memory.js';
import type { TmuxService } from '../tmux/service.js';
import type { DashboardStart } from './start.js';

/**
 * What the CLI hands the UI once the lock is held and the first frame is on
 * the screen. The CLI (src/cli) does not import the UI (components/): the
 * bundle's entry (bin/cli.ts) gives it a function that loads the UI.
 */
export interface DashboardRun {
  tmux: TmuxService;
  start: DashboardStart;
  /** The first frame is on the screen already (on the alternate screen). */
  painted: boolean;
  lock: InstanceLock;
  log: Logger;
  config: Config;
  /** For the status line at start (config warnings). */
  message: string | undefined;
  sortMode: SortMode;
  sortMemory: SortMemory;
  /** The preview's on/off as `p` last left it (state file); undefined: by the terminal's size. */
  showPreview: boolean | undefined;
  /** Styles reach the screen (false with NO_COLOR, TERM=dumb, color: never). */
  styles: boolean;
  takeover: TakeoverSignal;
}

/** Runs the UI until the user quits or switches away; resolves with the exit code. */
export type RunDashboardUi = (run: DashboardRun) => Promise<number>;

/**
 * A `--takeover` from another start asks this dashboard to quit. The request
 * can come before the UI is up (it then never opens) or while it runs.
 */
export class TakeoverSignal {
  private asked = false;
  private readonly listeners = new Set<() => void>();

  get requested(): boolean {
    return this.asked;
  }

  request(): void {
    this.asked = true;
    for (const listener of this.listeners) listener();
  }

  /** Calls `listener` on a request (at once if one came already); returns the unsubscribe. */
  subscribe(listener: () => void): () => void {
    if (this.asked) listener();
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }
}

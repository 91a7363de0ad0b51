import type { SortMode } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import { updateState } from './state.js';

export interface SortMemory {
  /** Remembers the mode; resolves with the one warning to show when remembering failed (it then stops trying). */
  remember(mode: SortMode): Promise<string | undefined>;
  /** Resolves when every write asked for so far has ended: the process waits for it before exiting. */
  settled(): Promise<void>;
}

/**
 * The sort mode chosen with `s`, written to the state file in the order the
 * keys were pressed (the file lock alone does not keep that order: `s s s`
 * could end on the second mode). A state file that cannot be written turns
 * remembering off after one warning.
 */
export function sortMemory(stateFile: string, log: Logger): SortMemory {
  let writes: Promise<unknown> = Promise.resolve();
  let enabled = stateFile !== '';
  const write = async (mode: SortMode): Promise<string | undefined> => {
    if (!enabled) return undefined;
    try {
      await updateState(stateFile, { sort_mode: mode });
      return undefined;
    } catch (error) {
      enabled = false;
      const message = `the sort mode will not be remembered: ${error instanceof Error ? error.message : String(error)}`;
      log.warn('state_write_failed', message);
      return message;
    }
  };
  return {
    remember(mode) {
      const next = writes.then(() => write(mode));
      writes = next.catch(() => undefined);
      return next;
    },
    async settled() {
      await writes;
    },
  };
}

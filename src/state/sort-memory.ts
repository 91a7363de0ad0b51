import type { SortMode } from '../config/schema.js';
import type { Logger } from '../log/logger.js';
import { updateState, type UiState } from './state.js';

export interface SortMemory {
  /** Remembers the mode; resolves with the one warning to show when remembering failed (it then stops trying). */
  remember(mode: SortMode): Promise<string | undefined>;
  /** Remembers whether the preview is shown (`p`), the same way. */
  rememberPreview(shown: boolean): Promise<string | undefined>;
  /** Resolves when every write asked for so far has ended: the process waits for it before exiting. */
  settled(): Promise<void>;
}

/**
 * The sort mode chosen with `s` (and the preview's on/off, `p`), written to the state file in the order the
 * keys were pressed (the file lock alone does not keep that order: `s s s`
 * could end on the second mode). A state file that cannot be written turns
 * remembering off after one warning.
 */
export function sortMemory(stateFile: string, log: Logger): SortMemory {
  let writes: Promise<unknown> = Promise.resolve();
  let enabled = stateFile !== '';
  const write = async (patch: Partial<UiState>, what: string): Promise<string | undefined> => {
    if (!enabled) return undefined;
    try {
      await updateState(stateFile, patch);
      return undefined;
    } catch (error) {
      enabled = false;
      const message = `the ${what} will not be remembered: ${error instanceof Error ? error.message : String(error)}`;
      log.warn('state_write_failed', message);
      return message;
    }
  };
  return {
    remember(mode) {
      const next = writes.then(() => write({ sort_mode: mode }, 'sort mode'));
      writes = next.catch(() => undefined);
      return next;
    },
    rememberPreview(shown) {
      const next = writes.then(() => write({ show_preview: shown }, 'preview choice'));
      writes = next.catch(() => undefined);
      return next;
    },
    async settled() {
      await writes;
    },
  };
}

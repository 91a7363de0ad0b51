import type { LoadedConfig } from '../config/load.js';
import type { SortMode } from '../config/schema.js';
import { rememberedSortMode, type UiState } from './state.js';

/** The sort mode to start with: environment > remembered state > config file > default. */
export function initialSortMode(loaded: LoadedConfig, state: UiState): { mode: SortMode; source: string } {
  const source = loaded.sources.sort_mode;
  if (source.startsWith('TMUX_DASHBOARD_')) return { mode: loaded.config.sort_mode, source };
  const remembered = rememberedSortMode(state);
  if (remembered !== undefined) return { mode: remembered, source: 'remembered' };
  return { mode: loaded.config.sort_mode, source };
}

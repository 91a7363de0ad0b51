import { describe, expect, it } from 'vitest';
import type { LoadedConfig } from '../../src/config/load.js';
import { CONFIG_KEYS, DEFAULT_CONFIG, type SortMode } from '../../src/config/schema.js';
import { initialSortMode } from '../../src/state/sort-mode.js';

function loaded(mode: SortMode, source: string): LoadedConfig {
  const sources = Object.fromEntries(CONFIG_KEYS.map((key) => [key, 'default'])) as LoadedConfig['sources'];
  sources.sort_mode = source;
  return { config: { ...DEFAULT_CONFIG, sort_mode: mode }, sources, warnings: [], file: null };
}

describe('initialSortMode: environment > remembered > config > default', () => {
  it('environment wins over the remembered mode', () => {
    expect(initialSortMode(loaded('name', 'TMUX_DASHBOARD_SORT_MODE'), { sort_mode: 'ai_first' })).toEqual({ mode: 'name', source: 'TMUX_DASHBOARD_SORT_MODE' });
  });
  it('remembered wins over the config file', () => {
    expect(initialSortMode(loaded('name', '/c/config.json'), { sort_mode: 'ai_first' })).toEqual({ mode: 'ai_first', source: 'remembered' });
  });
  it('config file wins over the default; garbage in the state is ignored', () => {
    expect(initialSortMode(loaded('windows_count', '/c/config.json'), { sort_mode: 'nonsense' as SortMode })).toEqual({ mode: 'windows_count', source: '/c/config.json' });
  });
  it('default otherwise', () => {
    expect(initialSortMode(loaded('activity', 'default'), {})).toEqual({ mode: 'activity', source: 'default' });
  });
});

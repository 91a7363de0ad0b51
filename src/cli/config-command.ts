import type { LoadedConfig } from '../config/load.js';
import { CONFIG_KEYS, type ConfigKey } from '../config/schema.js';
import { logPathOf } from '../log/logger.js';
import { initialSortMode } from '../state/sort-mode.js';
import type { UiState } from '../state/state.js';
import type { Output } from './commands.js';
import { ExitCode } from './exit-codes.js';

/**
 * `config [--json]`: every value as the dashboard will use it and where it
 * came from, and every warning. Both forms say the same: the sort mode
 * remembered in the state file (which beats the config file), and the log
 * file `log_path` really means.
 */
export function configCommand(loaded: LoadedConfig, json: boolean, output: Output, state: UiState, stateFile: string): number {
  const effective = (key: ConfigKey): { value: unknown; source: string } => {
    if (key === 'sort_mode') {
      const sort = initialSortMode(loaded, state);
      return { value: sort.mode, source: sort.source === 'remembered' ? `remembered in ${stateFile}` : sort.source };
    }
    if (key === 'log_path') return { value: logPathOf(loaded.config) ?? 'off', source: loaded.sources[key] };
    return { value: loaded.config[key], source: loaded.sources[key] };
  };
  if (json) {
    const entries = CONFIG_KEYS.map((key) => [key, effective(key)] as const);
    output.out(`${JSON.stringify({ file: loaded.file, settings: Object.fromEntries(entries), warnings: loaded.warnings }, null, 2)}\n`);
    return ExitCode.ok;
  }
  const rows = CONFIG_KEYS.map((key) => {
    const { value, source } = effective(key);
    return [key, JSON.stringify(value), source] as const;
  });
  const keyWidth = Math.max(...rows.map(([key]) => key.length));
  const valueWidth = Math.min(40, Math.max(...rows.map(([, value]) => value.length)));
  output.out(`config file: ${loaded.file ?? '(none)'}\n`);
  for (const [key, value, source] of rows) output.out(`${key.padEnd(keyWidth)}  ${value.padEnd(valueWidth)}  ${source}\n`);
  if (loaded.warnings.length > 0) output.out(`warnings:\n${loaded.warnings.map((warning) => `  ${warning}\n`).join('')}`);
  return ExitCode.ok;
}

import type { LoadedConfig } from '../config/load.js';
import { CONFIG_KEYS } from '../config/schema.js';
import type { Output } from './commands.js';
import { ExitCode } from './exit-codes.js';

/** `config [--json]`: every effective value and where it came from. */
export function configCommand(loaded: LoadedConfig, json: boolean, output: Output): number {
  if (json) {
    const entries = CONFIG_KEYS.map((key): [string, { value: unknown; source: string }] => [key, { value: loaded.config[key], source: loaded.sources[key] }]);
    output.out(`${JSON.stringify({ file: loaded.file, settings: Object.fromEntries(entries), warnings: loaded.warnings }, null, 2)}\n`);
    return ExitCode.ok;
  }
  const rows = CONFIG_KEYS.map((key) => [key, JSON.stringify(loaded.config[key]), loaded.sources[key]] as const);
  const keyWidth = Math.max(...rows.map(([key]) => key.length));
  const valueWidth = Math.min(40, Math.max(...rows.map(([, value]) => value.length)));
  output.out(`config file: ${loaded.file ?? '(none)'}\n`);
  for (const [key, value, source] of rows) output.out(`${key.padEnd(keyWidth)}  ${value.padEnd(valueWidth)}  ${source}\n`);
  return ExitCode.ok;
}

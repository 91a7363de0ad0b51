/**
 * The configuration keys (snake_case, as in the original tool's config.json),
 * their defaults and how a value from a file or the environment is checked.
 */

export const SORT_MODES = ['activity', 'name', 'ai_first', 'windows_count'] as const;
export type SortMode = (typeof SORT_MODES)[number];

export const COLOR_MODES = ['auto', 'always', 'never'] as const;

/** What the dashboard does when an agent starts waiting for the user: ring the terminal bell once, or nothing (the row and the status line say it either way). */
export const NOTIFY_MODES = ['bell', 'off'] as const;
export type NotifyMode = (typeof NOTIFY_MODES)[number];
export type ColorMode = (typeof COLOR_MODES)[number];

export interface Config {
  sort_mode: SortMode;
  auto_create: boolean;
  auto_rename_on_detach: boolean;
  dry_run: boolean;
  color: ColorMode;
  preview_lines: number;
  refresh_interval_ms: number;
  /** How long one tmux call may take before the server is reported as not answering. */
  tmux_timeout_ms: number;
  ai_commands: string[];
  notify: NotifyMode;
  /** null: the default place under the state directory; 'off' disables the log. */
  log_path: string | null;
}

export type ConfigKey = keyof Config;

export const DEFAULT_AI_COMMANDS = ['claude', 'codex', 'aider', 'gemini', 'opencode', 'cursor-agent', 'copilot', 'goose', 'amp'];

export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze({
  sort_mode: 'activity',
  auto_create: true,
  auto_rename_on_detach: false,
  dry_run: false,
  color: 'auto',
  preview_lines: 20,
  refresh_interval_ms: 2000,
  tmux_timeout_ms: 5000,
  ai_commands: DEFAULT_AI_COMMANDS,
  notify: 'bell',
  log_path: null,
});

export const CONFIG_KEYS = Object.keys(DEFAULT_CONFIG) as ConfigKey[];

/** Environment variables that override a key, and the key each one sets. */
export const ENV_OVERRIDES: Readonly<Record<string, ConfigKey>> = {
  TMUX_DASHBOARD_SORT_MODE: 'sort_mode',
  TMUX_DASHBOARD_AUTO_CREATE: 'auto_create',
  TMUX_DASHBOARD_AUTO_RENAME_ON_DETACH: 'auto_rename_on_detach',
  TMUX_DASHBOARD_DRY_RUN: 'dry_run',
  TMUX_DASHBOARD_COLOR: 'color',
  TMUX_DASHBOARD_PREVIEW_LINES: 'preview_lines',
  TMUX_DASHBOARD_LOG: 'log_path',
  TMUX_DASHBOARD_TMUX_TIMEOUT_MS: 'tmux_timeout_ms',
  TMUX_DASHBOARD_NOTIFY: 'notify',
};

export type Checked<T> = { ok: true; value: T } | { ok: false; allowed: string };

function oneOf<T extends string>(choices: readonly T[]): (value: unknown) => Checked<T> {
  return (value) => ((choices as readonly unknown[]).includes(value) ? { ok: true, value: value as T } : { ok: false, allowed: `one of ${choices.join(', ')}` });
}

function integer(min: number, max: number): (value: unknown) => Checked<number> {
  return (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? { ok: true, value } : { ok: false, allowed: `a whole number from ${min} to ${max}` };
}

const boolean = (value: unknown): Checked<boolean> => (typeof value === 'boolean' ? { ok: true, value } : { ok: false, allowed: 'true or false' });

/** Checks a value as it comes from a parsed file (JSON/YAML/JS types). */
export const CHECKS: { [K in ConfigKey]: (value: unknown) => Checked<Config[K]> } = {
  sort_mode: oneOf(SORT_MODES),
  auto_create: boolean,
  auto_rename_on_detach: boolean,
  dry_run: boolean,
  color: oneOf(COLOR_MODES),
  preview_lines: integer(0, 500),
  refresh_interval_ms: integer(250, 60_000),
  tmux_timeout_ms: integer(100, 600_000),
  ai_commands: (value) =>
    Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '' && item.length <= 64)
      ? { ok: true, value: [...(value as string[])] }
      : { ok: false, allowed: 'a list of process names (strings)' },
  notify: oneOf(NOTIFY_MODES),
  log_path: (value) => (value === null || (typeof value === 'string' && value !== '') ? { ok: true, value } : { ok: false, allowed: "a file path, or 'off'" }),
};

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off']);

/** Turns an environment variable's text into the type its key wants, then checks it. */
export function checkEnvValue(key: ConfigKey, text: string): Checked<unknown> {
  const trimmed = text.trim();
  switch (key) {
    case 'auto_create':
    case 'auto_rename_on_detach':
    case 'dry_run': {
      const word = trimmed.toLowerCase();
      if (TRUE_WORDS.has(word)) return { ok: true, value: true };
      if (FALSE_WORDS.has(word)) return { ok: true, value: false };
      return { ok: false, allowed: '1/0, true/false, yes/no or on/off' };
    }
    case 'preview_lines':
    case 'refresh_interval_ms':
    case 'tmux_timeout_ms':
      return CHECKS[key](/^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed);
    case 'ai_commands':
      return CHECKS[key](trimmed.split(',').map((item) => item.trim()).filter((item) => item !== ''));
    default:
      return CHECKS[key](trimmed);
  }
}

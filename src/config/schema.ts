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
  /** Listen to tmux's notifications (a control-mode client) so that changes show at once; false: poll only. */
  control_mode: boolean;
  /** How long one tmux call may take before the server is reported as not answering. */
  tmux_timeout_ms: number;
  ai_commands: string[];
  notify: NotifyMode;
  /** Clicks and the wheel act in the UI (the terminal reports them while it shows); false leaves the mouse to the terminal (selecting text). */
  mouse: boolean;
  /** null: the default place under the state directory; 'off' disables the log. */
  log_path: string | null;
  /** Folders scanned for projects by the project picker, each to its own depth. */
  project_roots: ProjectRoot[];
  /** Windows and a command for new sessions of projects whose path matches. */
  templates: Template[];
}

export interface ProjectRoot {
  /** Absolute, or starting with `~/`. */
  path: string;
  /** How many folder levels below `path` are looked at (1: its children). */
  depth: number;
}

export interface TemplateWindow {
  name?: string;
  /** Typed into the window's shell, as if by the user. */
  command?: string;
  /** Relative to the project folder, or absolute, or `~/…`. */
  dir?: string;
}

export interface Template {
  /** A path pattern: `~` is the home folder, `*` any one folder name, `**` any folders. */
  match: string;
  windows: TemplateWindow[];
  /** Typed into the session's first window. */
  startup_command?: string;
}

export const DEFAULT_ROOT_DEPTH = 3;
export const MAX_ROOT_DEPTH = 8;

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
  control_mode: true,
  tmux_timeout_ms: 5000,
  ai_commands: DEFAULT_AI_COMMANDS,
  notify: 'bell',
  mouse: true,
  log_path: null,
  project_roots: [],
  templates: [],
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
  TMUX_DASHBOARD_CONTROL_MODE: 'control_mode',
  TMUX_DASHBOARD_MOUSE: 'mouse',
};

/** A value checked: taken (with `dropped`: the parts of a list that were not, and why), or refused. */
export type Checked<T> = { ok: true; value: T; dropped?: string[] } | { ok: false; allowed: string };

function oneOf<T extends string>(choices: readonly T[]): (value: unknown) => Checked<T> {
  return (value) => ((choices as readonly unknown[]).includes(value) ? { ok: true, value: value as T } : { ok: false, allowed: `one of ${choices.join(', ')}` });
}

function integer(min: number, max: number): (value: unknown) => Checked<number> {
  return (value) =>
    typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? { ok: true, value } : { ok: false, allowed: `a whole number from ${min} to ${max}` };
}

const boolean = (value: unknown): Checked<boolean> => (typeof value === 'boolean' ? { ok: true, value } : { ok: false, allowed: 'true or false' });

/** The words `log_path` takes for no log at all. */
export const LOG_OFF: readonly string[] = ['off', 'none', '0', 'false'];

/** Checks a value as it comes from a parsed file (JSON/YAML/JS types). */
export const CHECKS: { [K in ConfigKey]: (value: unknown) => Checked<Config[K]> } = {
  sort_mode: oneOf(SORT_MODES),
  auto_create: boolean,
  auto_rename_on_detach: boolean,
  dry_run: boolean,
  color: oneOf(COLOR_MODES),
  preview_lines: integer(0, 500),
  refresh_interval_ms: integer(250, 60_000),
  control_mode: boolean,
  tmux_timeout_ms: integer(100, 600_000),
  ai_commands: (value) =>
    Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '' && item.length <= 64)
      ? { ok: true, value: [...(value as string[])] }
      : { ok: false, allowed: 'a list of process names (strings)' },
  notify: oneOf(NOTIFY_MODES),
  mouse: boolean,
  // A relative path would be taken from whatever folder each command runs in (a `~` folder there, for `~/…` unexpanded).
  log_path: (value) => (value === null || (isText(value) && (value.startsWith('/') || (value.startsWith('~/') && value.length > 2) || LOG_OFF.includes(value.toLowerCase()))) ? { ok: true, value } : { ok: false, allowed: "a file path, absolute or starting with ~/, or 'off'" }),
  project_roots: checkProjectRoots,
  templates: checkTemplates,
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isText = (value: unknown, max = 4096): value is string => typeof value === 'string' && value !== '' && value.length <= max && !value.includes('\0');
const isPathText = (value: unknown): value is string => isText(value) && (value.startsWith('/') || value === '~' || value.startsWith('~/'));

function checkProjectRoots(value: unknown): Checked<ProjectRoot[]> {
  const allowed = `a list of { path, depth }: path absolute or starting with ~/, depth a whole number from 1 to ${MAX_ROOT_DEPTH} (default ${DEFAULT_ROOT_DEPTH})`;
  if (!Array.isArray(value) || value.length > 64) return { ok: false, allowed };
  const roots: ProjectRoot[] = [];
  // One bad entry drops that entry, not every root: each is said.
  const dropped: string[] = [];
  (value as unknown[]).forEach((item, index) => {
    // A bare string is a root with the default depth.
    const entry = typeof item === 'string' ? { path: item } : item;
    const depth = isRecord(entry) ? (entry.depth ?? DEFAULT_ROOT_DEPTH) : undefined;
    if (!isRecord(entry) || !isPathText(entry.path)) dropped.push(`entry ${index + 1} (${JSON.stringify(item)}): the path must be absolute or start with ~/`);
    else if (typeof depth !== 'number' || !Number.isInteger(depth) || depth < 1 || depth > MAX_ROOT_DEPTH) dropped.push(`entry ${index + 1} (${JSON.stringify(item)}): depth must be a whole number from 1 to ${MAX_ROOT_DEPTH}`);
    else roots.push({ path: entry.path, depth });
  });
  return dropped.length === 0 ? { ok: true, value: roots } : { ok: true, value: roots, dropped };
}

function checkTemplates(value: unknown): Checked<Template[]> {
  const allowed = 'a list of { match, windows: [{ name, command, dir }], startup_command } (match a path pattern such as ~/src/*; every value text)';
  if (!Array.isArray(value) || value.length > 64) return { ok: false, allowed };
  const templates: Template[] = [];
  for (const item of value as unknown[]) {
    if (!isRecord(item) || !isPathText(item.match)) return { ok: false, allowed };
    const windows: TemplateWindow[] = [];
    const listed = item.windows ?? [];
    if (!Array.isArray(listed) || listed.length > 32) return { ok: false, allowed };
    for (const window of listed as unknown[]) {
      if (!isRecord(window)) return { ok: false, allowed };
      const checked: TemplateWindow = {};
      for (const key of ['name', 'command', 'dir'] as const) {
        const text = window[key];
        if (text === undefined) continue;
        if (!isText(text)) return { ok: false, allowed };
        checked[key] = text;
      }
      windows.push(checked);
    }
    const startup = item.startup_command;
    if (startup !== undefined && !isText(startup)) return { ok: false, allowed };
    templates.push({ match: item.match, windows, ...(startup === undefined ? {} : { startup_command: startup }) });
  }
  return { ok: true, value: templates };
}

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'on']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'off']);

/** Turns an environment variable's text into the type its key wants, then checks it. */
export function checkEnvValue(key: ConfigKey, text: string): Checked<unknown> {
  const trimmed = text.trim();
  switch (key) {
    case 'auto_create':
    case 'auto_rename_on_detach':
    case 'control_mode':
    case 'dry_run':
    case 'mouse': {
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

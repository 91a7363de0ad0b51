import { mkdtempSync, rmdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { configDir } from '../xdg.js';
import { CHECKS, CONFIG_KEYS, DEFAULT_CONFIG, ENV_OVERRIDES, checkEnvValue, type Config, type ConfigKey } from './schema.js';

/** Where each effective value came from: `default`, a file path, or an environment variable's name. */
export type ConfigSources = Record<ConfigKey, string>;

export interface LoadedConfig {
  config: Config;
  sources: ConfigSources;
  /** One sentence each, naming the file or variable, the key, the value and what is allowed. */
  warnings: string[];
  /** The file that was read, if any. */
  file: string | null;
}

const CANDIDATES = ['config.json', 'config.yaml', 'config.yml', 'config.js', 'config.mjs'];
const READABLE_EXTENSIONS = new Set(['.json', '.yaml', '.yml', '.js', '.mjs', '.cjs']);
/** A config is a few hundred bytes; a huge file is a mistake, not worth the startup time. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

function existingFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * The config file to read: `TMUX_DASHBOARD_CONFIG`, else the first of
 * config.{json,yaml,yml,js,mjs} in the user's config directory. Never the
 * current directory or its parents: a dashboard opened in a cloned
 * repository must not run that repository's code.
 */
export function locateConfig(env: NodeJS.ProcessEnv, warnings: string[]): string | null {
  const explicit = env.TMUX_DASHBOARD_CONFIG;
  if (explicit !== undefined && explicit !== '') {
    let file: string;
    try {
      file = path.resolve(explicit);
    } catch {
      // A relative name, and the current folder was deleted: nothing to resolve it against.
      warnings.push(`TMUX_DASHBOARD_CONFIG names ${explicit}, a relative path, and the current folder no longer exists; using defaults`);
      return null;
    }
    if (existingFile(file)) return file;
    warnings.push(`TMUX_DASHBOARD_CONFIG names ${file}, which is not a readable file; using defaults`);
    return null;
  }
  const dir = configDir(env);
  for (const name of CANDIDATES) {
    const file = path.join(dir, name);
    if (existingFile(file)) return file;
  }
  return null;
}

/**
 * Parses the file with cosmiconfig. cosmiconfig's constructor looks for a
 * "meta config" (package.json, .config/config.js, …) in the current
 * directory and would load — even run — it; so it is constructed while the
 * process sits in an empty private directory.
 */
async function parseConfigFile(file: string, warnings: string[]): Promise<unknown> {
  const size = statSync(file).size;
  if (size > MAX_CONFIG_BYTES) {
    warnings.push(`${file} is ${(size / 1024 / 1024).toFixed(1)} MB, more than a config can be (1 MB); not read, using defaults`);
    return undefined;
  }
  if (!READABLE_EXTENSIONS.has(path.extname(file))) {
    warnings.push(`${file}: unknown format (use .json, .yaml, .yml, .js or .mjs); not read, using defaults`);
    return undefined;
  }
  // CommonJS, so its module.exports is the default export: in a bundle chunk
  // of its own (lazy: only with a config file) that is all there is.
  const { cosmiconfig } = (await import('cosmiconfig')).default;
  const loadJson = (filepath: string, content: string): unknown => {
    let text = content;
    if (text.charCodeAt(0) === 0xfeff) {
      warnings.push(`${filepath} starts with a byte order mark; read anyway (save it as UTF-8 without BOM)`);
      text = text.slice(1);
    }
    return JSON.parse(text);
  };
  const explorer = withCwdIn(emptyPrivateDir(), () => cosmiconfig('tmux-dashboard', { cache: false, loaders: { '.json': loadJson } }));
  try {
    const result = await explorer.load(file);
    return result === null || result.isEmpty === true ? undefined : result.config;
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').replace(`JSON Error in ${file}: `, '');
    warnings.push(`${file} cannot be read (${reason}); using defaults`);
    return undefined;
  }
}

function emptyPrivateDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'tmux-dashboard-cwd-'));
}

function withCwdIn<T>(dir: string, body: () => T): T {
  let previous: string | undefined;
  try {
    previous = process.cwd();
  } catch {
    previous = undefined; // the current directory was deleted; nothing to go back to
  }
  process.chdir(dir);
  try {
    return body();
  } finally {
    if (previous !== undefined) {
      try {
        process.chdir(previous);
      } catch {
        // It vanished meanwhile: staying in the empty directory is harmless.
      }
    }
    rmdirSync(dir);
  }
}

/** Defaults, then the file, then TMUX_DASHBOARD_* variables; bad values are reported and skipped. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env): Promise<LoadedConfig> {
  const warnings: string[] = [];
  const config: Record<string, unknown> = { ...DEFAULT_CONFIG };
  const sources = Object.fromEntries(CONFIG_KEYS.map((key) => [key, 'default'])) as ConfigSources;

  const file = locateConfig(env, warnings);
  const raw = file === null ? undefined : await parseConfigFile(file, warnings);
  if (file !== null && raw !== undefined) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      warnings.push(`${file} must hold an object of settings, not ${Array.isArray(raw) ? 'a list' : typeof raw}; using defaults`);
    } else {
      for (const [key, value] of Object.entries(raw)) {
        if (!(CONFIG_KEYS as string[]).includes(key)) {
          warnings.push(`${file}: unknown key ${JSON.stringify(key)} ignored (known: ${CONFIG_KEYS.join(', ')})`);
          continue;
        }
        const checked = CHECKS[key as ConfigKey](value);
        if (checked.ok) {
          config[key] = checked.value;
          sources[key as ConfigKey] = file;
        } else {
          warnings.push(`${file}: ${key} = ${JSON.stringify(value)} is not allowed (expected ${checked.allowed}); using ${JSON.stringify(config[key])}`);
        }
      }
    }
  }

  for (const [variable, key] of Object.entries(ENV_OVERRIDES)) {
    const text = env[variable];
    if (text === undefined || text === '') continue;
    const checked = checkEnvValue(key, text);
    if (checked.ok) {
      config[key] = checked.value;
      sources[key] = variable;
    } else {
      warnings.push(`${variable}=${JSON.stringify(text)} is not allowed (expected ${checked.allowed}); using ${JSON.stringify(config[key])}`);
    }
  }
  return { config: config as unknown as Config, sources, warnings, file };
}

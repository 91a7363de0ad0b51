import { lstatSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ownUid, privateDir, UnsafePathError } from '../private-files.js';
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

/** What is at `file` when it is there but no file to read: a dangling link, a folder, a FIFO, a device. */
function unusableEntry(file: string): string | undefined {
  let entry;
  try {
    entry = lstatSync(file);
  } catch {
    return undefined;
  }
  if (entry.isSymbolicLink()) {
    try {
      const target = statSync(file);
      return target.isDirectory() ? 'is a link to a folder' : 'is a link to something that is not a plain file';
    } catch {
      return 'is a link to nothing (dangling)';
    }
  }
  if (entry.isDirectory()) return 'is a folder';
  return entry.isFile() ? undefined : 'is not a plain file (a FIFO, socket or device)';
}

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
      file = resolvePath(explicit);
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
    const file = join(dir, name);
    if (existingFile(file)) return file;
    // Something there that is no file — a link left dangling by a dotfile manager, a folder, a FIFO — is a mistake to say, not to pass over.
    const unusable = unusableEntry(file);
    if (unusable !== undefined) warnings.push(`${file} ${unusable}; not read`);
  }
  return null;
}

/**
 * Reads the file. JSON and YAML are data: cosmiconfig's loaders parse them
 * here (its explorer is not used: its constructor looks for a "meta config"
 * in the current directory and would load, even run, it). A .js/.mjs config
 * is code, run in a worker (below).
 */
async function parseConfigFile(file: string, warnings: string[], deadlineMs: number): Promise<unknown> {
  const size = statSync(file).size;
  if (size > MAX_CONFIG_BYTES) {
    warnings.push(`${file} is ${(size / 1024 / 1024).toFixed(1)} MB, more than a config can be (1 MB); not read, using defaults`);
    return undefined;
  }
  const extension = extname(file);
  if (!READABLE_EXTENSIONS.has(extension)) {
    warnings.push(`${file}: unknown format (use .json, .yaml, .yml, .js or .mjs); not read, using defaults`);
    return undefined;
  }
  if (CODE_EXTENSIONS.has(extension)) return runConfigCode(file, warnings, deadlineMs);
  // CommonJS, so its module.exports is the default export: in a bundle chunk
  // of its own (lazy: only with a config file) that is all there is.
  const { defaultLoaders } = (await import('cosmiconfig')).default;
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
    if (extension === '.json' && text.charCodeAt(0) === 0xfeff) {
      warnings.push(`${file} starts with a byte order mark; read anyway (save it as UTF-8 without BOM)`);
      text = text.slice(1);
    }
    if (text.trim() === '') return undefined;
    const loader = extension === '.json' ? defaultLoaders['.json'] : defaultLoaders['.yaml'];
    return (await loader(file, text)) as unknown;
  } catch (error) {
    warnings.push(`${file} cannot be read (${parseErrorText(error, text)}); using defaults`);
    return undefined;
  }
}

const CODE_EXTENSIONS = new Set(['.js', '.mjs', '.cjs']);

/**
 * A parser's error as one line, `line L, column C: what`. The loaders'
 * messages carry a code frame (twice, for JSON), which flattened into a
 * warning read as noise.
 */
function parseErrorText(error: unknown, text: string): string {
  const { reason, mark } = (error ?? {}) as { reason?: unknown; mark?: { line?: unknown; column?: unknown } };
  if (typeof reason === 'string' && typeof mark?.line === 'number' && typeof mark.column === 'number') return `line ${mark.line + 1}, column ${mark.column + 1}: ${reason}`;
  const message = error instanceof Error ? error.message : String(error);
  // JSON: the line that says what is wrong (the others are the frame and the file's name).
  const said = message.split('\n').find((line) => line.includes(' while parsing ')) ?? message.split('\n').find((line) => line.trim() !== '' && !/^(JSON|YAML) Error in /.test(line) && !/^\s*(>|\d+ \||\|)/.test(line.trimStart())) ?? message;
  const what = said.replace(/ while parsing .*$/, '').trim();
  const at = what.match(/ in JSON at position (\d+).*$/);
  if (at === null) return what;
  const before = text.slice(0, Number(at[1]));
  return `line ${before.split('\n').length}, column ${before.length - before.lastIndexOf('\n')}: ${what.slice(0, at.index)}`;
}

/** How long a .js/.mjs config may take to give its value. */
export const CONFIG_CODE_DEADLINE_MS = 3000;

/**
 * The worker's whole program: import the config (Node loads CommonJS and ESM
 * alike; a CommonJS module's exports are its default), wait for its value if
 * it is a promise, and post it back, or the config's own error. Evaluated
 * from this string, so the worker needs no file of its own next to the
 * bundle or in the package.
 */
const CONFIG_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const describe = (error) => error instanceof Error ? (error.name === 'Error' ? error.message : error.name + ': ' + error.message) : 'it threw ' + String(error);
import(workerData.url).then((module) => module.default).then(
  (config) => {
    try {
      parentPort.postMessage({ ok: true, config });
    } catch (error) {
      parentPort.postMessage({ ok: false, reason: 'its value is not plain data (' + describe(error) + ')' });
    }
  },
  (error) => parentPort.postMessage({ ok: false, reason: describe(error) }),
);
`;

type WorkerReply = { ok: true; config: unknown } | { ok: false; reason: string };

/**
 * Runs a .js/.mjs config in a worker thread, never on the main thread: a
 * config that loops for ever, never settles or throws costs at most
 * `deadlineMs`, gets a warning naming the file and what it did, and the
 * defaults apply. Meanwhile the main thread is free, so SIGTERM and Ctrl-C
 * end the process as always. What the config prints goes to stderr (stdout
 * may be `config --json` or `list --json`).
 */
async function runConfigCode(file: string, warnings: string[], deadlineMs: number): Promise<unknown> {
  const { Worker } = await import('node:worker_threads');
  const worker = new Worker(CONFIG_WORKER, {
    eval: true,
    workerData: { url: pathToFileURL(file).href },
    stdout: true,
    stderr: true,
    // A config that allocates without end fails alone, quickly.
    resourceLimits: { maxOldGenerationSizeMb: 64 },
  });
  worker.stdout.pipe(process.stderr);
  worker.stderr.pipe(process.stderr);
  const outcome = await new Promise<WorkerReply>((resolve) => {
    const timer = setTimeout(() => {
      resolve({ ok: false, reason: `it did not finish within ${deadlineMs / 1000} s (a loop, or a promise that never settles); stopped` });
    }, deadlineMs);
    const settle = (reply: WorkerReply) => {
      clearTimeout(timer);
      resolve(reply);
    };
    worker.once('message', (reply: WorkerReply) => {
      settle(reply);
    });
    worker.once('error', (error) => {
      settle({ ok: false, reason: error.message });
    });
    worker.once('exit', (code) => {
      // Nothing left to run and no value: its promise can never settle.
      settle({ ok: false, reason: code === 0 ? 'its value never settled (a promise nothing resolves)' : `it ended the loader (exit code ${code})` });
    });
  });
  worker.removeAllListeners();
  worker.unref();
  void worker.terminate();
  if (outcome.ok) return outcome.config;
  warnings.push(`${file} failed: ${outcome.reason.replace(/\s+/g, ' ')}; using defaults`);
  return undefined;
}

/**
 * The config directory is the user's own: tightened to 0700 when it is, and
 * not read (with a warning) when another user owns it or the file, since a
 * .js config there is code we would run.
 */
function trustedConfig(file: string, warnings: string[], env: NodeJS.ProcessEnv): boolean {
  const dir = dirname(file);
  try {
    if (resolvePath(dir) === resolvePath(configDir(env))) privateDir(dir, 'config');
    const owner = statSync(file).uid;
    const uid = ownUid();
    if (uid !== undefined && owner !== uid) throw new UnsafePathError(`${file} belongs to uid ${owner}, not to you`);
    return true;
  } catch (error) {
    warnings.push(`${error instanceof Error ? error.message : String(error)}; not read, using defaults`);
    return false;
  }
}

export interface LoadOptions {
  /** false: defaults and variables only (what commands that must not run config code use). */
  readFile?: boolean;
  deadlineMs?: number;
}

/** Defaults, then the file, then TMUX_DASHBOARD_* variables; bad values are reported and skipped. */
export async function loadConfig(env: NodeJS.ProcessEnv = process.env, options: LoadOptions = {}): Promise<LoadedConfig> {
  const warnings: string[] = [];
  const config: Record<string, unknown> = { ...DEFAULT_CONFIG };
  const sources = Object.fromEntries(CONFIG_KEYS.map((key) => [key, 'default'])) as ConfigSources;

  const file = options.readFile === false ? null : locateConfig(env, warnings);
  const raw = file === null || !trustedConfig(file, warnings, env) ? undefined : await parseConfigFile(file, warnings, options.deadlineMs ?? CONFIG_CODE_DEADLINE_MS);
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
          for (const reason of checked.dropped ?? []) warnings.push(`${file}: ${key}: ${reason}; that entry is ignored`);
        } else {
          warnings.push(`${file}: ${key} = ${JSON.stringify(value)} is not allowed (expected ${checked.allowed}); ${refusedValue(key as ConfigKey, config, sources, file)}`);
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
      warnings.push(`${variable}=${JSON.stringify(text)} is not allowed (expected ${checked.allowed}); ${refusedValue(key, config, sources, variable)}`);
    }
  }
  return { config: config as unknown as Config, sources, warnings, file };
}

/**
 * What a value that cannot be read leaves: the value before it — except a
 * dry run, which is then on. Someone who wrote `dry_run` meant to change
 * nothing; a typo in its value must not make the next command act for real.
 */
function refusedValue(key: ConfigKey, config: Record<string, unknown>, sources: ConfigSources, source: string): string {
  if (key !== 'dry_run') return config[key] === null ? 'using the default' : `using ${JSON.stringify(config[key])}`;
  config[key] = true;
  sources[key] = source;
  return 'a dry run is on (nothing is changed) until it reads true or false';
}

import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { privateDir } from './private-files.js';

/** `$XDG_STATE_HOME/tmux-dashboard`, else `~/.local/state/tmux-dashboard`: lock, PID, state, log. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(xdgBase(env.XDG_STATE_HOME, ['.local', 'state']), 'tmux-dashboard');
}

/** `$XDG_CONFIG_HOME/tmux-dashboard`, else `~/.config/tmux-dashboard`. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(xdgBase(env.XDG_CONFIG_HOME, ['.config']), 'tmux-dashboard');
}

/** `$XDG_CACHE_HOME/tmux-dashboard`, else `~/.cache/tmux-dashboard`: what can be rebuilt (the project scan). */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(xdgBase(env.XDG_CACHE_HOME, ['.cache']), 'tmux-dashboard');
}

/** `~` and `~/…` against `home`; other paths as they are. */
export function expandHome(text: string, home: string): string {
  if (text === '~') return home;
  if (text.startsWith('~/')) return join(home, text.slice(2));
  return text;
}

// The XDG spec says relative values are invalid and must be ignored.
function xdgBase(value: string | undefined, fallback: string[]): string {
  return value !== undefined && isAbsolute(value) ? value : join(homedir(), ...fallback);
}

/**
 * Makes the directory of one of our files. The dashboard's own directories
 * (the state and config ones) are tightened to 0700 or refused when another
 * user owns them (see privateDir); a directory the user named for one file
 * (`log_path`, TMUX_DASHBOARD_LOCK_FILE) is theirs to choose, and is only
 * created, 0700, when missing.
 */
export function prepareDirOf(file: string, what: string, env: NodeJS.ProcessEnv = process.env): void {
  const dir = dirname(resolve(file));
  if (dir === resolve(stateDir(env)) || dir === resolve(configDir(env))) privateDir(dir, what);
  else mkdirSync(dir, { recursive: true, mode: 0o700 });
}

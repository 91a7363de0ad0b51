import os from 'node:os';
import path from 'node:path';

/** `$XDG_STATE_HOME/tmux-dashboard`, else `~/.local/state/tmux-dashboard`: lock, PID, state, log. */
export function stateDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(xdgBase(env.XDG_STATE_HOME, ['.local', 'state']), 'tmux-dashboard');
}

/** `$XDG_CONFIG_HOME/tmux-dashboard`, else `~/.config/tmux-dashboard`. */
export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.join(xdgBase(env.XDG_CONFIG_HOME, ['.config']), 'tmux-dashboard');
}

// The XDG spec says relative values are invalid and must be ignored.
function xdgBase(value: string | undefined, fallback: string[]): string {
  return value !== undefined && path.isAbsolute(value) ? value : path.join(os.homedir(), ...fallback);
}

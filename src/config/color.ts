import type { ColorMode } from './schema.js';

/**
 * Whether the UI uses colour and styles: FORCE_COLOR wins, then NO_COLOR
 * (non-empty, no-color.org) and TERM=dumb turn it off, then the config's
 * `color`. undefined: `auto`, the terminal decides.
 */
export function colorChoice(color: ColorMode, env: NodeJS.ProcessEnv): boolean | undefined {
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== '') return force !== '0' && force.toLowerCase() !== 'false';
  if ((env.NO_COLOR ?? '') !== '' || env.TERM === 'dumb') return false;
  if (color === 'always') return true;
  if (color === 'never') return false;
  return undefined;
}

/**
 * Applies the choice the way chalk (Ink's colours) reads it: through
 * FORCE_COLOR, which must be set before Ink is first loaded.
 */
export function applyColorChoice(choice: boolean | undefined, env: NodeJS.ProcessEnv): void {
  if (choice === undefined) return;
  env.FORCE_COLOR = choice ? (env.FORCE_COLOR ?? '1') : '0';
}

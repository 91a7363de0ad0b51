import { join } from 'node:path';
import lockfile from 'proper-lockfile';
import { SORT_MODES, type SortMode } from '../config/schema.js';
import { readOwnFile, writeOwnFileAtomic } from '../private-files.js';
import { prepareDirOf, stateDir } from '../xdg.js';

/** What the dashboard remembers between runs. Unknown keys are kept as they are. */
export type UiState = Record<string, unknown> & { sort_mode?: SortMode; show_preview?: boolean };

export class StateWriteError extends Error {
  override name = 'StateWriteError';
}

export function statePath(env: NodeJS.ProcessEnv = process.env): string {
  return join(stateDir(env), 'state.json');
}

/**
 * The remembered state; a missing or broken file reads as empty (it is only a
 * memory), and so does one that is not our own plain file (a planted symlink
 * or FIFO is neither followed nor waited on).
 */
export function readState(file: string): UiState {
  try {
    const text = readOwnFile(file);
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as UiState) : {};
  } catch {
    return {};
  }
}

export function rememberedSortMode(state: UiState): SortMode | undefined {
  return (SORT_MODES as readonly unknown[]).includes(state.sort_mode) ? state.sort_mode : undefined;
}

/** The preview's on/off as `p` last left it; undefined: never chosen (the terminal's size decides). */
export function rememberedPreview(state: UiState): boolean | undefined {
  return typeof state.show_preview === 'boolean' ? state.show_preview : undefined;
}

/**
 * Merges `patch` into the file. Writers take turns under a short lock, each
 * re-reads the file before it writes, and the write is atomic (temp file,
 * fsync, rename): concurrent dashboards never leave invalid JSON or drop each
 * other's keys. A state.json that is a symlink or another user's file is
 * refused, never written through.
 */
export async function updateState(file: string, patch: Partial<UiState> | ((current: UiState) => Partial<UiState>)): Promise<void> {
  try {
    prepareDirOf(file, 'state');
    const release = await lockfile.lock(file, {
      lockfilePath: `${file}.lock`,
      realpath: false,
      stale: 5000,
      retries: { retries: 100, minTimeout: 2, maxTimeout: 50, randomize: true },
    });
    try {
      // A patch computed from the current state is computed under the lock, so two writers never drop each other's change.
      const current = readState(file);
      writeOwnFileAtomic(file, `${JSON.stringify({ ...current, ...(typeof patch === 'function' ? patch(current) : patch) }, null, 2)}\n`);
    } finally {
      await release();
    }
  } catch (error) {
    throw new StateWriteError(`cannot remember the state in ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

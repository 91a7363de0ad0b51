import { isAbsolute } from 'node:path';
import { readState, updateState, type UiState } from './state.js';

/**
 * The project folders opened from the dashboard (the picker, `open`), most
 * recent first, kept in the state file under `recent_projects`.
 */
export const RECENT_PROJECTS_KEY = 'recent_projects';
export const MAX_RECENT_PROJECTS = 100;

export function recentProjects(state: UiState): string[] {
  const value = state[RECENT_PROJECTS_KEY];
  if (!Array.isArray(value)) return [];
  return value.filter((item): item is string => typeof item === 'string' && isAbsolute(item)).slice(0, MAX_RECENT_PROJECTS);
}

export function readRecentProjects(file: string): string[] {
  return recentProjects(readState(file));
}

/** Puts `dir` first. Under the state file's lock, so two processes opening projects at once both count. */
export async function rememberProject(file: string, dir: string): Promise<void> {
  await updateState(file, (current) => ({ [RECENT_PROJECTS_KEY]: [dir, ...recentProjects(current).filter((known) => known !== dir)].slice(0, MAX_RECENT_PROJECTS) }));
}

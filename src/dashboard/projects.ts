import { resolve } from 'node:path';
import { filterProjects, isInside, looksLikePath, mergeProjects, pickSession, projectNameOf, sessionFolders, sessionsByProject, withoutNestedSessionFolders, type FoundProject, type Project, type SourceKey } from '../project/candidates.js';
import { shortenHome } from '../sessions/present.js';
import type { Session } from '../tmux/types.js';
import { goTo, none, resolveDirInput, withMode } from './actions.js';
import type { Effect, Event, Step } from './events.js';
import { layout, viewport, type Viewport } from './layout.js';
import type { ProjectRow, ProjectsMode, State } from './state.js';
import { EMPTY_FIELD, fieldOf, type TextField } from './text-field.js';

/**
 * The project picker, as pure transitions: it opens at once with the open
 * sessions' folders, asks every other source (effects), and fills in as
 * their answers come back as events. Enter goes to the project's session
 * when one is open, else asks for it to be created (one at a time: keys
 * typed meanwhile wait, so a double Enter never creates two).
 */

/** The sources the picker asks, in the order their answers are expected. */
function sourcesFor(state: State): SourceKey[] {
  return state.context.projectRoots ? ['recent', 'rootsCache', 'zoxide', 'roots'] : ['recent', 'zoxide'];
}

/** The generation of the answers read ahead, before the picker is first opened. */
const PREFETCH = 0;

/** The sources read ahead (with roots configured). */
const PREFETCHED: readonly SourceKey[] = ['rootsCache', 'recent'];

/**
 * With project roots configured, the cached scan and the recent folders
 * are read once after the start (after the first frame: effects run then),
 * so that `o` shows thousands of projects on its first frame instead of
 * after a round of answers. The picker still asks every source again.
 */
export function prefetchProjects(result: Step): Step {
  const { state } = result;
  if (!state.context.projectRoots || Object.keys(state.prefetched).length > 0) return result;
  return { state, effects: [...result.effects, ...PREFETCHED.map((source): Effect => ({ type: 'findProjects', source, generation: PREFETCH }))] };
}

/**
 * The read-ahead answers stored; once all are in, the picker's first rows
 * are made from them now, while the dashboard waits for keys, rather than
 * on the frame of `o` (2,000 projects: ~10 ms of that frame, the code not
 * yet compiled by V8 the first time).
 */
function withPrefetched(state: State, source: SourceKey, projects: readonly FoundProject[]): State {
  const prefetched = { ...state.prefetched, [source]: projects };
  const complete = PREFETCHED.every((key) => prefetched[key] !== undefined);
  const pickerOpening = complete ? { sessions: state.sessions, found: prefetched, rows: projectRows(state, prefetched, '') } : undefined;
  return { ...state, prefetched, pickerOpening };
}

export function openProjects(state: State): Step {
  const generation = state.pickerOpenings + 1;
  const waiting = sourcesFor(state);
  const found = state.prefetched;
  const mode: ProjectsMode = { kind: 'projects', query: EMPTY_FIELD, generation, found, waiting, notes: [], rows: [], selected: undefined, moved: false, top: 0, busy: false, error: undefined };
  const next = { ...state, pickerOpenings: generation };
  const ready = state.pickerOpening;
  const rows = ready !== undefined && ready.sessions === state.sessions && ready.found === found ? ready.rows : undefined;
  return { state: withPicker(next, mode, rows), effects: waiting.map((source): Effect => ({ type: 'findProjects', source, generation })) };
}

/** Every project the answers so far name, merged; the fresh scan of the roots replaces the cached one. */
export function knownProjects(sessions: readonly Session[], found: ProjectsMode['found']): Project[] {
  return withoutNestedSessionFolders(mergeProjects([found.recent ?? [], sessionFolders(sessions), found.zoxide ?? [], found.roots ?? found.rootsCache ?? []]));
}

const refOf = (session: Session | undefined) => (session === undefined ? undefined : { id: session.id, name: session.name });

/**
 * The rows for the query: the fuzzy matches; or, for a query that is a
 * folder (`~/src/x`, `/tmp`, `./y`), that folder first and the known
 * projects whose path starts with it.
 */
function projectRows(state: State, found: ProjectsMode['found'], text: string): ProjectRow[] {
  const { home, startDir } = state.context;
  const projects = knownProjects(state.sessions, found);
  const owners = sessionsByProject(state.sessions, projects.map((project) => project.path));
  const rowOf = (project: Project, typed: boolean): ProjectRow => ({ project, session: refOf(pickSession(project.path, owners.get(project.path))), typed });
  if (!looksLikePath(text)) return filterProjects(projects, text, home).map((project) => rowOf(project, false));
  // Without a trailing slash: `~/src/` is the folder `~/src`.
  const dir = resolve(resolveDirInput(text, startDir, home));
  const known = projects.find((project) => project.path === dir);
  const below = projects.filter((project) => project.path !== dir && project.path.startsWith(dir)).sort((a, b) => a.rank - b.rank);
  let first: ProjectRow;
  if (known !== undefined) first = rowOf(known, false);
  else {
    const typedOwners = sessionsByProject(state.sessions, [dir, ...projects.map((project) => project.path)]);
    first = { project: { path: dir, name: projectNameOf(dir), sources: [], rank: -1 }, session: refOf(pickSession(dir, typedOwners.get(dir))), typed: true };
  }
  return [first, ...below.map((project) => rowOf(project, false))];
}

/** Rows of projects the picker has under its query and status lines. */
export function pickerListHeight(state: Pick<State, 'rows' | 'columns' | 'visible' | 'tree' | 'mode' | 'showPreview'>): number {
  return Math.max(1, layout(state).body - 2);
}

export function pickerIndex(mode: ProjectsMode): number {
  const index = mode.rows.findIndex((row) => row.project.path === mode.selected);
  return index >= 0 ? index : 0;
}

export function pickerViewport(state: State, mode: ProjectsMode): Viewport {
  return viewport(mode.rows.length, pickerIndex(mode), mode.top, pickerListHeight(state));
}

/** The mode with its rows (made for it unless given), selection and scroll brought up to date, put in the state. */
function withPicker(state: State, mode: ProjectsMode, made?: readonly ProjectRow[]): State {
  const rows = made ?? projectRows(state, mode.found, mode.query.text);
  const keep = mode.moved && rows.some((row) => row.project.path === mode.selected);
  const updated: ProjectsMode = { ...mode, rows, selected: keep ? mode.selected : rows[0]?.project.path };
  return withMode(state, { ...updated, top: pickerViewport({ ...state, mode: updated }, updated).top });
}

/**
 * The picker, whether it is the mode or under the help opened over it: an
 * answer that comes while the help is up still lands.
 */
function updatePicker(state: State, change: (mode: ProjectsMode) => ProjectsMode | undefined): State {
  const mode = state.mode;
  if (mode.kind === 'projects') {
    const next = change(mode);
    return next === undefined ? state : withPicker(state, next);
  }
  if (mode.kind === 'help' && mode.back.kind === 'projects') {
    const next = change(mode.back);
    if (next === undefined) return state;
    const refreshed = withPicker({ ...state, mode: next }, next);
    return refreshed.mode.kind === 'projects' ? { ...state, mode: { ...mode, back: refreshed.mode } } : state;
  }
  return state;
}

/** The events the picker listens to; undefined for the others. */
export function pickerEvent(state: State, event: Event): Step | undefined {
  switch (event.type) {
    case 'projectsFound':
      if (event.generation === PREFETCH) return none(withPrefetched(state, event.source, event.projects));
      return none(
        updatePicker(state, (mode) => {
          if (mode.generation !== event.generation) return undefined;
          return { ...mode, found: { ...mode.found, [event.source]: event.projects }, waiting: mode.waiting.filter((source) => source !== event.source), notes: event.note === undefined ? mode.notes : [...mode.notes, event.note] };
        }),
      );
    case 'pathCompleted':
      return none(updatePicker(state, (mode) => (mode.generation !== event.generation || mode.query.text !== event.text || event.completed === event.text ? undefined : { ...mode, query: fieldOf(event.completed), moved: false })));
    case 'projectOpened':
      return goTo(withMode(state, { kind: 'list' }), event.session);
    case 'projectOpenFailed':
      return none(updatePicker(state, (mode) => ({ ...mode, busy: false, error: event.message })));
    default:
      return undefined;
  }
}

/** A new list: the picker's "session open" column follows it. */
export function freshPicker(state: State): State {
  return updatePicker(state, (mode) => (mode.busy ? undefined : mode));
}

export function editProjects(state: State, change: (field: TextField) => TextField): Step {
  const mode = state.mode;
  if (mode.kind !== 'projects' || mode.busy) return none(state);
  const query = change(mode.query);
  if (query.text === mode.query.text) return none(withMode(state, { ...mode, query }));
  return none(withPicker(state, { ...mode, query, moved: false, error: undefined }));
}

export const moveProjects = (delta: (state: State) => number) => (state: State): Step => {
  const mode = state.mode;
  if (mode.kind !== 'projects' || mode.rows.length === 0) return none(state);
  const index = Math.min(mode.rows.length - 1, Math.max(0, pickerIndex(mode) + delta(state)));
  // A move changes no row: they are kept, not merged and ranked again (a key while a scan answers).
  return none(withPicker(state, { ...mode, selected: mode.rows[index]?.project.path, moved: true }, mode.rows));
};

/** Tab: a folder being typed is completed from the disk; otherwise the selected project's path becomes the query, to go on typing below it. */
export function completeProjects(state: State): Step {
  const mode = state.mode;
  if (mode.kind !== 'projects' || mode.busy) return none(state);
  if (looksLikePath(mode.query.text)) return { state, effects: [{ type: 'completePath', text: mode.query.text, generation: mode.generation }] };
  const row = mode.rows[pickerIndex(mode)];
  if (row === undefined) return none(state);
  const text = shortenHome(row.project.path, state.context.home);
  return none(withPicker(state, { ...mode, query: fieldOf(text.endsWith('/') ? text : `${text}/`), moved: false, error: undefined }));
}

export function escapeProjects(state: State): Step {
  const mode = state.mode;
  if (mode.kind !== 'projects' || mode.busy) return none(state);
  if (mode.query.text !== '') return none(withPicker(state, { ...mode, query: EMPTY_FIELD, moved: false, error: undefined }));
  return none(withMode(state, { kind: 'list' }));
}

export function selectedProjectRow(state: State): ProjectRow | undefined {
  return state.mode.kind === 'projects' ? state.mode.rows[pickerIndex(state.mode)] : undefined;
}

/** Why Enter does nothing now, or undefined. */
export function submitProblem(state: State): string | undefined {
  const mode = state.mode;
  if (mode.kind !== 'projects') return undefined;
  const row = mode.rows[pickerIndex(mode)];
  if (row === undefined) return mode.waiting.length > 0 ? 'no project matches yet (sources are still answering)' : 'no project matches: type a folder (~/…, /…) to open any';
  if (row.session === undefined && state.context.dryRun) return 'dry run is on: creating a session is refused';
  return undefined;
}

export function submitProjects(state: State): Step {
  const mode = state.mode;
  if (mode.kind !== 'projects' || mode.busy) return none(state);
  const row = mode.rows[pickerIndex(mode)];
  if (row === undefined) return none(state);
  if (row.session !== undefined) {
    const went = goTo(state, row.session);
    return { state: went.state, effects: [{ type: 'rememberProject', dir: row.project.path }, ...went.effects] };
  }
  const dir = row.project.path;
  const others = knownProjects(state.sessions, mode.found)
    .map((project) => project.path)
    .filter((other) => other !== dir && isInside(other, dir));
  return { state: withMode(state, { ...mode, busy: true, error: undefined }), effects: [{ type: 'openProject', dir, name: row.project.name, others }] };
}

/** The picker's page: for PgUp and PgDn. */
export const pickerPage = (state: State) => Math.max(1, pickerListHeight(state) - 1);

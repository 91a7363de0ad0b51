import type { TextMeasure } from '../sessions/measure.js';
import { printable, shortenHome } from '../sessions/present.js';
import { columnHeaderCells, fit, placeColumns, sessionRowCells, type Cell, type Tone } from '../sessions/rows.js';
import { agentCounts, emptyListText, headerParts, noServerText, previewTextLines, previewTitle, previewTreeLines, previewWindow } from '../sessions/screen.js';
import { paneSegments } from '../sessions/pane-colors.js';
import { HELP_TITLES, helpLines, helpPageHeight, maxHelpScroll } from './keymaps.js';
import { pickerIndex, pickerViewport } from './projects.js';
import { layout, type Layout, listViewport } from './layout.js';
import { slowRefresh } from './pace.js';
import { previewPaneId, selectedIndex, selectedSession } from './selection.js';
import type { ProjectsMode, State } from './state.js';
import { lastSession } from './last-session.js';
import { taggedDialogLines } from './tags-view.js';
import { fitHints, hintBar } from './hint-bar.js';
import { treeRowCells } from '../sessions/tree-rows.js';
import { activePane } from './tree.js';
import { error, fieldSegments, fitLine, plain, warning, type Line, type Segment, type Style } from './lines.js';
import { dialogLines } from './dialog-view.js';

// The screen as lines of styled text (lines.ts), from the state alone: the
// Ink App draws these lines, and the first frame (painted before Ink has
// loaded) writes the same lines as escape codes. Every line is cut to the
// terminal's width here, so nothing wraps and nothing overlaps.

const OWN_PANE_TEXT = '(this pane runs the dashboard)';

export function screenLines(state: State, measure: TextMeasure): Line[] {
  const { columns } = state;
  const box = layout(state);
  const lines: Line[] = [plain(headerLine(state, measure), { bold: true })];
  const body: Line[] = [];
  if (state.mode.kind === 'help') body.push(...helpBody(state, box.body, measure));
  else if (state.mode.kind === 'projects') body.push(...pickerLines(state, state.mode, box.body, measure));
  else if (state.mode.kind === 'deleteTagged') body.push(...taggedDialogLines(state, state.mode, box.body, measure));
  else {
    const list = listLines(state, box, measure);
    if (box.preview === 'beside') body.push(...besideLines(list, previewLines(state, box.previewHeight, box.previewWidth, measure), box, measure));
    else {
      body.push(...list);
      body.push(...dialogLines(state, box.dialogHeight, measure));
      if (box.preview === 'below') body.push(...previewLines(state, box.previewHeight, box.previewWidth, measure));
    }
  }
  // Exactly the body's rows: the status line and the hints never move.
  while (body.length < box.body) body.push([]);
  lines.push(...body.slice(0, box.body));
  lines.push(statusLine(state));
  lines.push(hintLine(state, measure));
  return lines.slice(0, Math.max(state.rows, 4)).map((line) => fitLine(line, columns, measure));
}

/**
 * The list and the preview side by side, each screen line one line of
 * text: Ink draws a screen of one text per row fast (docs/ink-patch.md),
 * two boxes side by side it would lay out cell by cell.
 */
function besideLines(list: Line[], preview: Line[], box: Layout, measure: TextMeasure): Line[] {
  const lines: Line[] = [];
  const rule: Segment = { text: '│', style: { dim: true } };
  for (let index = 0; index < box.body; index++) {
    const left = fitLine(list[index] ?? [], box.listWidth, measure);
    const used = lineWidth(left, measure);
    const pad: Segment[] = used < box.listWidth ? [{ text: ' '.repeat(box.listWidth - used) }] : [];
    lines.push([...left, ...pad, rule, ...fitLine(preview[index] ?? [], box.previewWidth, measure)]);
  }
  return lines;
}

const lineWidth = (line: Line, measure: TextMeasure) => line.reduce((sum, segment) => sum + measure.width(segment.text), 0);

/** A filter as quoted in the header and the empty list: its start, if it is long. */
export function quotedFilter(text: string): string {
  const points = Array.from(text);
  return JSON.stringify(printable(points.length > 24 ? `${points.slice(0, 23).join('')}…` : text));
}

function filterSummary(state: State): string {
  const count = state.visible.length;
  return `${count} ${count === 1 ? 'match' : 'matches'} ${quotedFilter(state.filter.text)}`;
}

/** The header's parts that fit, whole; the filter's count and a dry run are never the ones left out. */
function headerLine(state: State, measure: TextMeasure): string {
  const tags = state.tags.length > 0 ? [{ text: `${state.tags.length} tagged`, rank: 0 }] : [];
  const extra = [...(state.filter.text === '' ? [] : [{ text: filterSummary(state), rank: 0 }]), ...tags, ...(state.context.dryRun ? [{ text: 'dry run', rank: 0 }] : [])];
  const agents = agentCounts(state.sessions);
  const full = [...headerParts(state.sessions.length, state.sortMode, state.context.server, false, agents), ...extra];
  const text = fitHints(full, state.columns, measure);
  if (text.split(' · ').length === full.length) return text;
  return fitHints([...headerParts(state.sessions.length, state.sortMode, state.context.server, true, agents), ...extra], state.columns, measure);
}

/** How each tone of a row's cells looks; the cell's text says the same without styles. */
const TONE_STYLES: Record<Tone, Style> = {
  current: { bold: true },
  attached: { color: 'green' },
  agent: { color: 'magenta' },
  recent: { bold: true },
  old: { dim: true },
  path: { dim: true },
  label: { dim: true },
  tagged: { color: 'cyan', bold: true },
};

/** Cells as segments; neighbours that look the same are joined (fewer texts for Ink to draw). */
function cellSegments(cells: readonly Cell[], extra?: Style): Line {
  const line: Line = [];
  for (const cell of cells) {
    const base = cell.tone === undefined ? undefined : TONE_STYLES[cell.tone];
    const style = extra === undefined ? base : { ...base, ...extra };
    const last = line.at(-1);
    if (last !== undefined && sameStyle(last.style, style)) last.text += cell.text;
    else line.push(style === undefined ? { text: cell.text } : { text: cell.text, style });
  }
  return line;
}

function sameStyle(a: Style | undefined, b: Style | undefined): boolean {
  return a?.bold === b?.bold && a?.dim === b?.dim && a?.inverse === b?.inverse && a?.color === b?.color && a?.fg === b?.fg && a?.bg === b?.bg && a?.italic === b?.italic && a?.underline === b?.underline;
}

function listLines(state: State, box: Layout, measure: TextMeasure): Line[] {
  const height = box.listHeight;
  if (height <= 0) return [];
  if (state.visible.length === 0) {
    return [plain(emptyListText({ loaded: state.loaded, serverRunning: state.serverRunning, total: state.sessions.length }, quotedFilter(state.filter.text)), { dim: true })];
  }
  const view = listViewport(state);
  const index = selectedIndex(state);
  const width = box.listWidth;
  const placed = placeColumns(width);
  const taggedIds = new Set(state.tags.map((tag) => tag.id));
  const row = { width, home: state.context.home, nowMs: state.now, aiCommands: state.context.aiCommands, currentSessionId: state.context.currentSessionId, lastSessionId: lastSession(state)?.id, taggedIds, measure };
  const lines: Line[] = box.columnHeader ? [cellSegments(columnHeaderCells(width, measure, placed))] : [];
  state.tree.slice(view.top, view.top + view.shown).forEach((entry, offset) => {
    const selected = view.top + offset === index;
    const place = { number: offset + 1, selected };
    const cells =
      entry.kind === 'session'
        ? sessionRowCells(entry.session, place, row, placed)
        : entry.kind === 'window'
          ? treeRowCells({ kind: 'window', last: entry.last, windowLast: entry.last, index: entry.window.index, name: entry.window.name, active: entry.window.active, panes: entry.window.panes.length, pane: activePane(entry.window) }, place, width, row.home, measure)
          : treeRowCells({ kind: 'pane', last: entry.last, windowLast: entry.windowLast, index: entry.pane.index, name: entry.pane.command, active: entry.pane.active, panes: 1, pane: entry.pane }, place, width, row.home, measure);
    // The selected row is inverted whole; `›` marks it where styles do not reach.
    lines.push(cellSegments(cells, selected ? { inverse: true } : undefined));
  });
  if ((view.above > 0 || view.below > 0) && height > 1) {
    const parts = [view.above > 0 ? `↑ ${view.above} more` : '', view.below > 0 ? `↓ ${view.below} more` : ''].filter((part) => part !== '');
    lines.push(plain(`  ${parts.join('  ')}`, { dim: true }));
  }
  return lines;
}

/**
 * The project picker: the query, a line on the sources (still answering,
 * timed out), and the rows that fit. A row: the name, the folder with `~`,
 * where it was found, and the session open for it. Names and folders are
 * anyone's text: drawn through `printable`, so an escape sequence in a
 * folder name is shown, never sent to the terminal.
 */
function pickerLines(state: State, mode: ProjectsMode, height: number, measure: TextMeasure): Line[] {
  const lines: Line[] = [[{ text: 'Open a project: ', style: { bold: true } }, ...fieldSegments(mode.query, !mode.busy, Math.max(8, state.columns - 17), state.context.styles)]];
  const count = mode.rows.filter((row) => !row.typed).length;
  const waiting = mode.waiting.map((source) => (source === 'rootsCache' ? 'roots' : source));
  // Only the typed path's row: "0 projects" above it read as if there were no row at all. Short: it must fit 30 columns.
  const counted = count === 0 && mode.rows.length > 0 ? 'no known project matches' : `${count} ${count === 1 ? 'project' : 'projects'}`;
  const about = [counted, ...(waiting.length > 0 ? [`waiting for ${[...new Set(waiting)].join(', ')}…`] : []), ...mode.notes.map(printable)].join(' · ');
  if (mode.busy) lines.push(plain('opening…'));
  else if (mode.error !== undefined) lines.push(plain(`✗ ${printable(mode.error)}`, { color: 'red' }));
  else lines.push(plain(about, { dim: true }));
  const listHeight = Math.max(0, height - 2);
  if (mode.rows.length === 0) {
    lines.push(plain(mode.waiting.length > 0 ? '  looking…' : '  no project matches: type a folder (~/…, /…) to open any', { dim: true }));
    return lines;
  }
  const view = pickerViewport(state, mode);
  const index = pickerIndex(mode);
  const shown = mode.rows.slice(view.top, view.top + view.shown);
  const home = state.context.home;
  const names = shown.map((row) => printable(row.project.name));
  const nameWidth = Math.min(32, Math.max(8, ...names.map((name) => measure.width(name))));
  const paths = shown.map((row) => printable(shortenHome(row.project.path, home)));
  const pathWidth = Math.min(Math.max(12, state.columns - nameWidth - 40), Math.max(...paths.map((text) => measure.width(text))));
  shown.forEach((row, offset) => {
    const selected = view.top + offset === index;
    const name = fit(names[offset] ?? '', nameWidth, measure);
    const where = fit(paths[offset] ?? '', pathWidth, measure, 'start');
    const sources = row.typed ? 'typed' : row.project.sources.join(',');
    const session = row.session === undefined ? '' : `  ● ${printable(row.session.name)}`;
    lines.push(plain(`${selected ? '›' : ' '} ${name}  ${where}  ${sources}${session}`, selected ? { inverse: true } : undefined));
  });
  if ((view.above > 0 || view.below > 0) && listHeight > 1) {
    const parts = [view.above > 0 ? `↑ ${view.above} more` : '', view.below > 0 ? `↓ ${view.below} more` : ''].filter((part) => part !== '');
    lines.push(plain(`  ${parts.join('  ')}`, { dim: true }));
  }
  return lines;
}

function previewLines(state: State, height: number, width: number, measure: TextMeasure): Line[] {
  const session = selectedSession(state);
  if (session === undefined || height < 2) return [];
  const tree = previewTreeLines(session, state.context.home, height, state.now);
  const paneId = previewPaneId(state);
  const text = paneId !== undefined && paneId === state.context.ownPaneId ? OWN_PANE_TEXT : state.preview?.paneId === paneId ? state.preview?.text : undefined;
  const scrolled = state.previewScroll > 0 || state.mode.kind === 'preview';
  // Scrolling through the pane's history: its text takes the whole preview, and the title says how far back it is.
  const title = scrolled ? previewTitle({ ...session, name: `${session.name} · ${state.previewScroll > 0 ? `${state.previewScroll} ${state.previewScroll === 1 ? 'line' : 'lines'} back` : 'last line'}` }, width, measure) : previewTitle(session, width, measure);
  const lines: Line[] = [plain(title, { dim: true }), ...(scrolled ? [] : tree.map((line) => plain(line)))];
  const room = height - lines.length;
  // eslint-disable-next-line no-control-regex -- an escape sequence is the point
  if (!state.context.styles || text === undefined || !/\u001b\[/.test(text)) {
    for (const line of previewTextLines(text, room, state.previewScroll)) lines.push(plain(line, { dim: true }));
    return lines;
  }
  // The pane's colours (captured with -e): a style set on a line above carries on, as on the pane.
  const { above, shown } = previewWindow(text, room, state.previewScroll);
  const carried = { style: {} };
  for (const line of above) paneSegments(line, carried);
  for (const line of shown) lines.push(paneSegments(line, carried).map((segment): Segment => ({ text: segment.text, style: segment.style ?? { dim: true } })));
  return lines;
}

function helpBody(state: State, height: number, measure: TextMeasure): Line[] {
  const all = helpLines(state);
  const page = helpPageHeight(state);
  const scroll = state.mode.kind === 'help' ? Math.min(state.mode.scroll, maxHelpScroll(state)) : 0;
  // Scrolled into a section: its title stays on top, so every key's mode is in sight.
  const title = scroll > 0 && !HELP_TITLES.has(all[scroll] ?? '') && all[scroll] !== '' ? all.slice(0, scroll).findLast((line) => HELP_TITLES.has(line)) : undefined;
  const shown = all.slice(scroll, scroll + page - (title === undefined ? 0 : 1));
  const lines: Line[] = [...(title === undefined ? [] : [plain(`${title} (continued)`, { bold: true })]), ...shown.map((line) => plain(line, HELP_TITLES.has(line) ? { bold: true } : undefined))];
  while (lines.length < page) lines.push([]);
  const last = Math.min(all.length, scroll + shown.length);
  const where = all.length > page ? `lines ${scroll + 1}–${last} of ${all.length} · ↑↓ PgUp PgDn scroll · ` : '';
  if (height > page) lines.push(plain(fit(`${where}Esc closes the help`, state.columns, measure).trimEnd(), { dim: true }));
  return lines;
}


/** Messages carry names from tmux (a session's, a window's) and tmux's own words: shown escaped, like the rows. */
function statusLine(state: State): Line {
  if (state.listError !== undefined) return error(printable(state.listError));
  if (slowRefresh(state)) {
    return warning(`tmux is not answering (server ${state.context.server}): waiting for it; the keys still work`);
  }
  // What the user's own key just caused comes before the server's standing state.
  if (state.notice?.kind === 'error') return error(printable(state.notice.text));
  if (state.loaded && !state.serverRunning) return error(noServerText(state.context.server));
  return state.notice === undefined ? [] : plain(printable(state.notice.text));
}

function hintLine(state: State, measure: TextMeasure): Line {
  return hintBar(state, measure).line;
}

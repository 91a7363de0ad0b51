import type { SortMode } from '../config/schema.js';
import { HINTS } from '../keymap.js';
import type { Snapshot } from '../tmux/types.js';
import type { TextMeasure } from './measure.js';
import { fit, sessionRowText } from './rows.js';
import { emptyListText, headerText, noServerText, previewShownAtStart, previewTitle, previewTreeLines, screenLayout } from './screen.js';
import { sortSessions } from './sort.js';

/**
 * The dashboard's first frame as one string, drawn before the Ink UI has
 * loaded (issue #7: loading and first-rendering React and Ink takes longer
 * than everything else at start together). It is the frame the UI draws
 * next from the same state, minus the live pane text, so the switch is not
 * seen; keys typed meanwhile wait in the terminal for the UI.
 */
export interface FirstFrameInput {
  snapshot: Snapshot;
  sortMode: SortMode;
  aiCommands: ReadonlySet<string>;
  currentSessionId: string | undefined;
  home: string;
  /** describeServer() of the server shown. */
  server: string;
  columns: number;
  rows: number;
  /** The status line's text, if any (config warnings). */
  message: string | undefined;
  /** Bold, dim, inverse and red, as Ink draws them; off for NO_COLOR and the like. */
  styles: boolean;
  nowMs: number;
  measure: TextMeasure;
}

const SGR = { bold: ['\u001b[1m', '\u001b[22m'], dim: ['\u001b[2m', '\u001b[22m'], inverse: ['\u001b[7m', '\u001b[27m'], red: ['\u001b[31m', '\u001b[39m'] } as const;

export function firstFrame(input: FirstFrameInput): string {
  const { snapshot, columns } = input;
  const style = (name: keyof typeof SGR, text: string) => (input.styles ? `${SGR[name][0]}${text}${SGR[name][1]}` : text);
  const line = (text: string) => fit(text, columns, input.measure).trimEnd();
  const sessions = sortSessions(snapshot.sessions, input.sortMode, input.aiCommands);
  const { listHeight, previewHeight } = screenLayout(input.rows, 0, previewShownAtStart(input.rows));
  const lines: string[] = [style('bold', line(headerText(snapshot.sessions.length, input.sortMode, input.server)))];

  const row = { width: columns, home: input.home, nowMs: input.nowMs, aiCommands: input.aiCommands, currentSessionId: input.currentSessionId, measure: input.measure };
  const visible = sessions.slice(0, listHeight);
  if (visible.length === 0) lines.push(style('dim', line(emptyListText({ loaded: true, serverRunning: snapshot.serverRunning, total: 0 }, ''))));
  visible.forEach((session, index) => {
    const text = sessionRowText(session, index + 1, index === 0, row);
    lines.push(index === 0 ? style('inverse', text) : text);
  });
  while (lines.length < 1 + listHeight) lines.push('');

  const selected = sessions[0];
  if (previewHeight >= 2 && selected !== undefined) {
    lines.push(style('dim', previewTitle(selected, columns, input.measure)));
    for (const tree of previewTreeLines(selected, input.home, previewHeight)) lines.push(line(tree));
    while (lines.length < 1 + listHeight + previewHeight) lines.push('');
  }
  while (lines.length < input.rows - 2) lines.push('');

  // As the UI's status line: the server's state before any message.
  if (!snapshot.serverRunning) lines.push(style('red', line(noServerText(input.server))));
  else lines.push(input.message === undefined ? '' : line(input.message));
  lines.push(style('dim', line(HINTS)));
  return `\u001b[H${lines.join('\n')}`;
}

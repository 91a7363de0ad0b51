import type { TextMeasure } from '../sessions/measure.js';
import type { Binding } from './bindings.js';
import { keymapFor } from './keymaps.js';
import type { State } from './state.js';
import { fieldSegments, type Line, type Segment } from './lines.js';

/**
 * The hint bar: the mode's hints that fit (from its keymap), and the columns
 * each one takes, so that a click there (src/dashboard/mouse.ts) reads
 * exactly what is drawn.
 */

const HINT_SEPARATOR = ' · ';

/** The mode's hints that fit, whole, chosen by rank (lower first: `? help` is 0) and shown in the keymap's order. */
export function fitHints(hints: readonly { text: string; rank: number }[], width: number, measure: TextMeasure): string {
  return fitHintItems(hints, width, measure).map((hint) => hint.text).join(HINT_SEPARATOR);
}

function fitHintItems<T extends { text: string; rank: number }>(hints: readonly T[], width: number, measure: TextMeasure): T[] {
  const chosen = new Set<string>();
  let used = 0;
  for (const hint of [...hints].sort((a, b) => a.rank - b.rank)) {
    const cost = measure.width(hint.text) + (chosen.size > 0 ? HINT_SEPARATOR.length : 0);
    if (used + cost > width) continue;
    chosen.add(hint.text);
    used += cost;
  }
  return hints.filter((hint) => chosen.has(hint.text));
}

/** `Enter attach · ? help`: each key bold, its words dim, so the keys stand out on any theme. */
function hintSegments(text: string): Segment[] {
  if (text === '') return [];
  return text.split(' · ').flatMap((hint, index): Segment[] => {
    const space = hint.indexOf(' ');
    const key = space < 0 ? hint : hint.slice(0, space);
    return [...(index > 0 ? [{ text: ' · ', style: { dim: true } }] : []), { text: key, style: { bold: true } }, ...(space < 0 ? [] : [{ text: hint.slice(space), style: { dim: true } }])];
  });
}

/** Where a hint sits on the hint bar (columns `from` to `to`, end excluded): a click there does what its key does. */
export interface HintSpan {
  from: number;
  to: number;
  binding: Binding;
}

/**
 * The hint bar, and the columns each hint takes: drawn and clicked from the
 * same layout (a click is read against exactly what is on the screen).
 */
export function hintBar(state: State, measure: TextMeasure): { line: Line; spans: HintSpan[] } {
  const hints = keymapFor(state.mode.kind)
    .bindings.filter((binding) => binding.hint !== undefined && binding.disabled?.(state) === undefined)
    .map((binding) => ({ text: binding.hint?.(state) ?? '', rank: binding.rank ?? 5, binding }))
    .filter((hint) => hint.text !== '');
  const place = (chosen: readonly (typeof hints)[number][], start: number): HintSpan[] => {
    let at = start;
    return chosen.map((hint) => {
      const from = at;
      at += measure.width(hint.text) + HINT_SEPARATOR.length;
      return { from, to: from + measure.width(hint.text), binding: hint.binding };
    });
  };
  if (state.mode.kind !== 'filter') {
    const chosen = fitHintItems(hints, state.columns, measure);
    return { line: hintSegments(chosen.map((hint) => hint.text).join(HINT_SEPARATOR)), spans: place(chosen, 0) };
  }
  // The filter gets what the hints leave, at least half the line.
  const input: Segment[] = [{ text: '/' }, ...fieldSegments(state.filter, true, Math.max(8, state.columns - 1 - Math.min(40, Math.floor(state.columns / 2))), state.context.styles)];
  const used = input.reduce((sum, segment) => sum + measure.width(segment.text), 0) + 2;
  const chosen = fitHintItems(hints, state.columns - used, measure);
  return { line: [...input, { text: '  ' }, ...hintSegments(chosen.map((hint) => hint.text).join(HINT_SEPARATOR))], spans: place(chosen, used) };
}


/**
 * Terminal width of text, and cutting it to a width. Other text needs
 * string-width and cli-truncate (measure-full.ts); loading them costs
 * ~35 ms at start (an Intl.Segmenter, the RGI emoji regex), so the first
 * frame, drawn before the UI loads, uses this exact shortcut when every
 * character on it is one column wide and joins no other (docs/ARCHITECTURE.md,
 * section 3); the UI's full measure takes it for each such text.
 */
export interface TextMeasure {
  width(text: string): number;
  /** Cut to `columns` with an ellipsis at the end or the start (cli-truncate's result). */
  truncate(text: string, columns: number, position: 'start' | 'end'): string;
}

// Printable ASCII, Latin-1 without the soft hyphen, and the dashboard's own
// glyphs: – … › ← ↑ → ↓ ✓ ✗ box drawing, block elements, ▸ ●. All one column in
// string-width (test/unit/measure.test.ts checks each one against it),
// none of them an emoji or a combining mark.
const SIMPLE_TEXT = /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u00ff\u2013\u2026\u203a\u2190-\u2193\u2713\u2717\u2500-\u259f\u25b8\u25cf]*$/;

export function isSimpleText(text: string): boolean {
  return SIMPLE_TEXT.test(text);
}

/** The shortcut, and whether it met text it cannot measure (then the caller uses the full measure). */
export function simpleMeasure(): { measure: TextMeasure; sawOtherText: () => boolean } {
  let other = false;
  const check = (text: string) => {
    if (!other && !isSimpleText(text)) other = true;
  };
  return {
    measure: {
      width(text) {
        check(text);
        return text.length;
      },
      truncate(text, columns, position) {
        check(text);
        return truncateSimple(text, columns, position);
      },
    },
    sawOtherText: () => other,
  };
}

/** cli-truncate's result for simple text (isSimpleText): one column per character. */
export function truncateSimple(text: string, columns: number, position: 'start' | 'end'): string {
  if (text.length <= columns) return text;
  if (columns < 1) return '';
  if (columns === 1) return '…';
  return position === 'end' ? `${text.slice(0, columns - 1)}…` : `…${text.slice(text.length - columns + 1)}`;
}

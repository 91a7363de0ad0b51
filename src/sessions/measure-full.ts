import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import { isSimpleText, truncateSimple, type TextMeasure } from './measure.js';

// Every frame measures the same rows again (a key changes two of forty), and
// measuring text that is not plain ASCII segments it into graphemes: the
// widths are kept, up to a bound, so a dashboard open for days stays small.
const MAX_KEPT_WIDTHS = 5000;
const widths = new Map<string, number>();

/**
 * Any text: grapheme clusters, wide and zero-width characters, emoji.
 * Simple text (one column a character, measure.ts) is measured and cut by
 * its length, as string-width and cli-truncate would (test/unit/measure.test.ts):
 * they segment text into graphemes, and the UI's first frame spent ~60 ms
 * there (the first use of the segmenter, in CPU profiles), on the way to
 * reading keys.
 */
export const fullMeasure: TextMeasure = {
  width(text) {
    if (isSimpleText(text)) return text.length;
    let width = widths.get(text);
    if (width === undefined) {
      width = stringWidth(text);
      if (widths.size >= MAX_KEPT_WIDTHS) widths.clear();
      widths.set(text, width);
    }
    return width;
  },
  truncate: (text, columns, position) => (isSimpleText(text) ? truncateSimple(text, columns, position) : cliTruncate(text, columns, { position })),
};

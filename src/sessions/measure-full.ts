import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import type { TextMeasure } from './measure.js';

/** Any text: grapheme clusters, wide and zero-width characters, emoji. */
export const fullMeasure: TextMeasure = {
  width: (text) => stringWidth(text),
  truncate: (text, columns, position) => cliTruncate(text, columns, { position }),
};

import cliTruncate from 'cli-truncate';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { keymapFor } from '../../src/dashboard/keymaps.js';
import { isSimpleText, simpleMeasure } from '../../src/sessions/measure.js';
import { fullMeasure } from '../../src/sessions/measure-full.js';
import { SORT_MODE_DESCRIPTIONS } from '../../src/sessions/sort.js';

const SIMPLE_RANGES: [number, number][] = [
  [0x20, 0x7e],
  [0xa0, 0xac],
  [0xae, 0xff],
  [0x2013, 0x2013],
  [0x2026, 0x2026],
  [0x203a, 0x203a],
  [0x2190, 0x2193],
  [0x2500, 0x259f],
  [0x25b8, 0x25b8],
  [0x25cf, 0x25cf],
  [0x2713, 0x2713],
  [0x2717, 0x2717],
];
const simpleChars = SIMPLE_RANGES.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, index) => String.fromCodePoint(from + index)));

describe('the shortcut text measure of the first frame', () => {
  it('takes exactly the characters string-width gives one column', () => {
    for (const char of simpleChars) {
      expect(isSimpleText(char), `U+${char.codePointAt(0)?.toString(16)}`).toBe(true);
      expect(stringWidth(char), `U+${char.codePointAt(0)?.toString(16)}`).toBe(1);
    }
  });

  it('leaves everything else to the full measure: wide, zero-width, combining, emoji, control', () => {
    for (const text of ['日本', 'e\u0301', '\u00ad', '\u200d', '👍', '❤️', '\u0007', '\u2194', 'x\uFE0F', 'ｱ']) expect(isSimpleText(text), JSON.stringify(text)).toBe(false);
  });

  it('the UI’s own texts are simple (the first frame needs no string-width for them)', () => {
    // The list's keys: its hint bar is in the first frame.
    for (const binding of keymapFor('list').bindings) expect(isSimpleText(binding.label), binding.label).toBe(true);
    for (const description of Object.values(SORT_MODE_DESCRIPTIONS)) expect(isSimpleText(description)).toBe(true);
    expect(isSimpleText('tmux-dashboard · 3 sessions · ── name ──── ▸ 0: sh ● ·')).toBe(true);
  });

  it('measures and cuts as string-width and cli-truncate do', () => {
    let seed = 7;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (let run = 0; run < 500; run++) {
      const text = Array.from({ length: Math.floor(random() * 40) }, () => simpleChars[Math.floor(random() * simpleChars.length)]).join('');
      const { measure, sawOtherText } = simpleMeasure();
      expect(measure.width(text)).toBe(stringWidth(text));
      const columns = Math.floor(random() * 45);
      for (const position of ['start', 'end'] as const) expect(measure.truncate(text, columns, position), JSON.stringify({ text, columns, position })).toBe(cliTruncate(text, columns, { position }));
      expect(sawOtherText()).toBe(false);
    }
  });

  it('is what the UI’s full measure does with simple text, and the full measure still measures any other text with string-width', () => {
    let seed = 11;
    const random = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    const others = ['日本', 'e\u0301', '👍', '❤️', '\u200d', 'ｱ', '\u00ad'];
    for (let run = 0; run < 500; run++) {
      const simple = Array.from({ length: Math.floor(random() * 40) }, () => simpleChars[Math.floor(random() * simpleChars.length)]).join('');
      const mixed = run % 2 === 0 ? simple : `${simple.slice(0, 10)}${others[run % others.length] ?? ''}${simple.slice(10)}`;
      expect(fullMeasure.width(mixed), JSON.stringify(mixed)).toBe(stringWidth(mixed));
      const columns = Math.floor(random() * 45);
      for (const position of ['start', 'end'] as const) expect(fullMeasure.truncate(mixed, columns, position), JSON.stringify({ mixed, columns, position })).toBe(cliTruncate(mixed, columns, { position }));
    }
  });

  it('says when it met other text', () => {
    const { measure, sawOtherText } = simpleMeasure();
    measure.width('plain');
    expect(sawOtherText()).toBe(false);
    measure.width('名前');
    expect(sawOtherText()).toBe(true);
  });
});

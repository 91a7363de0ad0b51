import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  awaitingMore,
  decodeKeys,
  endStalledPaste,
  ESCAPE_TIMEOUT_MS,
  flushKeys,
  INITIAL_DECODER,
  keyName,
  PASTE_LIMIT,
  pasteOpen,
  type DecoderState,
  type Key,
} from '../../src/input/keys.js';
import { alt, char, encodeKeys, mouse, named, NAMED_KEYS, paste, PASTE_END, PASTE_START, readsBack } from '../helpers/encode-keys.js';
import { handedOnText } from '../../src/input/encode-keys.js';

/** Decodes the chunks one after the other, then flushes, as the input loop does once it is quiet. */
function decodeAll(chunks: readonly string[]): Key[] {
  let state = INITIAL_DECODER;
  const keys: Key[] = [];
  for (const chunk of chunks) {
    const result = decodeKeys(state, chunk);
    keys.push(...result.keys);
    state = result.state;
  }
  const flushed = flushKeys(state);
  expect(flushed.state).toEqual(INITIAL_DECODER);
  return [...keys, ...flushed.keys];
}

const chars = (text: string): Key[] => Array.from(text, char);
const units = (text: string): string[] => text.split('');
const splitAt = (text: string, ...cuts: number[]): string[] => [0, ...cuts].map((cut, index) => text.slice(cut, [...cuts, text.length][index]));

/** Input, and the keys it is once decoded and flushed, however it is split. */
const CASES: [string, string, Key[]][] = [
  // Control characters
  ['CR is Enter', '\r', [named('Enter')]],
  ['LF is Enter (typed ahead in cooked mode, or Ctrl-J)', '\n', [named('Enter')]],
  ['CR LF is two Enters', '\r\n', [named('Enter'), named('Enter')]],
  ['Tab', '\t', [named('Tab')]],
  ['DEL is Backspace', '\x7f', [named('Backspace')]],
  ['BS is Backspace', '\b', [named('Backspace')]],
  ['NUL is C-Space', '\x00', [named('C-Space')]],
  ['Ctrl letters', '\x01\x03\x07\x0b\x0c\x0e\x15\x17\x1a', (['C-a', 'C-c', 'C-g', 'C-k', 'C-l', 'C-n', 'C-u', 'C-w', 'C-z'] as const).map(named)],
  ['0x1c–0x1f are dropped', 'a\x1c\x1d\x1e\x1fb', chars('ab')],
  ['C1 controls are dropped', 'a\x80\x85\x9b\x9fb', chars('ab')],
  // Characters
  ['ASCII', 'j/? ~', chars('j/? ~')],
  ['non-ASCII', 'é日\u00a0', [char('é'), char('日'), char('\u00a0')]],
  ['an emoji is one key', 'a😀b', [char('a'), char('😀'), char('b')]],
  ['code points, not graphemes', '👍🏽', [char('👍'), char('🏽')]],
  // CSI
  ['CSI arrows', '\x1b[A\x1b[B\x1b[C\x1b[D', [named('Up'), named('Down'), named('Right'), named('Left')]],
  ['CSI Home and End', '\x1b[H\x1b[F', [named('Home'), named('End')]],
  ['CSI ~ Home End', '\x1b[1~\x1b[7~\x1b[4~\x1b[8~', [named('Home'), named('Home'), named('End'), named('End')]],
  ['CSI ~ editing keys', '\x1b[2~\x1b[3~\x1b[5~\x1b[6~', [named('Insert'), named('Delete'), named('PageUp'), named('PageDown')]],
  [
    'CSI ~ F-keys',
    '\x1b[11~\x1b[12~\x1b[13~\x1b[14~\x1b[15~\x1b[17~\x1b[18~\x1b[19~\x1b[20~\x1b[21~\x1b[23~\x1b[24~',
    (['F1', 'F2', 'F3', 'F4', 'F5', 'F6', 'F7', 'F8', 'F9', 'F10', 'F11', 'F12'] as const).map(named),
  ],
  ['CSI Z is BTab', '\x1b[Z', [named('BTab')]],
  ['Ctrl-Left and Ctrl-Right', '\x1b[1;5D\x1b[1;5C', [named('C-Left'), named('C-Right')]],
  ['other modifiers give the base key', '\x1b[1;2A\x1b[1;3B\x1b[1;2C\x1b[1;6D\x1b[1;5A\x1b[1;5H', (['Up', 'Down', 'Right', 'Left', 'Up', 'Home'] as const).map(named)],
  ['modified ~ keys give the base key', '\x1b[3;5~\x1b[5;2~\x1b[15;5~\x1b[1;2P', (['Delete', 'PageUp', 'F5', 'F1'] as const).map(named)],
  // SS3
  ['SS3 arrows, Home, End', '\x1bOA\x1bOB\x1bOC\x1bOD\x1bOH\x1bOF', (['Up', 'Down', 'Right', 'Left', 'Home', 'End'] as const).map(named)],
  ['SS3 F1–F4', '\x1bOP\x1bOQ\x1bOR\x1bOS', (['F1', 'F2', 'F3', 'F4'] as const).map(named)],
  // Reports and unknown sequences: consumed, never characters
  ['focus in and out', 'a\x1b[I\x1b[Ob', chars('ab')],
  ['SGR mouse press, release, motion and wheel', 'a\x1b[<0;12;5M\x1b[<0;12;5m\x1b[<35;120;40M\x1b[<65;1;1Mb', [char('a'), mouse(0, 11, 4), mouse(0, 11, 4, true), mouse(35, 119, 39), mouse(65, 0, 0), char('b')]],
  ['SGR mouse past column 223 (what X10 cannot say)', '\x1b[<0;300;2M', [mouse(0, 299, 1)]],
  ['an SGR report that is no mouse report is dropped', 'a\x1b[<0;1Mb\x1b[<1;2;3Xc', chars('abc')],
  ['X10 mouse: ESC [ M and three bytes', 'a\x1b[M !!\x1b[M#\u00ff\u0100b', chars('ab')],
  ['X10 mouse bytes that look like keys', 'a\x1b[M[AOb', chars('ab')],
  ['unknown ~ numbers', 'a\x1b[99~\x1b[16~\x1b[201~b', chars('ab')],
  ['replies and other CSI', 'a\x1b[?1;2c\x1b[12;40R\x1b[5n\x1b[E\x1b[2 qb', chars('ab')],
  ['unknown SS3', 'a\x1bOM\x1bOx\x1bO~b', chars('ab')],
  // Esc and a key
  // Esc and a key in one write: Alt with that key (the keymaps decide what it means)
  ['Esc then a letter', '\x1bj', [alt(char('j'))]],
  ['Esc then Enter', '\x1b\r', [alt(named('Enter'))]],
  ['Esc then Backspace', '\x1b\x7f', [alt(named('Backspace'))]],
  ['Esc then Ctrl-C', '\x1b\x03', [alt(named('C-c'))]],
  ['Esc then a non-ASCII character', '\x1bé\x1b😀', [alt(char('é')), alt(char('😀'))]],
  ['Esc then ]', '\x1b]', [alt(char(']'))]],
  ['Esc then a C1 control', '\x1b\u0085a', [named('Escape'), char('a')]],
  ['Esc Esc', '\x1b\x1b', [named('Escape'), named('Escape')]],
  ['Esc Esc Esc', '\x1b\x1b\x1b', [named('Escape'), named('Escape'), named('Escape')]],
  ['Esc then Up', '\x1b\x1b[A', [named('Escape'), named('Up')]],
  // Unfinished at the end: the flush makes them Escape and what was typed
  ['a trailing Esc', 'a\x1b', [char('a'), named('Escape')]],
  ['a trailing ESC [', '\x1b[', [named('Escape'), char('[')]],
  ['a trailing ESC O', '\x1bO', [named('Escape'), char('O')]],
  ['a trailing unfinished CSI', '\x1b[1;5', [named('Escape'), ...chars('[1;5')]],
  // A mouse report cut short is no key typed: its digits never reach a text field.
  ['a trailing unfinished mouse report', 'a\x1b[<0;1', [char('a')]],
  ['a trailing unfinished X10 report', '\x1b[Ma', [named('Escape'), ...chars('[Ma')]],
  // A character that cannot continue a sequence: there was none
  ['Esc inside a CSI', '\x1b[1\x1b[A', [named('Escape'), ...chars('[1'), named('Up')]],
  ['Enter after ESC [', '\x1b[\r', [named('Escape'), char('['), named('Enter')]],
  ['Enter after ESC O', '\x1bO\r', [named('Escape'), char('O'), named('Enter')]],
  ['non-ASCII inside a CSI', '\x1b[1é', [named('Escape'), ...chars('[1é')]],
  ['a parameter after an intermediate', '\x1b[1 2', [named('Escape'), ...chars('[1 2')]],
  ['a control character inside an X10 report', '\x1b[Ma\x03', [named('Escape'), ...chars('[Ma'), named('C-c')]],
  ['an overlong CSI', `\x1b[${'1'.repeat(70)}A`, [named('Escape'), ...chars(`[${'1'.repeat(70)}A`)]],
  // Other terminals
  ['Linux console F1–F5', '\x1b[[A\x1b[[B\x1b[[C\x1b[[D\x1b[[E', (['F1', 'F2', 'F3', 'F4', 'F5'] as const).map(named)],
  ['Linux console unknown', 'a\x1b[[Zb', chars('ab')],
  ['rxvt Ctrl- and Shift-arrows', '\x1bOa\x1bOb\x1bOc\x1bOd\x1b[a\x1b[b\x1b[c\x1b[d', (['Up', 'Down', 'C-Right', 'C-Left', 'Up', 'Down', 'Right', 'Left'] as const).map(named)],
  ['rxvt modified ~ keys end in $ ^ @', '\x1b[2$\x1b[3$j\x1b[5^\x1b[7@', [named('Insert'), named('Delete'), char('j'), named('PageUp'), named('Home')]],
  // Bracketed paste
  ['a paste', `${PASTE_START}hello${PASTE_END}`, [paste('hello')]],
  ['a paste is never keys', `${PASTE_START}q\x1b[A\r\n\x03\x1b${PASTE_END}`, [paste('q\x1b[A\r\n\x03\x1b')]],
  ['sequences inside a paste are its text', `${PASTE_START}a${PASTE_START}\x1b[20\x1b[201b${PASTE_END}`, [paste(`a${PASTE_START}\x1b[20\x1b[201b`)]],
  ['an empty paste', `${PASTE_START}${PASTE_END}`, [paste('')]],
  ['a paste of non-ASCII', `${PASTE_START}日本😀${PASTE_END}`, [paste('日本😀')]],
  ['keys around pastes', `a${PASTE_START}x${PASTE_END}${PASTE_START}y${PASTE_END}\x1b[B`, [char('a'), paste('x'), paste('y'), named('Down')]],
  ['Esc before a paste', `\x1b${PASTE_START}x${PASTE_END}`, [named('Escape'), paste('x')]],
];

describe('decodeKeys', () => {
  it.each(CASES)('%s', (_name, input, expected) => {
    expect(decodeAll([input])).toEqual(expected);
  });

  it.each(CASES)('%s, split anywhere', (_name, input, expected) => {
    for (let cut = 1; cut < input.length; cut++) expect(decodeAll(splitAt(input, cut)), `split at ${cut}`).toEqual(expected);
    expect(decodeAll(units(input)), 'one UTF-16 unit at a time').toEqual(expected);
  });

  it('keeps a trailing Esc for the next chunk: ["\\x1b", "[A"] is Up', () => {
    const first = decodeKeys(INITIAL_DECODER, '\x1b');
    expect(first.keys).toEqual([]);
    expect(awaitingMore(first.state)).toBe(true);
    const second = decodeKeys(first.state, '[A');
    expect(second.keys).toEqual([named('Up')]);
    expect(awaitingMore(second.state)).toBe(false);
  });

  it('keeps an unfinished sequence, and the keys before it are out at once', () => {
    const result = decodeKeys(INITIAL_DECODER, 'jk\x1b[1;');
    expect(result.keys).toEqual(chars('jk'));
    expect(awaitingMore(result.state)).toBe(true);
    expect(decodeKeys(result.state, '5C').keys).toEqual([named('C-Right')]);
  });

  it('completes a surrogate pair split between chunks', () => {
    const first = decodeKeys(INITIAL_DECODER, 'a\ud83d');
    expect(first.keys).toEqual([char('a')]);
    expect(decodeKeys(first.state, '\ude00').keys).toEqual([char('😀')]);
  });

  it('drops lone surrogates', () => {
    expect(decodeAll(['a\ude00b\ud83dc'])).toEqual(chars('abc'));
    expect(decodeAll(['\ud83d'])).toEqual([]);
  });

  it('holds a paste until its end marker, wherever the marker is split', () => {
    for (let cut = 1; cut < PASTE_END.length; cut++) {
      const first = decodeKeys(INITIAL_DECODER, `x${PASTE_START}a\rb${PASTE_END.slice(0, cut)}`);
      expect(first.keys).toEqual([char('x')]);
      const second = decodeKeys(first.state, `${PASTE_END.slice(cut)}y`);
      expect(second.keys).toEqual([paste('a\rb'), char('y')]);
    }
  });

  it('keeps text that only looked like the start of the end marker', () => {
    const first = decodeKeys(INITIAL_DECODER, `${PASTE_START}a\x1b[20`);
    expect(decodeKeys(first.state, `0~b${PASTE_END}`).keys).toEqual([paste('a\x1b[200~b')]);
  });

  it('keeps at most PASTE_LIMIT of a paste and still finds its end', () => {
    const text = 'x'.repeat(PASTE_LIMIT + 1000);
    const whole = `${PASTE_START}${text}${PASTE_END}q`;
    const expected = [paste(text.slice(0, PASTE_LIMIT)), char('q')];
    expect(decodeAll([whole])).toEqual(expected);
    const chunks = Array.from({ length: Math.ceil(whole.length / 4093) }, (_, index) => whole.slice(index * 4093, (index + 1) * 4093));
    expect(decodeAll(chunks)).toEqual(expected);
  });

  it('does not keep half a surrogate pair that the paste limit cut', () => {
    const text = `${'x'.repeat(PASTE_LIMIT - 1)}😀y`;
    expect(decodeAll([`${PASTE_START}${text}${PASTE_END}`])).toEqual([paste('x'.repeat(PASTE_LIMIT - 1))]);
  });

  it('never changes its inputs', () => {
    const state: DecoderState = Object.freeze({ pending: '\x1b[1', paste: undefined });
    const again = decodeKeys(state, ';5C');
    expect(again.keys).toEqual([named('C-Right')]);
    expect(decodeKeys(state, ';5C')).toEqual(again);
    expect(state).toEqual({ pending: '\x1b[1', paste: undefined });
    expect(Object.isFrozen(INITIAL_DECODER)).toBe(true);
  });

  it('has a state that survives JSON', () => {
    const input = `a\x1b[1;5C${PASTE_START}p\x1b[A${PASTE_END}\x1bOPz`;
    for (let cut = 1; cut < input.length; cut++) {
      const first = decodeKeys(INITIAL_DECODER, input.slice(0, cut));
      const thawed = JSON.parse(JSON.stringify(first.state)) as DecoderState;
      expect(thawed).toEqual(first.state);
      expect(decodeKeys(thawed, input.slice(cut))).toEqual(decodeKeys(first.state, input.slice(cut)));
    }
  });
});

describe('flushKeys', () => {
  it('makes a lone Esc the Escape key, then has nothing left', () => {
    const { state } = decodeKeys(INITIAL_DECODER, '\x1b');
    const flushed = flushKeys(state);
    expect(flushed.keys).toEqual([named('Escape')]);
    expect(awaitingMore(flushed.state)).toBe(false);
    expect(flushKeys(flushed.state).keys).toEqual([]);
  });

  it('makes an unfinished sequence Escape and its characters', () => {
    const { state } = decodeKeys(INITIAL_DECODER, '\x1b[1;5');
    expect(flushKeys(state).keys).toEqual([named('Escape'), ...chars('[1;5')]);
  });

  it('does nothing when nothing waits', () => {
    expect(flushKeys(INITIAL_DECODER)).toEqual({ state: INITIAL_DECODER, keys: [] });
    const { state } = decodeKeys(INITIAL_DECODER, 'ab');
    expect(awaitingMore(state)).toBe(false);
    expect(flushKeys(state).keys).toEqual([]);
  });

  it('never ends an open paste: pasted text does not run as keys', () => {
    const open = decodeKeys(INITIAL_DECODER, `${PASTE_START}rm -rf x\r\x1b`).state;
    expect(awaitingMore(open)).toBe(false);
    const flushed = flushKeys(open);
    expect(flushed).toEqual({ state: open, keys: [] });
    expect(decodeKeys(flushed.state, `[A${PASTE_END}`).keys).toEqual([paste('rm -rf x\r\x1b[A')]);
  });
});

describe('a paste whose end marker never comes', () => {
  it('is ended after PASTE_STALL_MS as a paste of what came, and the keys after it are keys again (Ctrl-C too)', () => {
    const open = decodeKeys(INITIAL_DECODER, `${PASTE_START}abc\x1b[20`);
    expect(open.keys).toEqual([]);
    expect(pasteOpen(open.state)).toBe(true);
    const ended = endStalledPaste(open.state);
    expect(ended.keys).toEqual([{ kind: 'paste', text: 'abc\x1b[20' }]);
    expect(pasteOpen(ended.state)).toBe(false);
    expect(decodeKeys(ended.state, '\x03q').keys).toEqual([{ kind: 'named', name: 'C-c' }, { kind: 'char', char: 'q' }]);
    expect(endStalledPaste(INITIAL_DECODER)).toEqual({ state: INITIAL_DECODER, keys: [] });
  });
});

describe('keyName', () => {
  it.each([
    [char('j'), 'j'],
    [char('/'), '/'],
    [char('?'), '?'],
    [char('😀'), '😀'],
    [named('Enter'), 'Enter'],
    [named('C-u'), 'C-u'],
    [named('PageDown'), 'PageDown'],
    [paste('text'), 'Paste'],
  ])('%j is %s', (key, name) => {
    expect(keyName(key)).toBe(name);
  });
});

it('waits 50 ms before an Esc is the Escape key', () => {
  expect(ESCAPE_TIMEOUT_MS).toBe(50);
});

describe('decoding random key sequences split into random chunks', () => {
  const printable = fc
    .oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0x20, max: 0x7e }) },
      { weight: 1, arbitrary: fc.constantFrom(...['[', 'O', ';', '~'].map((text) => text.charCodeAt(0))) },
      { weight: 2, arbitrary: fc.integer({ min: 0xa0, max: 0xd7ff }) },
      { weight: 1, arbitrary: fc.integer({ min: 0xe000, max: 0xffff }) },
      { weight: 1, arbitrary: fc.integer({ min: 0x10000, max: 0x10ffff }) },
      { weight: 2, arbitrary: fc.integer({ min: 0x1f300, max: 0x1faff }) },
    )
    .map((code) => char(String.fromCodePoint(code)));
  const namedKey = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...NAMED_KEYS) }, { weight: 1, arbitrary: fc.constant('Escape' as const) }).map(named);
  const pasteUnit = fc.oneof(
    { weight: 3, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) },
    { weight: 1, arbitrary: fc.constantFrom('\x1b', '\x1b[A', '\r', '\n', '\x03', PASTE_START, '\x1b[201', '\x1b[20', '~') },
  );
  const pasteKey = fc
    .string({ unit: pasteUnit, maxLength: 12 })
    .filter((text) => !text.includes(PASTE_END))
    .map(paste);

  // Escape directly before a typed `[` or `O` is, in bytes, the start of a
  // sequence: a terminal sends the same for both, so the decoder cannot tell
  // them apart, and the generator never makes that pair.
  // Alt with a key whose bytes do not start with Esc (an Alt-arrow is an arrow to the decoder).
  const altKey = fc.oneof(printable, namedKey).filter((key) => !encodeKeys([key]).startsWith('\x1b') && !(key.kind === 'char' && (key.char === '[' || key.char === 'O'))).map((key) => alt(key));
  const mouseKey = fc.tuple(fc.constantFrom(0, 1, 2, 3, 32, 35, 64, 65, 16), fc.nat({ max: 400 }), fc.nat({ max: 200 }), fc.boolean()).map(([button, column, row, release]) => mouse(button, column, row, release));
  const keySequence = fc.array(fc.oneof({ weight: 6, arbitrary: printable }, { weight: 4, arbitrary: namedKey }, { weight: 1, arbitrary: pasteKey }, { weight: 1, arbitrary: altKey }, { weight: 1, arbitrary: mouseKey }), { maxLength: 30 }).map((keys) => {
    const readable: Key[] = [];
    for (const key of keys) if (readsBack(readable.at(-1), key)) readable.push(key);
    return readable;
  });

  const seedText = process.env.FC_SEED;
  const seed = seedText === undefined || seedText === '' ? undefined : Number(seedText);
  if (seed !== undefined && !Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer, not ${seedText ?? ''}`);

  it('gives back the keys typed, however the input is split', () => {
    fc.assert(
      fc.property(keySequence, fc.array(fc.nat(), { maxLength: 16 }), (keys, cutPoints) => {
        const input = encodeKeys(keys);
        const cuts = [...new Set(cutPoints.map((point) => point % (input.length + 1)))].sort((a, b) => a - b);
        const whole = decodeAll([input]);
        expect(whole).toEqual(keys);
        expect(decodeAll(splitAt(input, ...cuts))).toEqual(whole);
        expect(decodeAll(units(input))).toEqual(whole);
      }),
      { numRuns: 1000, ...(seed === undefined ? {} : { seed }) },
    );
  });
});

describe('keys handed on to a pane (typed after Enter in its read)', () => {
  it('are the bytes a terminal sends for them; a paste is its text, a mouse report nothing', () => {
    expect(handedOnText([char('l'), char('s'), named('Enter'), alt(char('b')), named('Up'), named('C-c'), paste('a\nb'), mouse(0, 3, 4), char('日')])).toBe('ls\r\x1bb\x1b[A\x03a\nb日');
    expect(handedOnText([])).toBe('');
  });
});

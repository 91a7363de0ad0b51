import fc from 'fast-check';
import { Box, render, Text } from 'ink';
import { createElement } from 'react';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INK_OPTIONS } from '../../components/App.js';
import { FakeStdin, FakeStdout } from '../helpers/fake-terminal.js';

// The UI tests must draw with the Ink and yoga the bundle is built from: the
// ones in node_modules, changed by patches/ when `npm ci` ran.
const require = createRequire(import.meta.url);
const inkBuild = path.dirname(require.resolve('ink'));

interface OutputLike {
  caches: unknown;
  write(x: number, y: number, text: string, options: { transformers: ((line: string, index: number) => string)[] }): void;
  clip(clip: object): void;
  get(): { output: string; height: number };
}
async function loadOutput() {
  const { default: Output } = (await import(pathToFileURL(path.join(inkBuild, 'output.js')).href)) as { default: new (options: { width: number; height: number }) => OutputLike };
  return Output;
}

interface PrintedLines {
  printedRuns: (line: string) => string | undefined;
  printedLine: (line: string) => string;
}
async function loadPrinted(): Promise<PrintedLines> {
  return (await import(pathToFileURL(path.join(inkBuild, 'output.js')).href)) as PrintedLines;
}
async function loadTokenizer() {
  // The package has no require entry: found by its package.json, beside Ink's.
  const tokenizer = path.dirname(createRequire(path.join(inkBuild, 'index.js')).resolve('@alcalzone/ansi-tokenize/package.json'));
  return (await import(pathToFileURL(path.join(tokenizer, 'build', 'index.js')).href)) as typeof import('@alcalzone/ansi-tokenize');
}

const ESC = '\u001b';
// Lines as the dashboard writes them: plain, styled (by a transform, as <Text> does), wide characters, exactly as wide as the row, wider, empty, an 8-bit CSI.
const bold = (line: string) => `${ESC}[1m${line}${ESC}[22m`;
const inverse = (line: string) => `${ESC}[7m${line}${ESC}[27m`;
const SCREEN: [string, ((line: string, index: number) => string)[]][] = [
  ['tmux-dashboard · 3 sessions', [bold]],
  ['› 1 main       2w ●1  ~/src/app', [inverse]],
  ['  2 日本語の名前 1w     ~/文書', []],
  ['  3 emoji 🚀 x', []],
  ['0123456789012345678901234567890123456789', [inverse]],
  ['a line wider than the forty columns of this screen, cut by nobody', []],
  [`${ESC}[2mdim${ESC}[22m and ${ESC}[31mred ${ESC}[1mbold${ESC}[39m${ESC}[22m`, []],
  ['trailing spaces   ', [inverse]],
  // Plain lines (neither ESC nor CSI) are taken as they are, without tokenizing: graphemes of several code points must come out whole.
  ['  e\u0301 a\u0308 👍🏽 🇫🇷 👩\u200d💻 ✔\ufe0f   ', []],
  ['x\u009b[7my', []],
];

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the Ink and yoga these tests load', () => {
  it('share one set of output caches across frames', async () => {
    const Output = await loadOutput();
    const first = new Output({ width: 10, height: 1 });
    const next = new Output({ width: 10, height: 1 });
    expect(next.caches).toBe(first.caches);
  });

  it('draw a screen of one line per row exactly as the generic grid would', async () => {
    const Output = await loadOutput();
    const draw = (generic: boolean) => {
      const output = new Output({ width: 40, height: SCREEN.length + 2 });
      // A clip without bounds clips nothing but takes the generic path.
      if (generic) output.clip({});
      SCREEN.forEach(([text, transformers], y) => {
        output.write(0, y, text, { transformers });
      });
      return output.get();
    };
    const generic = draw(true);
    expect(draw(false)).toEqual(generic);
    // Twice: the second time from the caches.
    expect(draw(false)).toEqual(generic);
    expect(generic.output.split('\n')).toHaveLength(SCREEN.length + 2);
  });

  it('print a styled line a run at a time exactly as the tokenizer prints it cell by cell, whatever the line', async () => {
    const { printedLine, printedRuns } = await loadPrinted();
    const { styledCharsFromTokens, styledCharsToString, tokenize } = await loadTokenizer();
    const cellByCell = (line: string) => styledCharsToString(styledCharsFromTokens(tokenize(line)));
    const code = fc.oneof(
      fc.constantFrom('1', '22', '2', '7', '27', '31', '39', '0', '', '1;31', '38;5;208', '38;2;1;2;3', '48;5;1', '49', '4', '24', '3', '23', '9', '90', '38;5', '38;2;1', '5;38').map((params) => `${ESC}[${params}m`),
      fc.array(fc.integer({ min: 0, max: 109 }), { maxLength: 6 }).map((params) => `${ESC}[${params.join(';')}m`),
      // Not SGR codes: left to the tokenizer.
      fc.constantFrom(`${ESC}[2K`, `${ESC}]8;;http://x${ESC}\\`, `${ESC}]8;;http://x\u0007`, '\u009b7m', ESC, `${ESC}[`, `${ESC}[12`),
    );
    const text = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
      fc.constantFrom('e\u0301', '\u0301x', '\u200dx', '\u093f', '\ufe0f', '👍🏽', '🏽', '🇫🇷', '👩\u200d💻', '✔\ufe0f', '日本語', '› 1 ', '└─▸', '●', ' ', '  ', '\t', '\r\n'),
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(code, text), { maxLength: 14 }), (pieces) => {
        const line = pieces.join('');
        expect(printedLine(line)).toBe(cellByCell(line));
      }),
      { numRuns: 3000 },
    );
    // The lines the dashboard draws take the run path; a mark right after a code does not.
    for (const line of [`${ESC}[7m› 1 main       2w ●1  ~/src/app${ESC}[27m`, `${ESC}[1mtmux-dashboard${ESC}[22m · ${ESC}[2m3 sessions${ESC}[22m`, `  └─▸0: ${ESC}[36msh${ESC}[39m 日本語 🚀`]) {
      expect(printedRuns(line)).toBe(cellByCell(line));
    }
    expect(printedRuns(`${ESC}[1m\u0301x${ESC}[22m`)).toBeUndefined();
  });

  it('update a frame that fills the terminal in place, writing only the lines that changed', async () => {
    const stdout = new FakeStdout(30, 4);
    const screen = (selected: number) =>
      createElement(
        Box,
        { flexDirection: 'column', width: 30, height: 4 },
        ['alpha', 'beta', 'gamma', 'delta'].map((name, index) => createElement(Text, { key: name }, `${index === selected ? '›' : ' '} ${name}`)),
      );
    const app = render(screen(0), { ...INK_OPTIONS, stdout: stdout as unknown as NodeJS.WriteStream, stdin: new FakeStdin() as unknown as NodeJS.ReadStream, patchConsole: false });
    try {
      const first = stdout.frames.length;
      app.rerender(screen(1));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const update = stdout.frames.slice(first).join('');
      expect(update).toContain('alpha');
      expect(update).toContain('beta');
      expect(update).not.toContain('gamma');
      expect(update).not.toContain(`${ESC}[2J`);

      // After a resize the screen is cleared once and drawn whole.
      const beforeResize = stdout.frames.length;
      stdout.columns = 28;
      stdout.emit('resize');
      await new Promise((resolve) => setTimeout(resolve, 50));
      const redraw = stdout.frames.slice(beforeResize).join('');
      expect(redraw).toContain(`${ESC}[2J`);
      expect(redraw).toContain('gamma');
    } finally {
      app.unmount();
    }
  });

  it('measure a line of one-column characters by its length, as string-width would', async () => {
    const { widthOf } = (await import(pathToFileURL(path.join(inkBuild, 'measure-text.js')).href)) as { widthOf: (text: string) => number };
    const { default: widestLine } = (await import(pathToFileURL(createRequire(path.join(inkBuild, 'index.js')).resolve('widest-line')).href)) as { default: (text: string) => number };
    const ranges: [number, number][] = [[0x20, 0x7e], [0xa0, 0xac], [0xae, 0xff], [0x2013, 0x2013], [0x2026, 0x2026], [0x203a, 0x203a], [0x2190, 0x2193], [0x2500, 0x259f], [0x25b8, 0x25b8], [0x25cf, 0x25cf], [0x2713, 0x2713], [0x2717, 0x2717]];
    for (const [from, to] of ranges) for (let code = from; code <= to; code++) expect(widthOf(String.fromCodePoint(code)), code.toString(16)).toBe(widestLine(String.fromCodePoint(code)));
    for (const line of [...SCREEN.map(([text, transformers]) => transformers.reduce((done, transform) => transform(done, 0), text)), '日本語', 'e\u0301x', '🚀 go', 'two\nlines', `${ESC}]0;title${ESC}\\x`]) expect(widthOf(line), JSON.stringify(line)).toBe(widestLine(line));
  });

  it('start yoga without fetch()', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const loadPath = createRequire(path.join(inkBuild, 'index.js')).resolve('yoga-layout/load');
    const { loadYoga } = (await import(pathToFileURL(loadPath).href)) as typeof import('yoga-layout/load');
    const yoga = await loadYoga();
    const node = yoga.Node.create();
    node.setWidth(7);
    node.calculateLayout(undefined, undefined);
    expect(node.getComputedWidth()).toBe(7);
    expect(fetch).not.toHaveBeenCalled();
  });
});

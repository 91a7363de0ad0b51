import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import type { Effect } from '../../src/dashboard/events.js';
import { selectedRow, selectedSession } from '../../src/dashboard/selection.js';
import { initialState } from '../../src/dashboard/settle.js';
import type { State } from '../../src/dashboard/state.js';
import { step } from '../../src/dashboard/step.js';
import { decodeKeys, flushKeys, INITIAL_DECODER, type Key, type NamedKey } from '../../src/input/keys.js';
import { resolveServer } from '../../src/tmux/server.js';
import { TmuxService } from '../../src/tmux/service.js';
import type { Snapshot } from '../../src/tmux/types.js';
import { testInitial } from '../helpers/app-on-terminal.js';
import { alt, char, encodeKeys, mouse, named, paste, readsBack } from '../helpers/encode-keys.js';
import { TestServer } from '../helpers/tmux-server.js';

// The promise: however the terminal splits the keys into reads, the same
// keys give the same states and the same effects, and every action names
// the session the cursor was on when its key was read. Checked against the
// list of a real tmux server with names that sort, filter and collide.
let server: TestServer;
let snapshot: Snapshot;
let start: State;

beforeAll(async () => {
  server = new TestServer();
  await server.start('alpha');
  for (const name of ['alphabet', 'beta', 'gamma', 'foo', 'foobar', 'a b', 'ünï', '日本', 'x.y', 'work-api', 'walrus', 'zeta']) await server.tmux('new-session', '-d', '-s', name);
  // Windows and panes for the tree (l h → ←), and a window name the filter finds.
  await server.tmux('new-window', '-d', '-t', '=alpha:', '-n', 'logs');
  await server.tmux('new-window', '-d', '-t', '=alpha:', '-n', 'edit');
  await server.tmux('split-window', '-d', '-t', '=alpha:edit');
  await server.tmux('new-window', '-d', '-t', '=zeta:', '-n', 'bobo');
  // Agents waiting and done, so that `!` has somewhere to jump.
  const now = Math.floor(Date.now() / 1000);
  await server.tmux('set-option', '-p', '-t', '=beta:', '@tmux_dashboard_agent', `needs-input ${now} ${now}`);
  await server.tmux('set-option', '-p', '-t', '=walrus:', '@tmux_dashboard_agent', `done ${now} ${now}`);
  const tmux = new TmuxService(resolveServer({ socketName: server.socketName }, server.env), server.env);
  snapshot = await tmux.snapshot();
  // A small terminal: the list scrolls, 1–9 and PgDn depend on the view.
  start = initialState(testInitial(server, tmux, { snapshot, columns: 80, rows: 12, config: DEFAULT_CONFIG }));
});
afterAll(async () => {
  await server.kill();
});

const NAMED: NamedKey[] = ['Enter', 'Escape', 'Tab', 'BTab', 'Backspace', 'Delete', 'Up', 'Down', 'Left', 'Right', 'Home', 'End', 'PageUp', 'PageDown', 'C-Left', 'C-u', 'C-w', 'C-a', 'C-e', 'C-k', 'C-n', 'C-p', 'C-o'];
// `o` opens the project picker (and Ctrl-O from the new-session dialog); `~` and `/` type a folder there; `!` selects the next agent waiting;
// `l`/`h` open and close the tree; `t`/`T` tag (then `d` opens the tagged delete), `L` goes to the last session.
const CHARS = ['j', 'k', 'l', 'h', 'l', 'g', 'G', '/', 'd', 'y', 'n', 'R', 's', 'p', '?', 'r', 'q', '1', '3', '9', '!', 'a', 'b', 'o', 'o', 'x', '.', ' ', 'é', '日', '[', 'O', '~', 't', 't', 'T', 'L'];
// Clicks on the rows (lines 1–11 of the 80×12 screen) and on the hint bar (line 11), releases, the wheel.
const MOUSE = fc.tuple(fc.constantFrom(0, 0, 0, 64, 65), fc.nat({ max: 79 }), fc.integer({ min: 1, max: 11 }), fc.boolean()).map(([button, column, row, release]) => mouse(button, column, row, release && button === 0));

const key: fc.Arbitrary<Key> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...CHARS).map(char) },
  { weight: 4, arbitrary: fc.constantFrom(...NAMED).map(named) },
  { weight: 1, arbitrary: fc.constantFrom('be', 'x\ny', 'dy', 'a\u0007').map(paste) },
  { weight: 2, arbitrary: MOUSE },
  // Esc and a key in one write (Alt-d in a name must never delete a session).
  { weight: 1, arbitrary: fc.constantFrom(char('d'), char('y'), char('q'), char('j'), named('Backspace'), named('Enter'), char('b')).map(alt) },
);
// An Escape right before a key whose bytes do not start with Esc reads as
// Alt with it (and before `[` or `O` as a sequence) on any terminal: the
// generator keeps those pairs apart, so the keys read back as generated.
// Tag-and-delete runs, which single random keys rarely spell: the batch delete gets exercised.
const TAG_RUNS: Key[][] = [[char('t'), char('d'), char('y')], [char('T'), char('d'), char('y')], [char('j'), char('t'), char('t'), char('d'), char('y')], [char('/'), char('o'), named('Tab'), char('T'), char('d'), char('y')]];
const keyOrRun = fc.oneof({ weight: 30, arbitrary: key.map((one) => [one]) }, { weight: 1, arbitrary: fc.constantFrom(...TAG_RUNS) });
const keys = fc.array(keyOrRun, { maxLength: 40 }).map((runs) => {
  const readable: Key[] = [];
  for (const item of runs.flat()) if (readsBack(readable.at(-1), item)) readable.push(item);
  return readable;
});

function split(text: string, cuts: number[]): string[] {
  const points = Array.from(text);
  const at = [...new Set(cuts.map((cut) => cut % (points.length + 1)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const cut of at) {
    chunks.push(points.slice(from, cut).join(''));
    from = cut;
  }
  chunks.push(points.slice(from).join(''));
  return chunks;
}

interface Run {
  state: State;
  effects: Effect[];
  /** Each action effect and the session selected / in the dialog when its key was read. */
  checks: { effect: Effect; key: Key; selectedId: string | undefined; dialogId: string | undefined; mode: string; tags: readonly string[] }[];
}

function runKeys(state: State, decoded: Key[], run: Run): void {
  for (const item of decoded) {
    const before = run.state;
    const result = step(before, { type: 'key', key: item });
    run.state = result.state;
    run.effects.push(...result.effects);
    const dialog = before.mode.kind === 'delete' || before.mode.kind === 'rename' ? before.mode.session.id : undefined;
    for (const effect of result.effects) run.checks.push({ effect, key: item, selectedId: selectedSession(before)?.id, dialogId: dialog, mode: before.mode.kind, tags: before.tags.map((tag) => tag.id) });
    // Opening a dialog: it is about the row the cursor was on. Alt+key is
    // Esc, then the key: the key's half is read where the Esc left the
    // cursor (an Esc that clears a filter moves it).
    const mode = run.state.mode;
    const pointed = item.kind === 'alt' ? step(before, { type: 'key', key: { kind: 'named', name: 'Escape' } }).state : before;
    if ((mode.kind === 'delete' || mode.kind === 'rename') && before.mode.kind !== mode.kind) {
      expect(mode.session.id).toBe(selectedSession(pointed)?.id);
      // A window's dialog is about the window of the row the cursor was on.
      const row = selectedRow(pointed);
      expect(mode.window?.id).toBe(row === undefined || row.kind === 'session' ? undefined : row.window.id);
    }
  }
}

function feed(chunks: string[]): Run {
  const run: Run = { state: start, effects: [], checks: [] };
  let decoder = INITIAL_DECODER;
  for (const chunk of chunks) {
    const decoded = decodeKeys(decoder, chunk);
    decoder = decoded.state;
    runKeys(run.state, decoded.keys, run);
  }
  runKeys(run.state, flushKeys(decoder).keys, run);
  return run;
}

describe('the core, keys split any way (property-based)', () => {
  const seedText = process.env.FC_SEED;
  const seed = seedText === undefined || seedText === '' ? undefined : Number(seedText);

  it('gives the same states and effects as key by key, and acts on the row the cursor was on', () => {
    expect(snapshot.sessions.length).toBe(13);
    fc.assert(
      fc.property(keys, fc.array(fc.nat({ max: 400 }), { maxLength: 12 }), (sequence, cuts) => {
        const reference: Run = { state: start, effects: [], checks: [] };
        runKeys(start, sequence, reference);
        const bytes = encodeKeys(sequence);
        const whole = feed([bytes]);
        const chunked = feed(split(bytes, cuts));
        expect(whole.state).toEqual(reference.state);
        expect(whole.effects).toEqual(reference.effects);
        expect(chunked.state).toEqual(reference.state);
        expect(chunked.effects).toEqual(reference.effects);
        for (const { effect, key: pressed, selectedId, dialogId, mode, tags } of reference.checks) {
          // The batch delete: only a y (typed, or its hint clicked) in its confirmation, on exactly the tags shown there.
          if (effect.type === 'killTagged') {
            expect(mode).toBe('deleteTagged');
            expect(pressed).toSatisfy((k: Key) => (k.kind === 'char' && (k.char === 'y' || k.char === 'Y')) || (k.kind === 'mouse' && k.row === 11));
            expect(effect.sessions.map((session) => session.id).sort()).toEqual([...tags].sort());
          }
          if (effect.type === 'kill' || effect.type === 'rename' || effect.type === 'killWindow' || effect.type === 'renameWindow') expect(effect.session.id).toBe(dialogId);
          // Only a y typed in the dialog (or a click on its hint) deletes: never a paste, never an Alt key.
          if (effect.type === 'kill' || effect.type === 'killWindow') expect(pressed).toSatisfy((k: Key) => (k.kind === 'char' && (k.char === 'y' || k.char === 'Y')) || (k.kind === 'mouse' && k.row === 11));
          // Enter and 1–9 name a row on screen; Enter the highlighted one.
          if ((effect.type === 'attach' || effect.type === 'switch') && selectedId !== undefined) expect(snapshot.sessions.map((session) => session.id)).toContain(effect.session.id);
        }
      }),
      { numRuns: 1000, ...(seed === undefined ? {} : { seed }) },
    );
  });

  it('Enter acts on the highlighted row however the keys before it were split', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(char('j'), char('k'), named('Down'), named('Up'), char('G'), char('g')), { maxLength: 20 }), fc.array(fc.nat({ max: 200 }), { maxLength: 8 }), (moves, cuts) => {
        const sequence = [...moves, named('Enter')];
        const reference: Run = { state: start, effects: [], checks: [] };
        runKeys(start, moves, reference);
        const expected = selectedSession(reference.state);
        const chunked = feed(split(encodeKeys(sequence), cuts));
        expect(chunked.effects).toEqual([{ type: 'attach', session: { id: expected?.id, name: expected?.name } }]);
      }),
      { numRuns: 1000, ...(seed === undefined ? {} : { seed }) },
    );
  });
});

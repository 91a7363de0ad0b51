import { useEffect, useRef, useState } from 'react';
import { runEffect, type EffectServices } from '../src/dashboard/effects.js';
import type { Effect, Event } from '../src/dashboard/events.js';
import { sameScreen } from '../src/dashboard/pace.js';
import type { State } from '../src/dashboard/state.js';
import { step } from '../src/dashboard/step.js';
import { awaitingMore, decodeKeys, endStalledPaste, ESCAPE_TIMEOUT_MS, flushKeys, INITIAL_DECODER, pasteOpen, PASTE_STALL_MS, type Key } from '../src/input/keys.js';
import type { SessionRef, WindowTarget } from '../src/tmux/types.js';
import { mark } from '../src/trace.js';

/** How the UI ends: the code that runs it carries this out. */
export type UiResult =
  | { kind: 'quit' }
  | { kind: 'attach'; session: SessionRef; target?: WindowTarget; typedAhead: Key[] }
  | { kind: 'switch'; session: SessionRef; target?: WindowTarget; typedAhead: Key[] }
  | { kind: 'takeover'; message: string }
  | { kind: 'lock-lost'; reason: string };

/** Where the keys come from: the terminal (raw, utf8) or a test's stream. */
export interface KeySource {
  on(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
  off(event: 'data', listener: (chunk: string | Buffer) => void): unknown;
}

/** Where outside events come from: terminal size, the lock, a takeover request. */
export interface Surroundings {
  keys: KeySource;
  /** Subscribes to terminal resizes; returns the unsubscribe. */
  onResize: (listener: (columns: number, rows: number) => void) => () => void;
  /** Subscribes to reasons to quit that do not come from the user; returns the unsubscribe. */
  onQuitRequest: (listener: (event: Extract<Event, { type: 'quitRequested' }>) => void) => () => void;
  /** Subscribes to tmux's "something changed" (src/tmux/control.ts); returns the unsubscribe. Absent: the list is polled only. */
  onTmuxChange?: (listener: () => void) => () => void;
}

function resultOf(effect: Effect): UiResult | undefined {
  if (effect.type === 'attach' || effect.type === 'switch') return { kind: effect.type, session: effect.session, ...(effect.target === undefined ? {} : { target: effect.target }), typedAhead: [] };
  if (effect.type !== 'quit') return undefined;
  if (effect.reason === 'lock-lost') return { kind: 'lock-lost', reason: effect.message ?? 'lost' };
  if (effect.reason === 'takeover') return { kind: 'takeover', message: effect.message ?? '' };
  return { kind: 'quit' };
}

/**
 * Runs the pure core (src/dashboard/step.ts) for the App: every key of a
 * read is decoded and stepped in order against the state the previous key
 * left (kept in a ref, never in a value captured at a render), the effects
 * each step asks for are started at once, and their results come back as
 * events. React only gets the newest state to draw, once per read.
 */
export function useDashboard(initial: State, services: EffectServices, surroundings: Surroundings, onDone: (result: UiResult, last: State) => void): State {
  // The state to draw, with the number of the last step it includes.
  const [shown, setShown] = useState({ state: initial, steps: 0 });
  const current = useRef(initial);
  // The state last handed to React: a step that changed only bookkeeping (an unchanged list, a capture started) draws nothing.
  const drawn = useRef(initial);
  const done = useRef(false);
  // The newest callbacks, for the listeners subscribed once at mount.
  const latest = useRef({ services, onDone });
  latest.current = { services, onDone };
  // Effects that spawn tmux wait until the frame the key caused is written
  // (starting a process costs milliseconds on this thread): the effect below
  // runs after Ink's commit; the timer catches a step that changed nothing.
  // Only the effects of the steps that frame shows: React runs an earlier
  // frame's effect just before it draws the next one, and the effects of the
  // key that frame is for (`o`: reading the scan cache twice, zoxide) would
  // run before it (measured: the picker's frame 50 ms later).
  const pending = useRef<{ step: number; run: () => void }[]>([]);
  const steps = useRef(0);
  const runPending = (upTo = Number.POSITIVE_INFINITY) => {
    const due = pending.current.filter((entry) => entry.step <= upTo);
    if (due.length === 0) return;
    pending.current = pending.current.filter((entry) => entry.step > upTo);
    for (const entry of due) entry.run();
  };
  useEffect(() => {
    runPending(shown.steps);
  }, [shown]);

  useEffect(() => {
    let live = true;
    // Keys read after an Enter that goes to a session (in its read, or in
    // reads before the UI is gone) are that session's: typed in separate
    // reads, they would have reached its pane through tmux. They are handed
    // on (UiResult.typedAhead), not acted on here.
    let handOn: Key[] | undefined;
    const dispatchAll = (events: Event[]) => {
      if (events.length === 0) return;
      for (const event of events) {
        if (handOn !== undefined) {
          if (event.type === 'key') handOn.push(event.key);
          continue;
        }
        steps.current += 1;
        const result = step(current.current, event);
        current.current = result.state;
        for (const effect of result.effects) start(effect);
      }
      if (live && !sameScreen(drawn.current, current.current)) {
        drawn.current = current.current;
        setShown({ state: current.current, steps: steps.current });
      }
    };
    const start = (effect: Effect) => {
      const result = resultOf(effect);
      if (result !== undefined) {
        // What the keys before asked for starts now (`s` then `q`: the sort mode is written before the exit waits for it).
        runPending();
        if (!done.current) {
          done.current = true;
          if (result.kind === 'attach' || result.kind === 'switch') handOn = result.typedAhead;
          latest.current.onDone(result, current.current);
        }
        return;
      }
      pending.current.push({
        step: steps.current,
        run: () => {
          void runEffect(effect, latest.current.services).then((event) => {
            if (live && event !== undefined) dispatchAll([event]);
          });
        },
      });
      setTimeout(() => {
        runPending();
      }, 20);
    };

    let decoder = INITIAL_DECODER;
    let escapeTimer: NodeJS.Timeout | undefined;
    const onData = (chunk: string | Buffer) => {
      mark('key');
      clearTimeout(escapeTimer);
      const decoded = decodeKeys(decoder, typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      decoder = decoded.state;
      // A mouse press carries when it was read: two on one row soon after each other are a double click.
      const at = Date.now();
      dispatchAll(decoded.keys.map((key) => ({ type: 'key', key: key.kind === 'mouse' ? { ...key, at } : key })));
      // A lone Esc may be the start of a sequence: it is the Escape key only if nothing follows soon.
      if (awaitingMore(decoder)) {
        escapeTimer = setTimeout(() => {
          const flushed = flushKeys(decoder);
          decoder = flushed.state;
          dispatchAll(flushed.keys.map((key) => ({ type: 'key', key })));
        }, ESCAPE_TIMEOUT_MS);
      } else if (pasteOpen(decoder)) {
        // A paste whose end never comes must not swallow every key after it (Ctrl-C too).
        escapeTimer = setTimeout(() => {
          const ended = endStalledPaste(decoder);
          decoder = ended.state;
          dispatchAll(ended.keys.map((key) => ({ type: 'key', key })));
        }, PASTE_STALL_MS);
      }
    };
    surroundings.keys.on('data', onData);
    const stopResize = surroundings.onResize((columns, rows) => {
      dispatchAll([{ type: 'resize', columns, rows }]);
    });
    const stopQuit = surroundings.onQuitRequest((event) => {
      dispatchAll([event]);
    });
    const stopTmuxChange = surroundings.onTmuxChange?.(() => {
      mark('tmux-changed');
      dispatchAll([{ type: 'tmuxChanged', now: Date.now() }]);
    });
    const ticker = setInterval(() => {
      dispatchAll([{ type: 'tick', now: Date.now() }]);
    }, Math.min(1000, current.current.context.refreshIntervalMs));
    dispatchAll([{ type: 'start', now: Date.now() }]);
    // The first frame is written (this runs after Ink's first commit): what
    // the start asks for (the picker's read-ahead) need not wait for the timer.
    runPending();
    mark('input-live');
    return () => {
      live = false;
      surroundings.keys.off('data', onData);
      clearTimeout(escapeTimer);
      clearInterval(ticker);
      stopResize();
      stopQuit();
      stopTmuxChange?.();
    };
  }, []);

  return shown.state;
}

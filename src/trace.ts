import { appendFileSync } from 'node:fs';

/**
 * Startup milestones for `npm run bench` (the README's "Start-up"): with
 * TMUX_DASHBOARD_TRACE=FILE the process appends one JSON line to FILE when it
 * ends normally (not on a signal) — when each step finished and when each
 * frame was written, in ms since
 * the process started — so the benchmark can say which step dominates. Off,
 * it costs one property read per mark.
 */
const file = process.env.TMUX_DASHBOARD_TRACE ?? '';
const marks: [string, number][] = [];
const frames: [number, number, boolean][] = [];

export function mark(name: string): void {
  if (file !== '') marks.push([name, Math.round(performance.now() * 10) / 10]);
}

/** Records each write to `stream`: its time, size, and whether it shows a session row (the `›` marker). */
export function traceWrites(stream: NodeJS.WriteStream): void {
  if (file === '') return;
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : '';
    frames.push([Math.round(performance.now() * 10) / 10, text.length, text.includes('›')]);
    return write(chunk, ...rest);
  });
}

export function writeTrace(): void {
  if (file === '') return;
  try {
    appendFileSync(file, `${JSON.stringify({ marks, frames, hrZeroUs: Number(process.hrtime.bigint() / 1000n) - Math.round(performance.now() * 1000) })}\n`);
  } catch {
    // A benchmark aid: never a reason to fail.
  }
}

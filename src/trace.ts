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
// Not performance.now(): its first call loads perf_hooks (~2 ms), a cost the
// traced starts of the benchmark would pay and users do not.
const sinceStart = () => Math.round(process.uptime() * 10_000) / 10;

export function mark(name: string): void {
  if (file !== '') marks.push([name, sinceStart()]);
}

/** Records each write to `stream`: its time, size, and whether it shows a session row (the `›` marker). */
export function traceWrites(stream: NodeJS.WriteStream): void {
  if (file === '') return;
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === 'string' ? chunk : '';
    frames.push([sinceStart(), text.length, text.includes('›')]);
    return write(chunk, ...rest);
  });
}

export function writeTrace(): void {
  if (file === '') return;
  try {
    appendFileSync(file, `${JSON.stringify({ marks, frames, hrZeroUs: Number(process.hrtime.bigint() / 1000n) - Math.round(process.uptime() * 1_000_000) })}\n`);
  } catch {
    // A benchmark aid: never a reason to fail.
  }
}

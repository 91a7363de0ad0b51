// Median time of InstanceLock acquire + release, in this process, on a fresh
// state directory (the path a dashboard start and quit takes).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { InstanceLock } from '../../src/lock/instance-lock.js';

const runs = Number(process.argv[2] ?? 200);
const dir = mkdtempSync(path.join(os.tmpdir(), 'tmux-dashboard-bench-'));
const samples: number[] = [];
try {
  for (let i = 0; i < runs; i++) {
    const lock = new InstanceLock({ lockFile: path.join(dir, 'lock'), pidFile: path.join(dir, 'pid') });
    const start = process.hrtime.bigint();
    if (!(await lock.acquire())) throw new Error('could not acquire a free lock');
    lock.release();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
samples.sort((a, b) => a - b);
const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? NaN;
process.stdout.write(`${JSON.stringify({ runs, medianMs: at(0.5), p90Ms: at(0.9), minMs: at(0) })}\n`);

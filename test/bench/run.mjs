// `npm run bench`: measurements, not tests. Prints a table and writes
// bench-results.json. Run it on a quiet machine: the figures are medians.
import { buildProduct, bundle } from '../../build.mjs';
import { terminalBench } from './terminal-bench.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const out = mkdtempSync(path.join(os.tmpdir(), 'tmux-dashboard-bench-build-'));

async function bundleInto(entry) {
  return bundle(entry, path.join(out, `${path.basename(entry, '.ts')}.mjs`));
}

const lockScript = await bundleInto('test/bench/lock-bench.ts');
const lock = JSON.parse(execFileSync(process.execPath, [lockScript, '300'], { encoding: 'utf8' }));

// What users run: build it first.
await buildProduct();
const terminal = await terminalBench();

const results = {
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model ?? 'unknown', node: process.version, platform: `${os.platform()} ${os.release()}` },
  date: new Date().toISOString(),
  lockAcquireReleaseMs: { median: lock.medianMs, p90: lock.p90Ms, runs: lock.runs },
  terminal,
};

const ms = (value) => `${value.toFixed(1)} ms`;
const rows = [
  ['lock acquire+release (median)', `${lock.medianMs.toFixed(2)} ms`, 'target ≤ 5 ms'],
  ['node -e to a line on screen (floor)', ms(terminal.floorMs), 'outside: from the key that starts it to the line in its output'],
  ...Object.entries(terminal.firstFrameMs).map(([count, value]) => [`first frame, ${count} sessions`, ms(value), `${terminal.ratio[count].toFixed(2)}× floor (target ≤ 3.0×; ≤ ${count === '1000' ? 180 : 150} ms)`]),
  ...Object.entries(terminal.startupSteps).map(([count, steps]) => [
    `  inside, ${count} sessions`,
    ms(steps['list-frame']),
    Object.entries(steps)
      .map(([step, at]) => `${step} ${at.toFixed(0)}`)
      .join(' · '),
  ]),
  ...Object.entries(terminal.keystrokeMs).map(([count, value]) => [`key to frame, ${count} sessions`, ms(value), `inside: key read to frame written (outside, send-keys to the move in the output: ${ms(terminal.keystrokeOutsideMs[count])}); target ≤ 10 ms`]),
  ['key to frame, tree open on a 50-window session', ms(terminal.treeKeystrokeMs), 'inside: j/g through the window rows of an opened session (50 sessions in all); target ≤ 10 ms'],
  ...Object.entries(terminal.peakRssMb).map(([count, value]) => [`peak RSS, ${count} sessions`, `${value.toFixed(0)} MB`, 'target ≤ 100 MB']),
  ['tmux processes per list refresh', terminal.tmuxCallsPerRefresh.toFixed(2), 'target 1'],
  ['Enter inside tmux to exit', ms(terminal.enterToExitMs), 'inside: key read to process.exit; target ≤ 30 ms'],
  ['picker: o to the first of 2,000 projects', ms(terminal.picker.firstRowsMs), 'outside: send-keys to the row in the output (scan cached); target ≤ 50 ms'],
  ['picker: key to frame while 20,000 folders are scanned', ms(terminal.picker.keyToFrameDuringScanMs), `inside, median (max ${ms(terminal.picker.keyToFrameDuringScanMaxMs)}); target ≤ 10 ms`],
  ['first frame with those roots configured', ms(terminal.picker.firstFrameMs), 'outside; as the first frame, 1 session (the scan starts with the picker)'],
];
const width = Math.max(...rows.map((row) => row[0].length));
console.log(`tmux-dashboard bench — ${results.machine.model} ×${results.machine.cpus}, node ${results.machine.node}`);
for (const [name, value, target] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(10)}  ${target}`);
writeFileSync(path.join(root, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('written: bench-results.json');

// `npm run bench`: measurements, not tests. Prints a table and writes
// bench-results.json. Run it on a quiet machine: the figures are medians.
import { buildProduct, bundle } from '../../build.mjs';
import { terminalBench } from './terminal-bench.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const out = mkdtempSync(path.join(os.tmpdir(), 'tmux-dashboard-bench-build-'));
// The bundled helper scripts go with the run, however it ends.
process.on('exit', () => rmSync(out, { recursive: true, force: true }));

async function bundleInto(entry) {
  return bundle(entry, path.join(out, `${path.basename(entry, '.ts')}.mjs`));
}

// BENCH_ONLY=idle,change (see terminalBench) runs a part, for a quick look; the README's table is a whole run.
const only = process.env.BENCH_ONLY === undefined ? undefined : process.env.BENCH_ONLY.split(',');
const lockScript = await bundleInto('test/bench/lock-bench.ts');
const lock = only === undefined || only.includes('lock') ? JSON.parse(execFileSync(process.execPath, [lockScript, '300'], { encoding: 'utf8' })) : { medianMs: NaN, p90Ms: NaN, runs: 0 };

// What users run: build it first.
await buildProduct();
const terminal = await terminalBench({ only });

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
  ...Object.entries(terminal.firstFrameMs).map(([count, value]) => [`first frame, ${count} sessions`, ms(value), `${terminal.ratio[count].toFixed(2)}× floor (target ≤ ${count === '1000' ? '2.5' : '2.0'}×)`]),
  ...Object.entries(terminal.baselineFirstFrameMs).map(([count, value]) => [`  BENCH_BASELINE, ${count} sessions`, ms(value), `${(value / terminal.floorMs).toFixed(2)}× floor: ${process.env.BENCH_BASELINE}, start for start beside the line above`]),
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
  ['picker: o to the first of 2,000 projects', ms(terminal.picker?.firstRowsMs ?? NaN), 'outside: send-keys to the row in the output (scan cached); target ≤ 50 ms'],
  ['picker: key to frame while 20,000 folders are scanned', ms(terminal.picker?.keyToFrameDuringScanMs ?? NaN), `inside, median (max ${ms(terminal.picker?.keyToFrameDuringScanMaxMs ?? NaN)}); target ≤ 10 ms`],
  ['first frame with those roots configured', ms(terminal.picker?.firstFrameMs ?? NaN), 'outside; as the first frame, 1 session (the scan starts with the picker)'],
  ...Object.entries(terminal.nodeListMs).map(([count, value]) => [`node + tmux list-sessions, ${count} sessions (reference)`, ms(value), `outside, as the first frame: ${(value / terminal.floorMs).toFixed(2)}× floor (a program that only lists)`]),
  ...Object.entries(terminal.fzfMs).map(([count, value]) => [`tmux ls | fzf, ${count} sessions (reference)`, ms(value), `outside, as the first frame: ${(value / terminal.floorMs).toFixed(2)}× floor`]),
  ['idle CPU, 100 sessions, preview on', terminal.idle === undefined ? 'n/a' : `${terminal.idle.percent.toFixed(2)} %`, terminal.idle === undefined ? '' : `of a core over ${terminal.idle.seconds} s (${terminal.idle.cpuMs.toFixed(0)} ms, its tmux clients included); target ≤ 0.3 %`],
  ['idle CPU, from the fourth minute on', terminal.idle?.laterPercent === undefined ? 'n/a' : `${terminal.idle.laterPercent.toFixed(2)} %`, terminal.idle?.laterPercent === undefined ? '' : `the same over ${terminal.idle.seconds} s from 185 s on (${terminal.idle.laterCpuMs.toFixed(0)} ms): left open all day`],
  ['change elsewhere to screen: created', terminal.change === undefined ? 'n/a' : ms(terminal.change.createdMs), terminal.change === undefined ? '' : `outside, median (max ${ms(terminal.change.createdMaxMs)}), user active; target ≤ 300 ms`],
  ['change elsewhere to screen: renamed', terminal.change === undefined ? 'n/a' : ms(terminal.change.renamedMs), terminal.change === undefined ? '' : `outside, median (max ${ms(terminal.change.renamedMaxMs)}); target ≤ 300 ms`],
].filter(([, value]) => !/NaN|n\/a|undefined/.test(value));
const width = Math.max(...rows.map((row) => row[0].length));
console.log(`tmux-dashboard bench — ${results.machine.model} ×${results.machine.cpus}, node ${results.machine.node}`);
for (const [name, value, target] of rows) console.log(`${name.padEnd(width)}  ${value.padStart(10)}  ${target}`);
// A partial run is a look, not the figures: it does not replace them.
if (only === undefined) writeFileSync(path.join(root, 'bench-results.json'), `${JSON.stringify(results, null, 2)}\n`);
if (only === undefined) console.log('written: bench-results.json');

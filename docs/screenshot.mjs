// Regenerates docs/screenshot.svg, the README's picture, from a real run:
// the built dashboard in a pane of a private tmux server (demo sessions on a
// second private server, in a throw-away HOME), the pane captured with its
// colours (`capture-pane -e -p`), read by a terminal emulator
// (@xterm/headless) and drawn as SVG by ansi-to-svg. Run: npm run screenshot.
// Never touches your own tmux server: both servers are private and ended here.
import xterm from '@xterm/headless';
import ansiToSvg from 'ansi-to-svg';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const { Terminal } = xterm;
const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const COLUMNS = 132;
const ROWS = 24;
const home = mkdtempSync(path.join(os.tmpdir(), 'tmux-dashboard-shot-'));
// Named, not numbered: the header shows the server's name.
const inner = 'demo';
const outer = `tmux-dashboard-shot-${process.pid}`;
const env = { ...process.env, HOME: home, SHELL: '/bin/sh', PATH: `${path.join(home, 'bin')}:${process.env.PATH ?? ''}`, TMUX: '' };
delete env.TMUX;
delete env.NO_COLOR;
const tmux = (server, ...args) => execFileSync('tmux', ['-L', server, '-f', '/dev/null', ...args], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function serverPid(server) {
  try {
    return Number(tmux(server, 'display-message', '-p', '#{pid}').trim());
  } catch {
    return undefined;
  }
}

async function stopServers() {
  for (const server of [outer, inner]) {
    const pid = serverPid(server);
    if (pid === undefined) continue;
    process.kill(pid);
    // Its panes (the dashboard) may still write in HOME while they end.
    for (let tries = 0; tries < 50 && serverPid(server) !== undefined; tries++) await sleep(100);
    rmSync(path.join(process.env.TMUX_TMPDIR ?? '/tmp', `tmux-${process.getuid?.() ?? 0}`, server), { force: true });
  }
  await sleep(200);
  rmSync(home, { recursive: true, force: true, maxRetries: 5 });
}

if (serverPid(inner) !== undefined) throw new Error(`a tmux server already runs as -L ${inner}: stop it first (this script starts and ends its own)`);
try {
  for (const dir of ['src/api', 'src/web', 'work/infra/terraform/environments/production', 'notes', 'bin']) mkdirSync(path.join(home, dir), { recursive: true });
  // An AI agent is a process of that name: `claude` here is `sleep` under another name.
  symlinkSync(execFileSync('sh', ['-c', 'command -v sleep'], { encoding: 'utf8' }).trim(), path.join(home, 'bin', 'claude'));
  const session = (name, dir, ...windows) => {
    tmux(inner, 'new-session', '-d', '-s', name, '-c', path.join(home, dir), '-x', '100', '-y', '20');
    for (const command of windows) tmux(inner, 'new-window', '-d', '-t', `=${name}:`, '-c', path.join(home, dir), command);
  };
  session('notes', 'notes');
  session('infra-terraform-production', 'work/infra/terraform/environments/production', 'exec claude 600');
  session('web', 'src/web', 'sh');
  session('api', 'src/api', 'exec claude 600', 'sh');
  // The preview shows the selected session's active pane: some output there.
  tmux(inner, 'send-keys', '-t', '=api:0', 'clear; printf "%s\\n" "$ npm test" "" " ✓ test/unit/rows.test.ts (10 tests) 31ms" " ✓ test/ui/screens.test.tsx (35 tests) 9.4s" "" " Test Files  2 passed (2)" "      Tests  45 passed (45)"', 'Enter');
  const bin = path.join(ROOT, 'bin', 'tmux-dashboard.cjs');
  // The agent in api asks for the user, as Claude Code's hook would say; the one in infra works.
  const agentPane = (name) => tmux(inner, 'display-message', '-p', '-t', `=${name}:1`, '#{pane_id}').trim();
  execFileSync(process.execPath, [bin, '-L', inner, 'agent-state', 'needs-input', '--pane', agentPane('api')], { env });
  execFileSync(process.execPath, [bin, '-L', inner, 'agent-state', 'working', '--pane', agentPane('infra-terraform-production')], { env });
  // The dashboard in a terminal of its own; a second window attaches a client to web (its ●1).

  // Sorted by urgency: the session whose agent waits comes first.
  tmux(outer, 'new-session', '-d', '-s', 'term', '-x', String(COLUMNS), '-y', String(ROWS), `env -u TMUX TMUX_DASHBOARD_SORT_MODE=ai_first ${process.execPath} ${bin} -L ${inner}; sleep 600`);
  tmux(outer, 'new-window', '-d', '-t', '=term:', `env -u TMUX tmux -L ${inner} -f /dev/null attach -t =web`);
  let screen = '';
  for (let tries = 0; tries < 100 && !(/●1/.test(screen) && /45 passed/.test(screen)); tries++) {
    await sleep(100);
    screen = tmux(outer, 'capture-pane', '-p', '-t', '=term:0');
  }
  if (!/45 passed/.test(screen)) throw new Error(`the dashboard did not show the demo sessions:\n${screen}`);
  const ansi = tmux(outer, 'capture-pane', '-e', '-p', '-t', '=term:0');
  writeFileSync(path.join(ROOT, 'docs', 'screenshot.svg'), `${await toSvg(ansi)}\n`);
  console.log('docs/screenshot.svg written');
} finally {
  await stopServers();
}

/**
 * ansi-to-svg knows the basic SGR codes one at a time, draws no inverse and
 * no dim text. So the capture is first read by a terminal emulator, and each
 * run of cells is written again in the codes it knows: inverse as swapped
 * colours, dim as gray.
 */
function toSvg(captured) {
  const terminal = new Terminal({ cols: COLUMNS, rows: ROWS, allowProposedApi: true, convertEol: true });
  return new Promise((resolve) => {
    terminal.write(captured.replace(/\n$/, ''), () => resolve(undefined));
  }).then(() => {
    const FG = ['30', '31', '32', '33', '34', '35', '36', '37'];
    const BG = ['40', '41', '42', '43', '44', '45', '46', '47'];
    const lines = [];
    for (let row = 0; row < ROWS; row++) {
      const line = terminal.buffer.active.getLine(row);
      let out = '';
      let open = '';
      for (let column = 0; column < COLUMNS; column++) {
        const cell = line?.getCell(column);
        if (cell === undefined || cell.getWidth() === 0) continue;
        const fg = cell.isFgPalette() ? cell.getFgColor() % 8 : undefined;
        const codes = [];
        if (cell.isBold()) codes.push('1');
        if (cell.isInverse()) codes.push('30', fg === undefined ? '47' : BG[fg]);
        else if (cell.isDim()) codes.push('90');
        else if (fg !== undefined) codes.push(FG[fg]);
        // One code per sequence: the form ansi-to-svg reads; a run of cells alike shares them.
        const sequence = codes.map((code) => `\u001b[${code}m`).join('');
        if (sequence !== open) {
          out += `${open === '' ? '' : '\u001b[0m'}${sequence}`;
          open = sequence;
        }
        out += cell.getChars() || ' ';
      }
      if (open !== '') out += '\u001b[0m';
      lines.push(out);
    }
    return ansiToSvg(lines.join('\n'), { paddingTop: 8, paddingLeft: 8, paddingBottom: 8, paddingRight: 8, fontFamily: 'DejaVu Sans Mono, Menlo, Consolas, monospace', colors: { backgroundColor: '#1e1e1e', foregroundColor: '#d4d4d4', gray: '#8a8a8a', bgWhite: '#d4d4d4', black: '#1e1e1e' } });
  });
}

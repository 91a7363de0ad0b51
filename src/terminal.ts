import { procStat } from './proc-stat.js';
/**
 * Who reads the keys. Between the UI's frames (while its code loads, while
 * it lists after a detach) keys wait in the terminal; while tmux runs in the
 * foreground, tmux reads them.
 */

/**
 * Raw mode before the UI listens: a key typed now waits in the terminal,
 * unechoed, and the UI reads it as soon as it listens. In cooked mode it
 * would be echoed onto the screen and held back until Enter.
 */
export function holdKeys(): void {
  if (!process.stdin.isTTY) return;
  process.stdin.setRawMode(true);
  retakeOnContinue();
}

const redrawers = new Set<() => void>();
let retaking = false;

/**
 * Stopped from outside (SIGSTOP, a debugger, a shell's job control) and
 * continued: meanwhile whoever had the terminal may have set it back to
 * cooked mode (keys echoed, held until Enter) and drawn on it. So on
 * SIGCONT raw mode is set again when we had it — out and in again: Node
 * skips a mode it believes set — and what draws draws everything again
 * (redrawOnContinue).
 */
function retakeOnContinue(): void {
  if (retaking) return;
  retaking = true;
  process.on('SIGCONT', () => {
    if (process.stdin.isTTY && process.stdin.isRaw) {
      process.stdin.setRawMode(false);
      process.stdin.setRawMode(true);
    }
    for (const redraw of redrawers) redraw();
  });
}

/**
 * Ctrl-Z, which raw mode turns into a plain byte: the screen as the shell
 * had it (`leave`), the terminal cooked again — a shell that does not reset
 * it (dash) would read `fg` unechoed and wait for an Enter that never
 * comes — then our process group stopped, as the terminal's own Ctrl-Z
 * stops a job (npx and npm waiting for us included). The kernel stops us
 * before kill() returns; once continued (`fg`), raw mode and the whole
 * screen are back at once, so a second Ctrl-Z read with the first leaves a
 * screen that is drawn (SIGCONT's handler draws it again too). Called only
 * where a shell can take the terminal back (shellCanResume): elsewhere the
 * kernel ignores the stop, and this only draws the screen again.
 */
export function suspendToShell(leave: () => void): void {
  const raw = process.stdin.isTTY && process.stdin.isRaw;
  leave();
  if (raw) process.stdin.setRawMode(false);
  process.kill(0, 'SIGTSTP');
  if (raw) process.stdin.setRawMode(true);
  for (const redraw of redrawers) redraw();
}

/**
 * Reads the terminal's size again; true when it changed (stdout has then
 * emitted 'resize'). A terminal resized while we were stopped in the
 * background sent its SIGWINCH to the shell, and Node's size, which only
 * SIGWINCH updates, is the old one. `_refreshSize` is what Node's own
 * SIGWINCH handler calls (every Node since 0.x); without it, a SIGWINCH of
 * our own does the same a moment later.
 */
export function refreshTerminalSize(): boolean {
  const stdout = process.stdout as NodeJS.WriteStream & { _refreshSize?: () => void };
  const before = [stdout.columns, stdout.rows];
  if (stdout._refreshSize === undefined) {
    process.kill(process.pid, 'SIGWINCH');
    return false;
  }
  stdout._refreshSize();
  return stdout.columns !== before[0] || stdout.rows !== before[1];
}

/** Registers how to draw the whole screen again after a SIGCONT (retakeOnContinue); returns the function that unregisters it. */
export function redrawOnContinue(redraw: () => void): () => void {
  redrawers.add(redraw);
  return () => {
    redrawers.delete(redraw);
  };
}

let resumable: boolean | undefined;

/**
 * Whether a shell with job control waits to take the terminal back when we
 * stop (Ctrl-Z): a process of our line of parents in our process group has
 * its parent in another group of our session (the shell). Otherwise our
 * group is orphaned and the kernel ignores SIGTSTP: in a popup, as a pane's
 * own command, or exec'd from a login shell there is no shell to go back
 * to. Linux's /proc; elsewhere: no.
 */
export function shellCanResume(): boolean {
  resumable ??= findResumingShell();
  return resumable;
}

function findResumingShell(): boolean {
  const self = procStat('self');
  if (self === undefined) return false;
  let at = self;
  for (let steps = 0; steps < 16 && at.pgrp === self.pgrp; steps++) {
    const parent = at.ppid > 1 ? procStat(at.ppid) : undefined;
    if (parent === undefined || parent.session !== self.session) return false;
    if (parent.pgrp !== self.pgrp) return true;
    at = parent;
  }
  return false;
}

/**
 * Before tmux takes the terminal: no raw mode, and no pending read on our
 * stdin — a Node read left running would steal the user's keys (C-b d
 * included) from tmux. Ink resumes input when it renders again.
 */
export function releaseTerminalInput(): void {
  if (process.stdin.isTTY) process.stdin.setRawMode(false);
  process.stdin.pause();
}

/**
 * Bracketed paste: the terminal marks pasted text, so a paste is inserted
 * into a text field as text and never runs as keys (a pasted `dy` must not
 * delete a session).
 */
export const BRACKETED_PASTE_ON = '\u001b[?2004h';
export const BRACKETED_PASTE_OFF = '\u001b[?2004l';

/**
 * Mouse reporting, SGR form (`?1006`, coordinates past column 223 too):
 * clicks and the wheel come in as `ESC [ < b ; x ; y M` while the UI shows
 * (config `mouse`). Switched off on every way out (restoreScreen, the UI's
 * end, before tmux takes the terminal): left on, the shell or tmux would
 * receive the reports as typed text.
 */
export const MOUSE_ON = '\u001b[?1000h\u001b[?1006h';
export const MOUSE_OFF = '\u001b[?1006l\u001b[?1000l';

const drawers = new Set<() => void>();

/**
 * Registers how to stop what draws on the screen (the Ink UI's unmount),
 * for an exit on a signal; returns the function that unregisters it. Ink
 * also unmounts itself from the process's `exit` event, but by then the
 * alternate screen has been left, and its last frame would be written on
 * the main screen, with the shell's prompt glued to its footer.
 */
export function whileDrawing(stop: () => void): () => void {
  drawers.add(stop);
  return () => {
    drawers.delete(stop);
  };
}

/** Stops everything that draws, so that nothing is written after the terminal is restored. */
export function stopDrawing(): void {
  for (const stop of [...drawers]) {
    drawers.delete(stop);
    try {
      stop();
    } catch {
      // Exiting anyway: the terminal is restored next.
    }
  }
}

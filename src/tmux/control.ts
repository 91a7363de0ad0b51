import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import { classifyLine, controlTarget, Debounce, humanClients, LineSplitter, withoutOwnAttaches, type AttachMark } from './control-lines.js';
import { trackGroup, untrackGroup, workingDir } from './spawn.js';
import { serverArgs, type TmuxServer } from './server.js';
import type { Session } from './types.js';

/** A burst of notifications (one new session is five of them) rings once, this long after its first. */
export const CONTROL_DEBOUNCE_MS = 25;
/**
 * After a control client ended on its own, a list this much later may start
 * another; doubled after each attach that failed (up to a minute), so a
 * server that refuses it costs no process per poll.
 */
const RETRY_AFTER_MS = 1000;
const RETRY_AFTER_MAX_MS = 60_000;

export interface ControlClientOptions {
  server: TmuxServer;
  env: NodeJS.ProcessEnv;
  sessionId: string;
  /** How long the attach may take before the client is given up (`tmux_timeout_ms`). */
  handshakeMs: number;
  /** The attach was answered: tmux's time (seconds) of the attach. */
  onAttached: (at: number) => void;
  onChange: () => void;
  /** It ended on its own (its session killed, the server gone, the attach refused or too slow, tmux moved it); not called after stop(). `attached`: it had been attached. */
  onGone: (attached: boolean) => void;
}

/**
 * One control-mode client (`tmux -C attach-session`), attached to one
 * session, read only for its notifications. `-C`, never `-CC` (that needs
 * a terminal); `no-output` (no pane output sent to us), `ignore-size` (our
 * client never sizes a window), `read-only`. Its stdin is a pipe that is
 * never written: closing it is how the client is asked to leave. It runs in
 * a process group of its own, killed on every exit path of ours (the
 * runner's tracking).
 */
export class ControlClient {
  readonly sessionId: string;
  private readonly child: ChildProcessByStdio<Writable, Readable, null>;
  private readonly debounce: Debounce;
  private readonly handshake: NodeJS.Timeout;
  private attached = false;
  private ended = false;

  constructor(private readonly options: ControlClientOptions) {
    this.sessionId = options.sessionId;
    this.debounce = new Debounce(CONTROL_DEBOUNCE_MS, options.onChange);
    const argv = ['-u', ...serverArgs(options.server), '-C', 'attach-session', '-f', 'no-output,ignore-size,read-only', '-t', options.sessionId];
    this.child = spawn('tmux', argv, { stdio: ['pipe', 'pipe', 'ignore'], detached: true, env: options.env, cwd: workingDir() });
    const group = this.child.pid;
    if (group !== undefined) trackGroup(group);
    this.handshake = setTimeout(() => {
      this.end(true);
    }, options.handshakeMs);
    let attachTime = 0;
    const lines = new LineSplitter();
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk: string) => {
      for (const line of lines.push(chunk)) {
        const read = classifyLine(line);
        if (read.kind === 'blockBegin' && !this.attached) attachTime = read.time;
        else if (read.kind === 'blockEnd' && !this.attached) {
          if (read.error) this.end(true);
          else {
            this.attached = true;
            clearTimeout(this.handshake);
            options.onAttached(attachTime);
          }
        } else if (read.kind === 'change' && this.attached) this.debounce.ring();
        // Moved (a switch-client without -c elsewhere, or detach-on-destroy off when its session died): it may now sit where no person is.
        else if (read.kind === 'exit' || (read.kind === 'moved' && read.sessionId !== this.sessionId)) this.end(true);
      }
    });
    // A pipe closed under us (the client died) is the same as its exit.
    this.child.stdin.on('error', () => undefined);
    this.child.on('error', () => {
      this.end(true);
    });
    this.child.on('exit', () => {
      this.end(true);
    });
  }

  /** Leaves: stdin closed and the process group killed. */
  stop(): void {
    this.end(false);
  }

  private end(gone: boolean): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.handshake);
    this.debounce.cancel();
    this.child.stdin.end();
    const group = this.child.pid;
    if (group !== undefined) {
      try {
        process.kill(-group, 'SIGKILL');
      } catch {
        // Exited already.
      }
      untrackGroup(group);
    }
    this.child.stdout.destroy();
    if (gone) this.options.onGone(this.attached);
  }
}

export interface ControlSourceOptions {
  server: TmuxServer;
  env: NodeJS.ProcessEnv;
  /** The dashboard's own session (inside tmux): watched first. */
  preferredSessionId: string | undefined;
  handshakeMs: number;
  /** The clock that spaces restarts (tests may pass their own). */
  now?: () => number;
}

/**
 * tmux's notifications as an event source, polling's companion: while
 * someone listens, one control client is attached to a session a person's
 * client is attached to (never one that would turn attached because of us),
 * chosen again after each list; with none, nothing runs and the dashboard
 * polls. Listeners hear "something changed" (debounced), never what.
 */
export class ControlSource {
  private readonly listeners = new Set<() => void>();
  private client: ControlClient | undefined;
  private sessions: readonly Session[] = [];
  private marks: AttachMark[] = [];
  private lastAdjusted: { from: Session[]; marks: readonly AttachMark[]; to: Session[] } | undefined;
  private goneAt = -Infinity;
  private retryAfterMs = RETRY_AFTER_MS;

  constructor(private readonly options: ControlSourceOptions) {}

  /** Starts the client when the first listener comes; the last one leaving stops it. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    this.evaluate();
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0) this.stopClient();
    };
  }

  /** The session attached to now (tests, diagnostics). */
  get attachedTo(): string | undefined {
    return this.client?.sessionId;
  }

  /**
   * A list tmux printed (as the service returned it): where the client
   * should be. Returns the list with our attaches undone (the same array
   * when the list and our marks are the same as last time).
   */
  sawList(sessions: Session[]): Session[] {
    const adjusted = this.adjust(sessions);
    this.sessions = adjusted;
    this.evaluate();
    return adjusted;
  }

  /** Ends the client for good (the dashboard exits). */
  stop(): void {
    this.listeners.clear();
    this.stopClient();
  }

  private adjust(sessions: Session[]): Session[] {
    const last = this.lastAdjusted;
    if (last !== undefined && last.from === sessions && last.marks === this.marks) return last.to;
    const to = withoutOwnAttaches(sessions, this.marks);
    this.lastAdjusted = { from: sessions, marks: this.marks, to };
    return to;
  }

  private evaluate(): void {
    if (this.listeners.size === 0) return;
    const current = this.client;
    if (current !== undefined) {
      const session = this.sessions.find((candidate) => candidate.id === current.sessionId);
      // Still somewhere a person looks: stay (moving would bump another session's times).
      if (session !== undefined && humanClients(session).length > 0) return;
      this.stopClient();
    }
    if ((this.options.now ?? Date.now)() - this.goneAt < this.retryAfterMs) return;
    const target = controlTarget(this.sessions, this.options.preferredSessionId);
    const before = this.sessions.find((session) => session.id === target);
    if (target === undefined || before === undefined) return;
    const client: ControlClient = new ControlClient({
      server: this.options.server,
      env: this.options.env,
      sessionId: target,
      handshakeMs: this.options.handshakeMs,
      onAttached: (at) => {
        this.retryAfterMs = RETRY_AFTER_MS;
        const mark = { sessionId: before.id, created: before.created, at, activity: before.activity, lastAttached: before.lastAttached };
        this.marks = [...this.marks.filter((old) => old.sessionId !== mark.sessionId), mark];
      },
      onChange: () => {
        this.ring();
      },
      onGone: (attached) => {
        if (this.client === client) this.client = undefined;
        this.goneAt = (this.options.now ?? Date.now)();
        if (!attached) {
          this.retryAfterMs = Math.min(this.retryAfterMs * 2, RETRY_AFTER_MAX_MS);
          return;
        }
        // Its session may just have been killed: the list shows it now, and the next list chooses again.
        this.ring();
      },
    });
    this.client = client;
  }

  private stopClient(): void {
    const client = this.client;
    this.client = undefined;
    client?.stop();
  }

  private ring(): void {
    for (const listener of this.listeners) listener();
  }
}

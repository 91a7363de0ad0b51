import { hmacSha256Hex, randomBytes } from '../digest.js';
import { Server, Socket, createConnection, createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { readOrCreateKey } from './guard-key.js';
import { listeningInodes, ownersOf } from './proc-sockets.js';

/** A request over the guard channel and its answer (one JSON line each way). */
export interface GuardRequest {
  op: 'ping' | 'quit';
  /** Must match the holder's token (kept in the 0600 PID file) for `quit`. */
  token?: string;
  /**
   * For `quit`: the last moment (monotonic clock, ms) the requester still
   * waits for the answer. A request read later — the holder was stopped while
   * it waited in the socket — is refused, so a takeover that gave up never
   * takes effect afterwards.
   */
  deadline?: number;
  /** A fresh random string: the answer proves knowing the secret (see `proof`). */
  nonce?: string;
}
export interface GuardReply {
  ok: boolean;
  pid?: number;
  reason?: string;
  /** HMAC(secret, slot/nonce): only a holder with our secret, on that very name, can give it. */
  proof?: string;
}
export type GuardHandler = (request: GuardRequest) => GuardReply;

/** A process listening on one of the guard's names, as /proc shows it. */
export interface GuardListener {
  slot: number;
  /** null: no process we can see holds the socket (another user's, as non-root). */
  pid: number | null;
  uid: number | null;
  /** It runs as our own user: it can only be one of our dashboards. */
  ours: boolean;
}

/**
 * How many names the guard may move through when other users squat them.
 * Each squatted name had to be seen in use first (names come from a secret),
 * so a squatter blocks nothing until it has watched this many dashboards.
 */
const SLOTS = 16;

// How long a listener has to prove it is ours before /proc is searched instead.
const PROOF_WAIT_MS = 200;

/** The secret the guard's names are derived from, beside the lock file (0600, ours). */
const KEY_FILE = 'guard-key';

/** CLOCK_MONOTONIC in ms: on Linux one clock for every process of the machine. */
export function monotonicMs(): number {
  return Number(process.hrtime.bigint() / 1_000_000n);
}

/**
 * The kernel-released mutex under the lock (Linux): a listening abstract Unix
 * socket. Only one process can listen on a name; the kernel frees it the
 * instant the holder dies, however it dies, so no contender ever waits for a
 * stale timeout and no two contenders can both pass. Whoever holds it also
 * answers on it: `ping` (is anyone there) and `quit` (a clean takeover, no
 * signals).
 *
 * Abstract names have no owner or permissions: any local user could listen on
 * ours first and block every start. So the names are derived from a secret in
 * our 0700 state directory, and a listener only counts when it proves it
 * knows the secret, or /proc shows that a process of our own user holds the
 * socket (a stopped holder cannot answer). A name held by anyone else is
 * skipped: the guard moves to the next of SLOTS names. Contenders hold their
 * name *before* they look at every other name and give way when one of ours
 * holds any of them, so two contenders on different names never both win.
 */
export class Guard {
  private server: Server | undefined;
  private heldSlot: number | undefined;
  private handler: GuardHandler = () => ({ ok: false, pid: process.pid, reason: 'starting' });
  /** One abstract name per slot, `\0` first (public for tests, which squat them). */
  readonly names: string[];

  constructor(
    readonly prefix: string,
    private readonly key: Buffer = Buffer.alloc(0),
  ) {
    this.names = Array.from({ length: SLOTS }, (_, slot) => `${prefix}${slot.toString(16)}`);
  }

  static supported(): boolean {
    return process.platform === 'linux';
  }

  /**
   * One set of names per user and lock file: `\0tmux-dashboard/UID/HMAC`,
   * HMAC keyed by the secret in `guard-key` beside the lock file.
   * undefined: `create` is false and there is no key (no dashboard has held
   * a lock in that directory yet).
   */
  static forLockFile(lockFile: string, create = true): Guard | undefined {
    const uid = process.getuid?.() ?? 0;
    if (!Guard.supported()) return new Guard(`\0tmux-dashboard/${uid}/`);
    const key = readOrCreateKey(join(dirname(lockFile), KEY_FILE), create);
    if (key === undefined) return undefined;
    const hash = hmacSha256Hex(key, lockFile).slice(0, 32);
    return new Guard(`\0tmux-dashboard/${uid}/${hash}/`, key);
  }

  get held(): boolean {
    return this.server !== undefined;
  }

  /**
   * Every process listening on one of our names (but ours), and whether it
   * is one of ours: it proves it knows the secret, or — when it does not
   * answer at once (stopped, busy) — /proc shows a process of our user
   * holding the socket.
   */
  async listeners(pidHint?: number): Promise<GuardListener[]> {
    const entries = listeningInodes(this.names.map((name) => name.slice(1))).filter((entry) => entry.slot !== this.heldSlot);
    if (entries.length === 0) return [];
    const uid = process.getuid?.() ?? -1;
    const proven = await Promise.all(entries.map((entry) => this.prove(entry.slot)));
    const owners = ownersOf(new Set(entries.filter((_, index) => proven[index] === undefined).map((entry) => entry.inode)), pidHint);
    return entries.map((entry, index) => {
      const pid = proven[index];
      if (pid !== undefined) return { slot: entry.slot, pid, uid, ours: true };
      const owner = owners.get(entry.inode);
      return { slot: entry.slot, pid: owner?.pid ?? null, uid: owner?.uid ?? null, ours: owner !== undefined && owner.uid === uid };
    });
  }

  /** The listener that is one of ours (our live dashboard), if any. */
  async ownHolder(pidHint?: number): Promise<GuardListener | undefined> {
    return (await this.listeners(pidHint)).find((listener) => listener.ours);
  }

  /** The pid of the holder of `slot` if it proves it knows our secret within a moment. */
  private async prove(slot: number): Promise<number | undefined> {
    const nonce = randomBytes(16).toString('hex');
    const reply = await this.ask(slot, { op: 'ping', nonce }, PROOF_WAIT_MS);
    if (reply?.proof === undefined || reply.proof !== this.proof(slot, nonce)) return undefined;
    return typeof reply.pid === 'number' ? reply.pid : undefined;
  }

  private proof(slot: number, nonce: string): string {
    return hmacSha256Hex(this.key, `${slot}/${nonce}`);
  }

  /**
   * Tries to become the holder. `held: false` with no `squatted`: one of our
   * processes holds it. `squatted`: every name is held by someone else.
   */
  async tryHold(pidHint?: number): Promise<{ held: boolean; squatted?: GuardListener[] }> {
    if (!Guard.supported() || this.server !== undefined) return { held: true };
    // /proc is read only after a name was held, or refused: when no one
    // holds the first name (nearly always), the start reads it once.
    let seen: GuardListener[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const taken = new Set(seen.map((listener) => listener.slot));
      const slot = this.names.findIndex((_, index) => !taken.has(index));
      if (slot < 0) return { held: false, squatted: seen };
      if (!(await this.listen(slot))) {
        seen = await this.listeners(pidHint);
        if (seen.some((listener) => listener.ours)) return { held: false };
        continue;
      }
      // Held: now any other name held by one of ours means a contender that
      // chose another name at the same time, or a holder we just missed.
      if ((await this.listeners(pidHint)).some((listener) => listener.ours)) {
        this.release();
        return { held: false };
      }
      return { held: true };
    }
    return { held: false };
  }

  private listen(slot: number): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const server = createServer((socket) => {
        this.answer(socket);
      });
      server.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') resolve(false);
        else reject(error);
      });
      server.listen({ path: this.names[slot], exclusive: true }, () => {
        server.removeAllListeners('error');
        server.on('error', () => undefined);
        // The guard must not keep a finished process alive.
        server.unref();
        this.server = server;
        this.heldSlot = slot;
        resolve(true);
      });
    });
  }

  serve(handler: GuardHandler): void {
    this.handler = handler;
  }

  release(): void {
    this.server?.close();
    this.server = undefined;
    this.heldSlot = undefined;
  }

  private answer(socket: Socket): void {
    socket.setEncoding('utf8');
    socket.setTimeout(2000, () => socket.destroy());
    socket.on('error', () => undefined);
    let buffer = '';
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      const end = buffer.indexOf('\n');
      if (end < 0) {
        if (buffer.length > 4096) socket.destroy();
        return;
      }
      let reply: GuardReply;
      try {
        const request = JSON.parse(buffer.slice(0, end)) as GuardRequest;
        reply = this.handler(request);
        if (typeof request.nonce === 'string' && this.heldSlot !== undefined) reply = { ...reply, proof: this.proof(this.heldSlot, request.nonce) };
      } catch {
        reply = { ok: false, reason: 'bad request' };
      }
      socket.end(`${JSON.stringify(reply)}\n`);
    });
  }

  /**
   * Asks our holder something — only a listener /proc shows to be one of our
   * own processes, never a squatter. undefined: none of ours holds the guard.
   * `no answer`: it did not answer in time, which a stopped holder does.
   */
  async request(request: GuardRequest, timeoutMs = 1000, pidHint?: number): Promise<GuardReply | undefined> {
    if (!Guard.supported()) return undefined;
    const holder = await this.ownHolder(pidHint);
    if (holder === undefined) return undefined;
    return this.ask(holder.slot, request, timeoutMs);
  }

  private ask(slot: number, request: GuardRequest, timeoutMs: number): Promise<GuardReply | undefined> {
    return new Promise((resolve) => {
      const socket = createConnection({ path: this.names[slot] ?? '' });
      let buffer = '';
      const done = (reply: GuardReply | undefined) => {
        socket.destroy();
        clearTimeout(timer);
        resolve(reply);
      };
      const timer = setTimeout(() => {
        done({ ok: false, reason: 'no answer' });
      }, timeoutMs);
      socket.setEncoding('utf8');
      socket.on('connect', () => socket.write(`${JSON.stringify(request)}\n`));
      socket.on('data', (chunk: string) => {
        buffer += chunk;
        const end = buffer.indexOf('\n');
        if (end < 0) return;
        try {
          done(JSON.parse(buffer.slice(0, end)) as GuardReply);
        } catch {
          done({ ok: false, reason: 'bad answer' });
        }
      });
      socket.on('error', (error: NodeJS.ErrnoException) => {
        done(error.code === 'ECONNREFUSED' || error.code === 'ENOENT' ? undefined : { ok: false, reason: error.message });
      });
    });
  }
}

import { createHash } from 'node:crypto';
import net from 'node:net';

/** A request over the guard channel and its answer (one JSON line each way). */
export interface GuardRequest {
  op: 'ping' | 'quit';
  /** Must match the holder's token (kept in the 0600 PID file) for `quit`. */
  token?: string;
}
export interface GuardReply {
  ok: boolean;
  pid?: number;
  reason?: string;
}
export type GuardHandler = (request: GuardRequest) => GuardReply;

/**
 * The kernel-released mutex under the lock (Linux): a listening abstract Unix
 * socket. Only one process can listen on a name; the kernel frees it the
 * instant the holder dies, however it dies, so no contender ever waits for a
 * stale timeout and no two contenders can both pass (proper-lockfile #121).
 * Whoever holds it also answers on it: `ping` (is anyone there) and `quit`
 * (a clean takeover, no signals).
 */
export class Guard {
  private server: net.Server | undefined;
  private handler: GuardHandler = () => ({ ok: false, pid: process.pid, reason: 'starting' });

  constructor(readonly name: string) {}

  static supported(): boolean {
    return process.platform === 'linux';
  }

  /** One name per user and lock file: `\0tmux-dashboard/UID/HASH`. */
  static forLockFile(lockFile: string): Guard {
    const uid = process.getuid?.() ?? 0;
    const hash = createHash('sha256').update(lockFile).digest('hex').slice(0, 32);
    return new Guard(`\0tmux-dashboard/${uid}/${hash}`);
  }

  /** Tries to become the holder. false: someone alive holds it. */
  tryHold(): Promise<boolean> {
    if (!Guard.supported()) return Promise.resolve(true);
    if (this.server !== undefined) return Promise.resolve(true);
    return new Promise((resolve, reject) => {
      const server = net.createServer((socket) => {
        this.answer(socket);
      });
      server.once('error', (error: NodeJS.ErrnoException) => {
        if (error.code === 'EADDRINUSE') resolve(false);
        else reject(error);
      });
      server.listen({ path: this.name, exclusive: true }, () => {
        server.removeAllListeners('error');
        server.on('error', () => undefined);
        // The guard must not keep a finished process alive.
        server.unref();
        this.server = server;
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
  }

  private answer(socket: net.Socket): void {
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
        reply = this.handler(JSON.parse(buffer.slice(0, end)) as GuardRequest);
      } catch {
        reply = { ok: false, reason: 'bad request' };
      }
      socket.end(`${JSON.stringify(reply)}\n`);
    });
  }

  /**
   * Asks the holder something. undefined: nobody holds the guard (or it did
   * not answer in time, which a stopped holder does).
   */
  request(request: GuardRequest, timeoutMs = 1000): Promise<GuardReply | undefined> {
    if (!Guard.supported()) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const socket = net.createConnection({ path: this.name });
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

  /** true when a live process holds the guard (it accepted a connection). */
  async isHeldElsewhere(): Promise<boolean> {
    if (!Guard.supported()) return false;
    return (await this.request({ op: 'ping' }, 500)) !== undefined;
  }
}

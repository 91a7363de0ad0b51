import { randomBytes } from '../digest.js';
import { rmSync, rmdirSync } from 'node:fs';
import { hostname } from 'node:os';
import lockfile from 'proper-lockfile';
import { LockAcquisitionError, LockFileError } from './errors.js';
import { Guard, monotonicMs, type GuardListener } from './guard.js';
import { lockFs, prepareDirectory, refuseForeignSymlink, statOrUndefined } from './lock-files.js';
import { readPidFile, removeOwnPidFile, writePidFile, type PidRecord } from './pid-file.js';
import { hasProcFs, isPlausiblePid, ownTty, processCmdline, processExists, processStartTime } from './process-probe.js';

/**
 * proper-lockfile refreshes the lock's mtime every STALE_MS/2. On Linux the
 * guard decides liveness, so this only matters for a holder on another host
 * sharing the home directory (NFS) and for platforms without the guard.
 */
const STALE_MS = 10_000;

export interface InstanceLockOptions {
  lockFile: string;
  pidFile: string;
  version?: string;
  /** The tmux socket of the pane we run in ($TMUX), so a second start can focus us. */
  paneSocket?: string | undefined;
  pane?: string | undefined;
  /** Called when the lock was taken from under us (someone removed it). */
  onCompromised?: (error: Error) => void;
  /** Called when another start asks us to quit (`--takeover`). */
  onTakeoverRequest?: () => void;
  log?: (event: string, message: string) => void;
  /** proper-lockfile's stale time (min 2000); tests shorten it. */
  staleMs?: number;
}

export interface LockStatus {
  /** A lock is on disk or a holder answers. */
  locked: boolean;
  /** A live process holds it. */
  alive: boolean;
  /** Left behind by a holder that is gone. */
  stale: boolean;
  holder: PidRecord | null;
  /** Why the PID file could not be read, if it could not. */
  pidFileProblem: string | null;
  lockFile: string;
  pidFile: string;
  /**
   * Processes listening on a name of the guard that /proc cannot show to be
   * ours (another user's): never counted as a holder, never asked anything.
   */
  squatters: GuardListener[];
}

/** A sentence naming the holder, for "already running" messages. */
export function describeHolder(holder: PidRecord | null): string {
  if (holder === null) return 'pid unknown';
  const where = holder.pane ?? holder.tty ?? 'no tty';
  return `pid ${holder.pid}, ${holder.pane !== null ? 'pane' : 'tty'} ${where}`;
}

/** A sentence naming processes of other users on the guard's names. */
export function describeSquatters(squatters: GuardListener[]): string {
  const each = squatters.map((squatter) => (squatter.pid === null ? 'a process of another user' : `pid ${squatter.pid}, uid ${squatter.uid ?? '?'}`));
  return [...new Set(each)].join('; ');
}

// A quit request is only acted on this long after it was sent: well before
// the requester stops waiting for the answer, so it never happens unseen.
const QUIT_REQUEST_MS = 1000;
const QUIT_ACT_WITHIN_MS = 600;

/**
 * One dashboard per tmux server. The primary lock is proper-lockfile's lock
 * directory plus a PID file; on Linux every step that inspects, removes or
 * creates them happens while holding the Guard, which the holder keeps for
 * its whole life and the kernel frees on death. So: a dead holder is seen at
 * once (the guard is free), a live one is never stolen (SIGSTOP included), and
 * two contenders never both win. This code never sends a signal to anyone.
 */
export class InstanceLock {
  private guardInstance: Guard | undefined;
  private releaseLockDir: (() => void) | undefined;
  private token = '';
  private pending: Promise<boolean> | undefined;
  private readonly compromisedListeners = new Set<(error: Error) => void>();
  /** Set when the lock was taken from under us; the UI reports it and exits. */
  compromisedBy: Error | undefined;

  constructor(readonly options: InstanceLockOptions) {}

  /** The guard; creates the state directory and the guard's key if needed. */
  get guard(): Guard {
    if (this.guardInstance === undefined) {
      prepareDirectory(this.options.lockFile);
      this.guardInstance = Guard.forLockFile(this.options.lockFile);
    }
    if (this.guardInstance === undefined) throw new LockFileError(`cannot set up the lock's guard for ${this.options.lockFile}`);
    return this.guardInstance;
  }

  /** The guard if its key exists: reading the status must not create anything. */
  private existingGuard(): Guard | undefined {
    this.guardInstance ??= Guard.forLockFile(this.options.lockFile, false);
    return this.guardInstance;
  }

  /** The PID file's pid: where /proc is searched first for the guard's holder. */
  private pidHint(): number | undefined {
    const content = readPidFile(this.options.pidFile);
    return content.kind === 'record' ? content.record.pid : undefined;
  }

  get held(): boolean {
    return this.releaseLockDir !== undefined;
  }

  private get staleMs(): number {
    return this.options.staleMs ?? STALE_MS;
  }

  /** Takes the lock if nobody alive holds it. Concurrent calls share one attempt. */
  acquire(): Promise<boolean> {
    if (this.held) return Promise.resolve(true);
    this.pending ??= this.tryAcquire().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Subscribes to "the lock was lost"; returns the unsubscribe function. */
  onCompromised(listener: (error: Error) => void): () => void {
    this.compromisedListeners.add(listener);
    return () => {
      this.compromisedListeners.delete(listener);
    };
  }

  /** Tries until `timeoutMs` has passed, waiting for the holder to go. */
  async acquireWithin(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (await this.acquire()) return true;
      if (Date.now() >= deadline) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(50, Math.max(1, deadline - Date.now()))));
    }
  }

  private async tryAcquire(): Promise<boolean> {
    const { lockFile, pidFile } = this.options;
    prepareDirectory(lockFile);
    prepareDirectory(pidFile);
    refuseForeignSymlink(lockFile);
    refuseForeignSymlink(pidFile);

    const hold = await this.guard.tryHold(this.pidHint());
    if (hold.squatted !== undefined) {
      throw new LockAcquisitionError(
        `every name of the lock's guard is held by processes of other users (${describeSquatters(hold.squatted)}); they are not a dashboard of yours, but no dashboard can start safely while they hold them`,
      );
    }
    if (!hold.held) return false;
    try {
      if (!this.clearStaleUnderGuard()) {
        this.guard.release();
        return false;
      }
      const release = await this.lockDir();
      if (release === undefined) {
        this.guard.release();
        return false;
      }
      this.token = randomBytes(16).toString('hex');
      try {
        writePidFile(pidFile, this.ownRecord());
      } catch (error) {
        release();
        throw error;
      }
      this.releaseLockDir = release;
      this.guard.serve((request) => {
        if (request.op === 'ping') return { ok: true, pid: process.pid };
        if (request.token !== this.token) return { ok: false, pid: process.pid, reason: 'wrong token' };
        if (typeof request.deadline !== 'number' || monotonicMs() > request.deadline) return { ok: false, pid: process.pid, reason: 'the request came too late (was this dashboard stopped?)' };
        if (this.options.onTakeoverRequest === undefined) return { ok: false, pid: process.pid, reason: 'this holder does not accept takeover' };
        setImmediate(this.options.onTakeoverRequest);
        return { ok: true, pid: process.pid };
      });
      this.options.log?.('lock_acquired', `lock ${lockFile} taken by pid ${process.pid}`);
      return true;
    } catch (error) {
      this.guard.release();
      throw error;
    }
  }

  /**
   * With the guard held, any lock on disk was left by a dead holder — unless
   * its record names another host and the lock is fresh (a shared home).
   * Returns false when such a remote holder is alive.
   */
  private clearStaleUnderGuard(): boolean {
    const { lockFile, pidFile } = this.options;
    const content = readPidFile(pidFile);
    const lockStat = statOrUndefined(lockFile);
    if (lockStat === undefined) return true;
    const guardless = !Guard.supported();
    const record = content.kind === 'record' ? content.record : null;
    const remote = record !== null && record.host !== '' && record.host !== hostname();
    const fresh = Date.now() - lockStat.mtimeMs < this.staleMs;
    if ((remote || guardless) && fresh && (remote || (record !== null && holderAlive(record)))) return false;
    try {
      rmdirSync(lockFile);
    } catch (error) {
      // A plain file where the lock directory goes: not ours to remove, but the user should know what to do.
      if ((error as NodeJS.ErrnoException).code === 'ENOTDIR') throw new LockFileError(`${lockFile} is a file, where the lock's directory goes; no dashboard made it: remove it (or move it away) and start again`);
      throw new LockFileError(`cannot remove the stale lock ${lockFile}: ${(error as Error).message}`);
    }
    this.options.log?.('lock_stale_removed', `removed the stale lock of ${describeHolder(record)}`);
    return true;
  }

  private async lockDir(): Promise<(() => void) | undefined> {
    const { lockFile } = this.options;
    const { fs: lockingFs, settle } = lockFs();
    try {
      const release = await lockfile.lock(lockFile, {
        lockfilePath: lockFile,
        realpath: false,
        stale: this.staleMs,
        retries: 0,
        fs: lockingFs,
        onCompromised: (error) => {
          this.releaseLockDir = undefined;
          this.options.log?.('lock_compromised', error.message);
          this.compromisedBy = error;
          this.options.onCompromised?.(error);
          for (const listener of this.compromisedListeners) listener(error);
        },
      });
      return () => {
        release().catch(() => undefined);
      };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ELOCKED') return undefined;
      throw new LockFileError(`cannot create the lock ${lockFile}: ${(error as Error).message}`);
    } finally {
      settle();
    }
  }

  private ownRecord(): PidRecord {
    return {
      pid: process.pid,
      startTime: processStartTime(process.pid) ?? null,
      cmdline: processCmdline(process.pid) ?? null,
      host: hostname(),
      uid: process.getuid?.() ?? -1,
      tty: ownTty() ?? null,
      pane: this.options.pane ?? null,
      paneSocket: this.options.paneSocket ?? null,
      version: this.options.version ?? '',
      startedAt: new Date().toISOString(),
      token: this.token,
    };
  }

  /** Releases everything we hold. Safe to call twice, and from exit handlers (synchronous). */
  release(): void {
    if (this.releaseLockDir !== undefined) {
      try {
        lockfile.unlockSync(this.options.lockFile, { lockfilePath: this.options.lockFile, realpath: false });
      } catch {
        // Already gone (compromised or removed by hand): nothing left to free.
      }
      removeOwnPidFile(this.options.pidFile, process.pid);
      this.releaseLockDir = undefined;
      this.options.log?.('lock_released', `lock ${this.options.lockFile} released by pid ${process.pid}`);
    }
    this.guard.release();
  }

  /** What is on disk and whether its holder lives. Never changes anything. */
  async getStatus(): Promise<LockStatus> {
    const { lockFile, pidFile } = this.options;
    const content = readPidFile(pidFile);
    const holder = content.kind === 'record' ? content.record : null;
    const onDisk = statOrUndefined(lockFile) !== undefined;
    let alive: boolean;
    let squatters: GuardListener[] = [];
    const guard = Guard.supported() ? this.existingGuard() : undefined;
    if (this.held) alive = true;
    else if (Guard.supported()) {
      const listeners = (await guard?.listeners(holder?.pid)) ?? [];
      alive = listeners.some((listener) => listener.ours);
      squatters = listeners.filter((listener) => !listener.ours);
    } else alive = onDisk && holder !== null && holderAlive(holder);
    const locked = onDisk || alive;
    return {
      locked,
      alive,
      stale: locked && !alive,
      holder,
      pidFileProblem: content.kind === 'invalid' ? content.reason : null,
      lockFile,
      pidFile,
      squatters,
    };
  }

  async isLocked(): Promise<boolean> {
    return (await this.getStatus()).alive;
  }

  /**
   * Removes a lock and PID file left by a dead holder; never a live holder's.
   * Returns what was removed.
   */
  async cleanupStaleLocks(): Promise<{ removed: string[]; liveHolder: PidRecord | null; squatters: GuardListener[] }> {
    const { lockFile, pidFile } = this.options;
    const hold = this.held ? { held: false } : await this.guard.tryHold(this.pidHint());
    if (!hold.held) {
      const content = readPidFile(pidFile);
      return { removed: [], liveHolder: content.kind === 'record' ? content.record : null, squatters: hold.squatted ?? [] };
    }
    try {
      const removed: string[] = [];
      if (statOrUndefined(lockFile) !== undefined && this.clearStaleUnderGuard()) removed.push(lockFile);
      if (statOrUndefined(pidFile) !== undefined) {
        rmSync(pidFile, { force: true });
        removed.push(pidFile);
      }
      return { removed, liveHolder: null, squatters: [] };
    } finally {
      this.guard.release();
    }
  }

  /**
   * Asks a live holder to quit cleanly through the guard (the token from its
   * 0600 PID file proves we are its user), then takes the lock. Only a
   * holder /proc shows to be ours is asked. The request carries a deadline:
   * one that gets no answer in time (a stopped holder) is refused here and
   * by the holder too, when it reads it later.
   */
  async takeover(timeoutMs: number): Promise<boolean> {
    if (await this.acquire()) return true;
    const content = readPidFile(this.options.pidFile);
    const token = content.kind === 'record' ? content.record.token : null;
    const deadline = monotonicMs() + QUIT_ACT_WITHIN_MS;
    const reply = await this.guard.request({ op: 'quit', deadline, ...(token === null ? {} : { token }) }, QUIT_REQUEST_MS, content.kind === 'record' ? content.record.pid : undefined);
    if (reply?.reason === 'no answer') throw new LockAcquisitionError(`the running dashboard (pid ${content.kind === 'record' ? content.record.pid : 'unknown'}) did not answer the request to quit in time (is it stopped?); it stays open and will ignore the request`);
    if (reply !== undefined && !reply.ok) throw new LockAcquisitionError(`the running dashboard refused to quit: ${reply.reason ?? 'no reason given'}`);
    return this.acquireWithin(timeoutMs);
  }
}

/** Whether the process a record names is still that process (pid, start time, command line). */
export function holderAlive(record: PidRecord): boolean {
  if (!isPlausiblePid(record.pid) || record.pid === process.pid) return false;
  if (!processExists(record.pid)) return false;
  if (!hasProcFs()) return true;
  if (record.startTime !== null && processStartTime(record.pid) !== record.startTime) return false;
  if (record.cmdline !== null && processCmdline(record.pid) !== record.cmdline) return false;
  return true;
}

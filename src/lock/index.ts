import { VERSION } from '../version.js';
import { socketPathFromTmuxEnv, type TmuxServer } from '../tmux/server.js';
import { LockAcquisitionError } from './errors.js';
import { describeHolder, InstanceLock, type InstanceLockOptions } from './instance-lock.js';
import { lockPathsFor } from './paths.js';

export { InstanceLock, describeHolder, holderAlive, type LockStatus } from './instance-lock.js';
export { InstanceLockError, LockAcquisitionError, LockFileError } from './errors.js';
export { lockPathsFor } from './paths.js';

/** The lock of the dashboard for `server`, recording where this process runs. */
export function lockForServer(server: TmuxServer, env: NodeJS.ProcessEnv = process.env, extra: Partial<InstanceLockOptions> = {}): InstanceLock {
  return new InstanceLock({
    ...lockPathsFor(server, env),
    version: VERSION,
    pane: env.TMUX_PANE,
    paneSocket: socketPathFromTmuxEnv(env),
    ...extra,
  });
}

export interface SingleInstanceOptions extends InstanceLockOptions {
  /** How long to wait for a running holder to go; 0: do not wait. */
  timeoutMs?: number;
  /** Throw LockAcquisitionError when another instance holds the lock (else run nothing, return undefined). */
  exitOnConflict?: boolean;
  verbose?: boolean;
}

/**
 * Runs `body` holding the lock, and always releases it — the seed's scope API.
 * On conflict: throws LockAcquisitionError (exitOnConflict) or returns undefined.
 */
export async function ensureSingleInstance<T>(options: SingleInstanceOptions, body: () => Promise<T>): Promise<T | undefined> {
  const lock = new InstanceLock(options);
  const acquired = await lock.acquireWithin(options.timeoutMs ?? 0);
  if (!acquired) {
    const status = await lock.getStatus();
    const message = `another instance holds ${options.lockFile} (${describeHolder(status.holder)})`;
    if (options.verbose === true) options.log?.('lock_conflict', message);
    if (options.exitOnConflict === true) throw new LockAcquisitionError(message);
    return undefined;
  }
  try {
    return await body();
  } finally {
    lock.release();
  }
}

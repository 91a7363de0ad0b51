import { VERSION } from '../version.js';
import { socketPathFromTmuxEnv, type TmuxServer } from '../tmux/server.js';
import { InstanceLock, type InstanceLockOptions } from './instance-lock.js';
import { lockPathsFor } from './paths.js';

export { InstanceLock, describeHolder, describeSquatters, holderAlive, type LockStatus } from './instance-lock.js';
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

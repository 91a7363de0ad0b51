import { VERSION } from '../version.js';
import { socketPathFromTmuxEnv, type TmuxServer } from '../tmux/server.js';
import { InstanceLock, type InstanceLockOptions } from './instance-lock.js';
import { lockPathsFor } from './paths.js';

export { InstanceLock, describeHolder, describeSquatters, holderAlive, type LockStatus } from './instance-lock.js';
export { InstanceLockError, LockAcquisitionError, LockFileError } from './errors.js';
export { lockPathsFor } from './paths.js';

/** The lock of the dashboard for `server`, recording where this process runs. */
export function lockForServer(server: TmuxServer, env: NodeJS.ProcessEnv = process.env, extra: Partial<InstanceLockOptions> = {}): InstanceLock {
  const paneSocket = socketPathFromTmuxEnv(env);
  return new InstanceLock({
    ...lockPathsFor(server, env),
    version: VERSION,
    // $TMUX_PANE alone (inherited without $TMUX) names a pane of no server we know: not ours.
    pane: paneSocket === undefined ? undefined : env.TMUX_PANE,
    paneSocket,
    ...extra,
  });
}

/** Base of every lock failure; `message` is a sentence for the user. */
export class InstanceLockError extends Error {
  override name = 'InstanceLockError';
}

/** Another live dashboard holds the lock (or the lock could not be taken in time). */
export class LockAcquisitionError extends InstanceLockError {
  override name = 'LockAcquisitionError';
}

/** The lock or PID file cannot be created, read or trusted (permissions, symlinks, read-only). */
export class LockFileError extends InstanceLockError {
  override name = 'LockFileError';
}

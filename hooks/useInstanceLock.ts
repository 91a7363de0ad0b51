import { useEffect, useState } from 'react';
import type { InstanceLock } from '../src/lock/index.js';

/**
 * Watches the lock taken by the CLI before the first frame (a hook runs too
 * late to take it). Returns the reason once the lock was lost.
 */
export function useInstanceLock(lock: InstanceLock): string | undefined {
  const [lost, setLost] = useState<string | undefined>(lock.compromisedBy?.message);
  useEffect(
    () =>
      lock.onCompromised((error) => {
        setLost(error.message);
      }),
    [lock],
  );
  return lost;
}

// A real process contending for the lock, driven by the lock tests.
// argv: lockFile pidFile mode [args…]; prints one JSON line per event.
import { InstanceLock } from '../../src/lock/instance-lock.js';

const [lockFile = '', pidFile = '', mode = 'once', ...rest] = process.argv.slice(2);
const say = (event: Record<string, unknown>) => process.stdout.write(`${JSON.stringify({ pid: process.pid, ...event })}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const staleMs = Number(process.env.LOCK_STALE_MS ?? 2000);
if (process.env.LOCK_UMASK !== undefined) process.umask(Number(process.env.LOCK_UMASK));

function newLock(): InstanceLock {
  return new InstanceLock({
    lockFile,
    pidFile,
    staleMs,
    version: 'test',
    onCompromised: (error) => {
      say({ event: 'compromised', message: error.message });
    },
    onTakeoverRequest: () => {
      say({ event: 'takeover-requested' });
      lock.release();
      process.exit(0);
    },
  });
}
const lock = newLock();

async function run(): Promise<void> {
  switch (mode) {
    // Rounds on a shared wall clock: `rounds start period hold`.
    case 'rounds': {
      const [rounds = '1', start = '0', period = '200', hold = '120'] = rest;
      for (let round = 0; round < Number(rounds); round++) {
        const at = Number(start) + round * Number(period);
        await sleep(Math.max(0, at - Date.now()));
        const acquired = await lock.acquire();
        // Held from before `from` until after `until`: two such spans that overlap were two holders at once.
        const from = Date.now();
        if (acquired) await sleep(Math.max(0, at + Number(hold) - Date.now()));
        const until = Date.now();
        say({ event: 'round', round, acquired, from, until });
        if (acquired) lock.release();
      }
      break;
    }
    // Acquire within `timeoutMs` (at `start` if given), report, hold for `holdMs`, release.
    case 'once': {
      const [timeoutMs = '0', holdMs = '0', start = '0'] = rest;
      await sleep(Math.max(0, Number(start) - Date.now()));
      const began = Date.now();
      const acquired = await lock.acquireWithin(Number(timeoutMs));
      say({ event: 'result', acquired, ms: Date.now() - began });
      if (acquired) {
        await sleep(Number(holdMs));
        lock.release();
      }
      say({ event: 'done' });
      break;
    }
    // Acquire and hold until killed.
    case 'hold': {
      const acquired = await lock.acquire();
      say({ event: 'result', acquired });
      if (acquired) setInterval(() => undefined, 1 << 30);
      break;
    }
    case 'takeover': {
      const acquired = await lock.takeover(Number(rest[0] ?? 3000));
      say({ event: 'result', acquired });
      lock.release();
      break;
    }
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

run().catch((error: unknown) => {
  say({ event: 'error', name: (error as Error).name, message: (error as Error).message });
  process.exitCode = 1;
});

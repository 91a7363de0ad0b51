import { spawn } from 'node:child_process';

/**
 * `zoxide query -l`: the folders zoxide ranks, best first. zoxide can be
 * slow (a large database took 22 s for one user of another tool) or broken,
 * and the picker must never wait for it: past `timeoutMs` the answer is
 * "timed out" at once, and the process is killed without waiting for it.
 */
export type ZoxideAnswer =
  | { kind: 'folders'; folders: string[] }
  | { kind: 'missing' }
  | { kind: 'timedOut'; timeoutMs: number }
  | { kind: 'failed'; message: string };

/** Output past this is ignored (a database of that size is not a list to pick from). */
const MAX_OUTPUT = 4 * 1024 * 1024;
export const ZOXIDE_TIMEOUT_MS = 400;

export function queryZoxide(env: NodeJS.ProcessEnv, timeoutMs = ZOXIDE_TIMEOUT_MS): Promise<ZoxideAnswer> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: ZoxideAnswer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(answer);
    };
    let child: ReturnType<typeof spawn>;
    try {
      // Its own process group, so a zoxide that started children is ended with them.
      child = spawn('zoxide', ['query', '-l'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    } catch (error) {
      resolve({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
      return;
    }
    const kill = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      kill();
      finish({ kind: 'timedOut', timeoutMs });
    }, timeoutMs);
    // Not a reason for the process to stay alive (a CLI command that is done exits).
    child.unref();
    const out: Buffer[] = [];
    let size = 0;
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_OUTPUT) out.push(chunk);
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      if (err.length < 4096) err += chunk.toString('utf8');
    });
    child.on('error', (error: NodeJS.ErrnoException) => {
      // EACCES: a PATH folder that cannot be searched (another user's, in the list) with no zoxide elsewhere; it cannot run either way.
      finish(error.code === 'ENOENT' || error.code === 'EACCES' ? { kind: 'missing' } : { kind: 'failed', message: error.message });
    });
    child.on('close', (code, signal) => {
      if (code === 0) {
        const folders = Buffer.concat(out).toString('utf8').split('\n').filter((line) => line.startsWith('/'));
        finish({ kind: 'folders', folders });
      } else {
        const first = err.split('\n').find((line) => line.trim() !== '')?.trim();
        finish({ kind: 'failed', message: first ?? (signal === null ? `exit code ${String(code)}` : `killed by ${signal}`) });
      }
    });
  });
}

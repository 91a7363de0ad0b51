import { readFileSync, readdirSync, readlinkSync, statSync } from 'node:fs';

// Who listens on the guard's abstract socket names, read from /proc: the
// guard (src/lock/guard.ts) asks here when a listener does not prove at once
// that it is one of ours (stopped, busy), and to name another user squatting a name.

// Flags of a listening socket in /proc/net/unix (__SO_ACCEPTCON); an accepted
// connection shows the listener's name too, without this flag.
const ACCEPTCON = 0x10000;

/** The inodes of the sockets listening on `names` (abstract, as /proc prints them: `@` + name). */
export function listeningInodes(names: string[]): { slot: number; inode: string }[] {
  let table: string;
  try {
    table = readFileSync('/proc/net/unix', 'utf8');
  } catch {
    return [];
  }
  const wanted = new Map(names.map((name, slot) => [`@${name}`, slot]));
  const found: { slot: number; inode: string }[] = [];
  for (const line of table.split('\n')) {
    const fields = line.trim().split(/\s+/);
    if (fields[7] === undefined || fields[6] === undefined) continue;
    // NULs print as `@`. Some Node versions bind the whole 108-byte sun_path,
    // NUL-padded, others the name's own length: both count (our names end in
    // a hex digit), so dashboards on either kind of Node see each other.
    const slot = wanted.get(fields[7].replace(/@+$/, ''));
    if (slot === undefined || (Number.parseInt(fields[3] ?? '0', 16) & ACCEPTCON) === 0) continue;
    found.push({ slot, inode: fields[6] });
  }
  return found;
}

/**
 * Which processes hold these socket inodes: their /proc/PID/fd links read
 * `socket:[INODE]`. We can read the fds of our own processes (root: of all),
 * so one of ours is always found; another user's, as non-root, is not.
 * The PID file's holder is looked at first, then our own user's processes,
 * then the rest.
 */
export function ownersOf(inodes: Set<string>, pidHint?: number): Map<string, { pid: number; uid: number }> {
  const owners = new Map<string, { pid: number; uid: number }>();
  if (inodes.size === 0) return owners;
  const ownUid = process.getuid?.() ?? -1;
  const uidOf = (pid: number): number | undefined => {
    try {
      return statSync(`/proc/${pid}`).uid;
    } catch {
      return undefined;
    }
  };
  // The hint alone usually answers: look at it before listing every process.
  if (pidHint !== undefined) {
    const uid = uidOf(pidHint);
    if (uid !== undefined) scanFds(pidHint, uid, inodes, owners);
    if (owners.size === inodes.size) return owners;
  }
  let pids: number[];
  try {
    pids = readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .map(Number)
      .filter((pid) => pid !== pidHint);
  } catch {
    return owners;
  }
  const withUid = pids.map((pid) => ({ pid, uid: uidOf(pid) }));
  const order = [...withUid.filter((entry) => entry.uid === ownUid), ...withUid.filter((entry) => entry.uid !== ownUid)];
  for (const { pid, uid } of order) {
    if (uid === undefined) continue;
    scanFds(pid, uid, inodes, owners);
    if (owners.size === inodes.size) break;
  }
  return owners;
}

function scanFds(pid: number, uid: number, inodes: Set<string>, owners: Map<string, { pid: number; uid: number }>): void {
  let fds: string[];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return;
  }
  for (const fd of fds) {
    let target: string;
    try {
      target = readlinkSync(`/proc/${pid}/fd/${fd}`);
    } catch {
      continue;
    }
    const match = target.match(/^socket:\[(\d+)\]$/);
    if (match?.[1] !== undefined && inodes.has(match[1]) && !owners.has(match[1])) owners.set(match[1], { pid, uid });
  }
}

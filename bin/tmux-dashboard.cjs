#!/usr/bin/env node
'use strict';
// The launcher. Small, and CommonJS so that Node does not start its ES module
// loader before the first line here (~10 ms). It starts the dashboard's first
// tmux call (dist/early.cjs), then runs the bundle, dist/cli.cjs, compiled
// with V8's code cache: README, "Start-up, and what it costs".
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire } = require('node:module');

const argv = process.argv.slice(2);
const dist = path.join(__dirname, '..', 'dist');

let early;
try {
  early = require(path.join(dist, 'early.cjs')).startEarlyList(argv, process.env);
} catch {
  // No early call: the bundle makes it.
}

const bundle = path.join(dist, 'cli.cjs');
let source;
let identity;
try {
  const fd = fs.openSync(bundle, 'r');
  try {
    // What changes whenever the file does, a copy or an edit of the same
    // length included (V8 compares only the length): its code cache is sealed with it.
    const info = fs.fstatSync(fd, { bigint: true });
    identity = `${info.dev}:${info.ino}:${info.size}:${info.ctimeNs}`;
    // The build keeps it ASCII: as latin1 the string is a copy, not a decode.
    source = fs.readFileSync(fd, 'latin1');
  } finally {
    fs.closeSync(fd);
  }
} catch (error) {
  process.stderr.write(`tmux-dashboard: cannot load dist/cli.cjs (run 'npm run build'): ${error.message}\n`);
  process.exit(1);
}
const cache = openCodeCache(source, identity);
let script;
const loaded = { exports: {} };
try {
  // The bundle holds no import() (build.mjs): it needs no module loader.
  script = new vm.Script(source, { filename: bundle, cachedData: cache.data });
  // The bundle is one function expression (build.mjs): a CommonJS module's wrapper.
  script.runInThisContext()(loaded.exports, createRequire(bundle), loaded, bundle, dist);
} catch (error) {
  process.stderr.write(`tmux-dashboard: cannot load dist/cli.cjs (run 'npm run build'): ${error.message}\n`);
  process.exit(1);
}
loaded.exports.main(argv, { early, keepCompiledCode: (after) => cache.keep(script, after) });

/**
 * V8's compiled code for dist/cli.cjs from an earlier start, and `keep`,
 * which writes this start's once the bundle says its code has run.
 *
 * V8 runs the code it reads back (and aborts on a damaged one), so:
 * - the directory is our cache directory's tmux-dashboard/code, 0700, used
 *   only when it and every directory above are ours or root's and no one
 *   else can change them (privateCodeDir);
 * - a file is used only when it is a plain file of ours that no one else can
 *   write, opened without following a link, and when its seal matches: the
 *   bundle's identity (above), kept as it is, and a CRC-32 of it and the
 *   data. A damaged file, or one made for another copy of the bundle, never
 *   reaches V8. A CRC, not a SHA-256: no one else can write the file, so
 *   the seal guards against damage, not forgery, and loading node:crypto
 *   cost ~4 ms of every start. Without zlib.crc32 (Node before 20.15) the
 *   start goes on without the cache;
 * - its name carries the build (the bundle's first line, a hash of it), the
 *   Node version and the architecture (V8 checks its own version and flags).
 * A `dashboard` file, kept once the first frame is up, holds what a
 * dashboard start runs and is preferred to a `command` file, kept at the
 * end of any other command when there was none. NODE_DISABLE_COMPILE_CACHE=1
 * (Node's own switch for its compile cache) turns it off.
 */
function openCodeCache(code, bundleIdentity) {
  const off = { data: undefined, keep() {} };
  const build = code.match(/^\/\/ tmux-dashboard build ([0-9a-f]{64})\n/)?.[1];
  if (process.env.NODE_DISABLE_COMPILE_CACHE || build === undefined) return off;
  let dir;
  try {
    dir = privateCodeDir();
  } catch (error) {
    // No home folder, a read-only one: start without the cache, quietly; something in the way: say so.
    if (['ENOTDIR', 'EEXIST', 'ELOOP', 'ENOENT'].includes(error.code)) refuse(`cannot use the cache directory (${error.message})`);
  }
  if (dir === undefined) return off;
  const { crc32 } = require('node:zlib');
  if (typeof crc32 !== 'function') return off;
  // The seal: [CRC-32 of what follows it, 4 bytes][identity's length, 2 bytes][identity], then the data.
  const identity = Buffer.from(bundleIdentity);
  const seal = (data) => {
    const head = Buffer.alloc(6 + identity.length);
    head.writeUInt16BE(identity.length, 4);
    identity.copy(head, 6);
    head.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
    return head;
  };
  const unseal = (sealed) => {
    if (sealed.length <= 6 || sealed.readUInt16BE(4) !== identity.length) return undefined;
    const head = sealed.subarray(0, 6 + identity.length);
    const body = sealed.subarray(head.length);
    return body.length > 0 && head.equals(seal(body)) ? body : undefined;
  };
  const prefix = `${build.slice(0, 32)}-`;
  const file = (kind) => path.join(dir, `${prefix}${process.version}-${process.arch}-${kind}.bin`);
  let loadedKind;
  let data;
  for (const kind of ['dashboard', 'command']) {
    const sealed = readOwnFile(file(kind));
    if (sealed === undefined) continue;
    loadedKind = kind;
    data = unseal(sealed);
    break;
  }
  let kept = false;
  return {
    data,
    keep(compiled, after) {
      if (kept) return;
      kept = true;
      const usable = data !== undefined && !compiled.cachedDataRejected;
      if (usable && (loadedKind === 'dashboard' || after === 'command')) return;
      const target = file(after);
      const temp = `${target}.${process.pid}.tmp`;
      try {
        if (loadedKind !== undefined && !usable) fs.rmSync(file(loadedKind), { force: true });
        const body = compiled.createCachedData();
        fs.writeFileSync(temp, Buffer.concat([seal(body), body]), { mode: 0o600, flag: 'wx' });
        fs.renameSync(temp, target);
        sweep(dir, [file('dashboard'), file('command')]);
      } catch {
        // A full disk, a race with another start: the next start compiles again.
      } finally {
        fs.rmSync(temp, { force: true });
      }
    },
  };
}

/** A plain file of ours that no one else can write, read without following a link or waiting on a FIFO; else undefined (and it goes). */
function readOwnFile(file) {
  let fd;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW | fs.constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const info = fs.fstatSync(fd);
    if (info.isFile() && info.nlink === 1 && (info.mode & 0o022) === 0 && (process.getuid === undefined || info.uid === process.getuid())) return fs.readFileSync(fd);
    // In our own private directory: whatever it is, only this code writes there.
    fs.rmSync(file, { recursive: true, force: true });
    return undefined;
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Files of other builds and Node versions a week after they were written (a
 * global install and a checkout in use side by side each keep theirs),
 * writes a crash left behind, and the directory of Node's own compile cache
 * that earlier versions used.
 */
function sweep(dir, current) {
  const now = Date.now();
  for (const name of fs.readdirSync(dir)) {
    const at = path.join(dir, name);
    const age = now - fs.lstatSync(at).mtimeMs;
    if ((!current.includes(at) && age > 7 * 86_400_000) || (name.endsWith('.tmp') && age > 3_600_000)) fs.rmSync(at, { recursive: true, force: true });
  }
  fs.rmSync(path.join(dir, '..', 'compile-cache'), { recursive: true, force: true });
}

function refuse(why) {
  process.stderr.write(`tmux-dashboard: ${why}; starting without the code cache\n`);
  return undefined;
}

/**
 * $XDG_CACHE_HOME/tmux-dashboard/code (~/.cache/… when XDG_CACHE_HOME is
 * unset or relative) as its real path, or undefined when it is not safely
 * ours. The path is resolved here step by step, links included, and every
 * directory and link it goes through must be root's or ours, and no
 * directory writable by anyone else (by its group or the world, an ACL's
 * mask included), unless sticky as /tmp is: else another user could swap a
 * part of it after the checks. Missing directories are made one at a time,
 * 0700, and checked once made. Everything later uses the real path, so no
 * link is resolved again. A directory its group can write is fine when that
 * group is the user's alone (groupOfOnly).
 */
function privateCodeDir() {
  const home = os.homedir();
  const cacheHome = path.isAbsolute(process.env.XDG_CACHE_HOME ?? '') ? process.env.XDG_CACHE_HOME : path.isAbsolute(home) ? path.join(home, '.cache') : undefined;
  if (cacheHome === undefined || process.getuid === undefined) return undefined;
  return resolveSafely(path.join(cacheHome, 'tmux-dashboard', 'code'), process.getuid());
}

function resolveSafely(wanted, uid) {
  const ours = (info) => info.uid === 0 || info.uid === uid;
  const parts = wanted.split(path.sep).filter((part) => part !== '');
  let at = path.parse(wanted).root;
  let links = 0;
  for (;;) {
    const info = fs.lstatSync(at);
    if (!ours(info)) return refuse(`the cache directory ${wanted} goes through ${at}, which belongs to uid ${info.uid}`);
    const othersWrite = (info.mode & 0o002) !== 0 || ((info.mode & 0o020) !== 0 && !groupOfOnly(info.gid, uid));
    if (othersWrite && (info.mode & 0o1000) === 0) return refuse(`the cache directory ${wanted} goes through ${at}, which others can write`);
    const name = parts.shift();
    if (name === undefined) return at;
    if (name === '.') continue;
    if (name === '..') {
      at = path.dirname(at);
      continue;
    }
    const next = path.join(at, name);
    // tmux-dashboard and code themselves: real directories of ours, made
    // 0700 or tightened to it (what is in them is checked file by file).
    const own = parts.length <= 1;
    let step;
    try {
      step = fs.lstatSync(next);
    } catch (error) {
      if (error.code !== 'ENOENT') throw error;
      try {
        fs.mkdirSync(next, { mode: 0o700 });
      } catch (made) {
        if (made.code !== 'EEXIST') throw made;
      }
      step = fs.lstatSync(next);
    }
    if (step.isSymbolicLink()) {
      if (own) return refuse(`${next} is a link, not a directory`);
      if (!ours(step)) return refuse(`the cache directory ${wanted} goes through ${next}, a link of uid ${step.uid}`);
      if (++links > 40) return refuse(`the cache directory ${wanted} goes through too many links`);
      const target = fs.readlinkSync(next);
      parts.unshift(...target.split(path.sep).filter((part) => part !== ''));
      if (path.isAbsolute(target)) at = path.parse(target).root;
      continue;
    }
    if (!step.isDirectory()) return refuse(`${next} is not a directory (a file is in its place)`);
    if (own) {
      if (step.uid !== uid) return refuse(`the cache directory ${next} belongs to uid ${step.uid}, not to you`);
      if ((step.mode & 0o077) !== 0) fs.chmodSync(next, 0o700);
    }
    at = next;
  }
}

/**
 * Whether group `gid` is the user's own private group (a user-private-group
 * setup: Debian's and Fedora's default, where the umask is 002 and a home
 * may be 0775): the user is its only member, by /etc/passwd (primary
 * groups) and /etc/group (the others). Debian's OpenSSH accepts a
 * group-writable home by the same rule. A group these files do not
 * describe (LDAP, NIS) cannot be checked, and counts as shared. With an
 * ACL, the group bits are its mask, and a named user may be what can
 * write; but anyone who can write to a directory of the path can already
 * replace the user's shell start-up files there, so this adds no way in.
 * Read only when such a directory is met.
 */
function groupOfOnly(gid, uid) {
  let passwd;
  let group;
  try {
    passwd = fs.readFileSync('/etc/passwd', 'utf8').split('\n').map((line) => line.split(':'));
    group = fs.readFileSync('/etc/group', 'utf8').split('\n').map((line) => line.split(':'));
  } catch {
    return false;
  }
  // "+" and "-" lines bring in NIS entries, which these files do not hold.
  if ([...passwd, ...group].some((fields) => /^[+-]/.test(fields[0]))) return false;
  const entry = group.find((fields) => fields.length >= 4 && Number(fields[2]) === gid && fields[2] !== '');
  const user = passwd.find((fields) => fields.length >= 7 && Number(fields[2]) === uid && fields[2] !== '');
  if (entry === undefined || user === undefined) return false;
  const primaries = passwd.filter((fields) => fields.length >= 7 && fields[3] !== '' && Number(fields[3]) === gid);
  if (primaries.some((fields) => Number(fields[2]) !== uid)) return false;
  const members = entry[3].split(',').filter((name) => name !== '');
  if (members.some((name) => name !== user[0])) return false;
  // A group with no member at all is not the user's either (setgid programs use such groups).
  return primaries.length > 0 || members.length > 0;
}

import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readScanCache, writeScanCache } from '../../src/project/cache.js';
import { scanRoots } from '../../src/project/scan.js';
import { projectServices } from '../../src/project/services.js';
import { DEFAULT_CONFIG } from '../../src/config/schema.js';
import type { TmuxService } from '../../src/tmux/service.js';
import { tempDir } from '../helpers/tmux-server.js';

// The roots' scan on real folders, and its cache, as another local user
// could shape them: no tmux here.
let home: string;

beforeEach(() => {
  home = tempDir('tmux-dashboard-scan-');
});
afterEach(() => {
  rmSync(home, { recursive: true, force: true });
});

describe('scanning project roots', () => {
  it('gives the event loop turns while it walks thousands of folders (keys and frames are not held up)', async () => {
    const root = path.join(home, 'root');
    for (let i = 0; i < 40; i++) for (let j = 0; j < 100; j++) mkdirSync(path.join(root, `d${i}`, `e${j}`), { recursive: true });
    mkdirSync(path.join(root, 'd3', 'e7', '.git'));
    let turns = 0;
    let scanning = true;
    const tick = () => {
      turns++;
      if (scanning) setTimeout(tick, 0);
    };
    setTimeout(tick, 0);
    const result = await scanRoots([{ path: root, depth: 3 }], home);
    scanning = false;
    expect(result.projects.map((project) => project.path)).toEqual([path.join(root, 'd3', 'e7')]);
    // A walk that held the thread would let the timer run once or twice.
    expect(turns).toBeGreaterThan(20);
  });

  it('stops at its depth, skips node_modules and hidden folders, follows no symlink (a loop ends, a way out is not taken)', async () => {
    const root = path.join(home, 'src');
    const mark = (dir: string, file = 'package.json') => {
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, file), '');
    };
    mark(path.join(root, 'a'));
    mark(path.join(root, 'a', 'b', 'c'));
    mark(path.join(root, 'x', 'node_modules', 'dep'));
    mark(path.join(root, '.cache', 'thing'));
    const outside = path.join(home, 'outside');
    mark(path.join(outside, 'secret'));
    symlinkSync(outside, path.join(root, 'link-out'));
    symlinkSync(root, path.join(root, 'a', 'loop'));
    const shallow = await scanRoots([{ path: root, depth: 2 }], home);
    expect(shallow.projects.map((project) => path.relative(root, project.path))).toEqual(['a']);
    const deep = await scanRoots([{ path: root, depth: 8 }], home);
    expect(deep.projects.map((project) => path.relative(root, project.path)).sort()).toEqual(['a', 'a/b/c']);
    const missing = await scanRoots([{ path: '~/nope', depth: 2 }], home);
    expect(missing.problems).toEqual(['project root ~/nope: no such folder']);
    // A file named as a root, and a root the walk had to stop in: said, not passed over.
    writeFileSync(path.join(home, 'notes.txt'), 'x');
    expect((await scanRoots([{ path: '~/notes.txt', depth: 2 }], home)).problems).toEqual(['project root ~/notes.txt is not a folder']);
    const cut = await scanRoots([{ path: root, depth: 8 }], home, 3);
    expect(cut.problems).toEqual([`project root ${root}: stopped after 3 folders (lower its depth to see the rest)`]);
  });

  it('a worktree whose .git file does not point back at the repository (planted) is not taken', async () => {
    const repo = path.join(home, 'src', 'repo');
    const admin = path.join(repo, '.git', 'worktrees', 'evil');
    mkdirSync(admin, { recursive: true });
    const elsewhere = path.join(home, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(path.join(elsewhere, '.git'), 'gitdir: /somewhere/else\n');
    writeFileSync(path.join(admin, 'gitdir'), `${path.join(elsewhere, '.git')}\n`);
    const result = await scanRoots([{ path: path.join(home, 'src'), depth: 2 }], home);
    expect(result.projects.map((project) => project.path)).toEqual([repo]);
  });
});

describe('the scan cache', () => {
  const roots = [{ path: '~/src', depth: 2 }];
  const cache = { roots, scannedAt: 1, projects: [{ path: '/p', name: 'p', source: 'root' as const }] };

  it('round-trips for the same roots only; a planted symlink is neither read nor written through', () => {
    const file = path.join(home, 'cache', 'tmux-dashboard', 'projects.json');
    writeScanCache(file, cache);
    expect(readScanCache(file, roots)?.projects).toEqual(cache.projects);
    expect(readScanCache(file, [{ path: '~/other', depth: 2 }])).toBeUndefined();
    rmSync(file);
    const victim = path.join(home, 'victim');
    writeFileSync(victim, JSON.stringify(cache));
    symlinkSync(victim, file);
    expect(readScanCache(file, roots)).toBeUndefined();
    writeScanCache(file, { ...cache, projects: [] });
    expect(readFileSync(victim, 'utf8')).toBe(JSON.stringify(cache));
  });

  it('the picker reads the file once: the roots it asks for right after the cached scan use what that read, while it is fresh', async () => {
    const file = path.join(home, 'cache', 'tmux-dashboard', 'projects.json');
    mkdirSync(path.join(home, 'src', 'real', '.git'), { recursive: true });
    writeScanCache(file, { ...cache, scannedAt: Date.now() });
    const services = projectServices({ tmux: undefined as unknown as TmuxService, config: { ...DEFAULT_CONFIG, project_roots: roots }, env: {}, home, stateFile: path.join(home, 'state.json'), cacheFile: file, lockPath: path.join(home, 'open.lock') });
    expect((await services.find('rootsCache')).projects).toEqual(cache.projects);
    // Were the file read again, this would be read as no cache, and the roots scanned.
    writeFileSync(file, 'not json');
    expect((await services.find('roots')).projects).toEqual(cache.projects);
    // That read served once: the next ask reads the file (no cache now) and scans.
    expect((await services.find('roots')).projects.map((project) => project.path)).toEqual([path.join(home, 'src', 'real')]);
  });
});

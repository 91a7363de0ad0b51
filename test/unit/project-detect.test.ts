import { chmodSync, chownSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { absoluteFrom, findProjectDir, projectSessionName } from '../../src/project/detect.js';
import { tempDir } from '../helpers/tmux-server.js';

let root: string;
let home: string;

beforeEach(() => {
  root = tempDir();
  home = path.join(root, 'home');
  mkdirSync(home);
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

function dir(...parts: string[]): string {
  const full = path.join(home, ...parts);
  mkdirSync(full, { recursive: true });
  return full;
}

describe('findProjectDir', () => {
  it('finds the git work-tree root from a deep subfolder', () => {
    const repo = dir('src', 'repo');
    mkdirSync(path.join(repo, '.git'));
    expect(findProjectDir(dir('src', 'repo', 'a', 'b'), home)).toBe(repo);
  });

  it('never climbs into a folder another user could have put a marker in: one anyone may write (as /tmp), or another user’s', () => {
    // /tmp-like: sticky and world-writable, with a .git someone planted there.
    const shared = dir('shared');
    mkdirSync(path.join(shared, '.git'));
    chmodSync(shared, 0o1777);
    const work = dir('shared', 'me', 'work');
    expect(findProjectDir(work, home)).toBe(work);
    // The same folder, the user's own and closed: it is the project.
    chmodSync(shared, 0o755);
    expect(findProjectDir(work, home)).toBe(shared);
    if (process.getuid?.() === 0) {
      chownSync(shared, 65534, 65534);
      expect(findProjectDir(work, home)).toBe(work);
    }
  });

  it('prefers the git root over a nearer package.json (monorepo package)', () => {
    const repo = dir('mono');
    mkdirSync(path.join(repo, '.git'));
    const pkg = dir('mono', 'packages', 'web');
    writeFileSync(path.join(pkg, 'package.json'), '{}');
    expect(findProjectDir(path.join(pkg), home)).toBe(repo);
  });

  it('accepts a .git file (worktrees, submodules)', () => {
    const wt = dir('wt');
    writeFileSync(path.join(wt, '.git'), 'gitdir: /elsewhere\n');
    expect(findProjectDir(dir('wt', 'x'), home)).toBe(wt);
  });

  it.each(['package.json', 'pyproject.toml', 'Cargo.toml', 'go.mod'])('without git, the nearest folder with %s', (marker) => {
    const project = dir('p');
    writeFileSync(path.join(project, marker), '');
    expect(findProjectDir(dir('p', 'deep', 'er'), home)).toBe(project);
  });

  it('falls back to the path itself', () => {
    const plain = dir('plain', 'sub');
    expect(findProjectDir(plain, home)).toBe(plain);
  });

  it('does not climb to a home directory kept in git (dotfiles)', () => {
    mkdirSync(path.join(home, '.git'));
    const scratch = dir('scratch', 'x');
    expect(findProjectDir(scratch, home)).toBe(scratch);
    expect(findProjectDir(home, home)).toBe(home);
  });

  it('resolves relative paths', () => {
    const plain = dir('rel');
    expect(findProjectDir(path.relative(process.cwd(), plain), home)).toBe(plain);
  });
});

describe('projectSessionName', () => {
  it('is the folder name made safe for tmux', () => {
    expect(projectSessionName('/home/me/src/my.app')).toBe('my_app');
    expect(projectSessionName('/home/me/src/#(touch x)')).toBe('#(touch x)');
    expect(projectSessionName('/')).toBe('root');
  });
});

describe('absoluteFrom', () => {
  it('refuses a path Node could not decode (a folder name that is not UTF-8 arrives with U+FFFD): it would name another path', () => {
    const here = { dir: '/tmp', note: undefined };
    expect(absoluteFrom('/a/b/../c', '--dir', here)).toBe('/a/c');
    expect(() => absoluteFrom('/tmp/bad\uFFFD\uFFFD', '--dir', here)).toThrow(/--dir is not valid UTF-8: Node turns its odd bytes into U\+FFFD and cannot name that folder .*rename the folder/);
  });
});

import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/config/schema.js';
import { filterProjects, mergeProjects, sessionFolders, sessionForProject, sessionsByProject, withoutNestedSessionFolders } from '../../src/project/candidates.js';
import { templateFor, templateMatches } from '../../src/project/open.js';
import { completeFolder } from '../../src/project/services.js';
import type { Session } from '../../src/tmux/types.js';
import { tempDir } from '../helpers/tmux-server.js';

function session(name: string, id: number, folder: string, fields: Partial<Session> = {}): Session {
  return {
    id: `$${id}`,
    name,
    windows: 1,
    attached: 0,
    created: 0,
    activity: id,
    lastAttached: null,
    path: folder,
    autoName: null,
    panes: [{ id: `%${id}`, windowId: `@${id}`, windowIndex: 0, windowName: 'sh', windowActive: true, index: 0, active: true, command: 'bash', path: folder }],
    clients: [],
    ...fields,
  };
}

describe('project candidates', () => {
  it('merge one entry per folder, sources in a fixed order, rank where it first appeared, a worktree keeping its name', () => {
    const merged = mergeProjects([
      [{ path: '/r/a', name: 'a', source: 'recent' }],
      [{ path: '/r/b', name: 'b', source: 'session' }, { path: '/r/a', name: 'a', source: 'session' }],
      [{ path: '/r/wt', name: 'wt', source: 'root' }, { path: '/r/wt', name: 'repo/wt', source: 'worktree' }],
    ]);
    expect(merged).toEqual([
      { path: '/r/a', name: 'a', sources: ['recent', 'session'], rank: 0 },
      { path: '/r/b', name: 'b', sources: ['session'], rank: 1 },
      { path: '/r/wt', name: 'repo/wt', sources: ['worktree', 'root'], rank: 2 },
    ]);
  });

  it('a folder known only from a session, inside a project another source knows, is that project’s, not a project of its own', () => {
    const sessions = [session('lib', 1, '/src/api/lib'), session('tmp', 2, '/tmp/x')];
    const projects = withoutNestedSessionFolders(mergeProjects([sessionFolders(sessions), [{ path: '/src/api', name: 'api', source: 'root' }]]));
    expect(projects.map((project) => project.path)).toEqual(['/tmp/x', '/src/api']);
    expect(sessionsByProject(sessions, projects.map((project) => project.path)).get('/src/api')?.map((item) => item.name)).toEqual(['lib']);
  });

  it('fuzzy matching on the name and the path with ~, ties in rank order', () => {
    const projects = mergeProjects([['/home/me/src/api', '/home/me/work/apache', '/home/me/src/web'].map((dir) => ({ path: dir, name: path.basename(dir), source: 'root' as const }))]);
    expect(filterProjects(projects, 'ap', '/home/me').map((project) => project.name)).toEqual(['api', 'apache']);
    expect(filterProjects(projects, '~/src', '/home/me').map((project) => project.name)).toEqual(['api', 'web']);
    expect(filterProjects(projects, '', '/home/me').map((project) => project.name)).toEqual(['api', 'apache', 'web']);
  });

  it('a session is the deepest project’s that holds its start folder, else its active pane’s; its mark wins; never a sibling with a common prefix', () => {
    const sessions = [
      session('mono', 1, '/src/mono'),
      session('deep', 2, '/src/mono/sub/x'),
      session('moved', 3, '/tmp', { panes: [{ id: '%3', windowId: '@3', windowIndex: 0, windowName: 'sh', windowActive: true, index: 0, active: true, command: 'bash', path: '/src/mono/sub' }] }),
      session('marked', 4, '/elsewhere', { project: '/src/mono' }),
      session('prefix', 5, '/src/monolith'),
    ];
    const owned = sessionsByProject(sessions, ['/src/mono', '/src/mono/sub']);
    expect(owned.get('/src/mono')?.map((item) => item.name)).toEqual(['mono', 'marked']);
    expect(owned.get('/src/mono/sub')?.map((item) => item.name)).toEqual(['deep', 'moved']);
    // The one created for it first, then one started right there, then the most recent.
    expect(sessionForProject('/src/mono', sessions, ['/src/mono/sub'])?.name).toBe('marked');
    expect(sessionForProject('/src/mono/sub', sessions, [])?.name).toBe('moved');
    expect(sessionForProject('/src/mono', sessions.slice(0, 3), [])?.name).toBe('mono');
  });
});

describe('templates', () => {
  it('match ~, * (one folder name) and ** (any folders); the first that matches applies', () => {
    expect(templateMatches('~/src/*', '/home/me/src/api', '/home/me')).toBe(true);
    expect(templateMatches('~/src/*', '/home/me/src/api/sub', '/home/me')).toBe(false);
    expect(templateMatches('~/src/**', '/home/me/src/api/sub', '/home/me')).toBe(true);
    expect(templateMatches('/w/a.b', '/w/aXb', '/home/me')).toBe(false);
    const templates = [{ match: '~/src/api', windows: [] }, { match: '~/src/*', windows: [{ name: 'x' }] }];
    expect(templateFor(templates, '/home/me/src/web', '/home/me')).toBe(templates[1]);
    expect(templateFor(templates, '/home/me/other', '/home/me')).toBeUndefined();
  });

  it('config checks: roots need an absolute or ~ path and a depth 1–8 (default 3); templates need a match and text values', () => {
    expect(CHECKS.project_roots([{ path: '~/src' }, '/work', { path: '/x', depth: 8 }])).toEqual({ ok: true, value: [{ path: '~/src', depth: 3 }, { path: '/work', depth: 3 }, { path: '/x', depth: 8 }] });
    expect(CHECKS.project_roots('~/src').ok).toBe(false);
    // One bad entry drops that entry, not the others, and says which and why.
    for (const bad of [{ path: 'src' }, { path: '/x', depth: 0 }, { path: '/x', depth: 9 }, { depth: 2 }, '$HOME/src', { path: '/x', depth: '2' }]) {
      const checked = CHECKS.project_roots(['~/kept', bad]);
      expect(checked).toMatchObject({ ok: true, value: [{ path: '~/kept', depth: 3 }] });
      expect(checked.ok && checked.dropped).toEqual([expect.stringMatching(/^entry 2 \(.*\): (the path must be absolute|depth must be a whole number)/)]);
    }
    expect(CHECKS.templates([{ match: '~/src/*', windows: [{ name: 'a', command: 'make', dir: 'b' }], startup_command: 'ls' }]).ok).toBe(true);
    for (const bad of [[{ match: 'src/*' }], [{ match: '~/x', windows: [{ command: 3 }] }], [{ match: '~/x', startup_command: '' }], {}]) expect(CHECKS.templates(bad).ok).toBe(false);
  });
});

describe('Tab completion of a folder', () => {
  let home: string;
  beforeEach(() => {
    home = tempDir('tmux-dashboard-complete-');
    for (const dir of ['src/alpha', 'src/alpine', 'src/beta', 'src/.hidden']) mkdirSync(path.join(home, dir), { recursive: true });
    symlinkSync(path.join(home, 'src', 'beta'), path.join(home, 'src', 'link-to-beta'));
  });
  afterEach(() => {
    rmSync(home, { recursive: true, force: true });
  });

  it('completes one match with its /, several to their common start, keeps ~, hides dot folders unless the dot is typed', async () => {
    expect(await completeFolder('~/sr', '/', home)).toBe('~/src/');
    expect(await completeFolder('~/src/al', '/', home)).toBe('~/src/alp');
    expect(await completeFolder('~/src/b', '/', home)).toBe('~/src/beta/');
    expect(await completeFolder('~/src/li', '/', home)).toBe('~/src/link-to-beta/');
    expect(await completeFolder('~/src/.h', '/', home)).toBe('~/src/.hidden/');
    expect(await completeFolder('./src/be', home, home)).toBe('./src/beta/');
    expect(await completeFolder(`${home}/src/z`, '/', home)).toBe(`${home}/src/z`);
    expect(await completeFolder('~/nope/x', '/', home)).toBe('~/nope/x');
  });
});

import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';

// The UI tests must draw with the Ink and yoga the bundle is built from: the
// ones in node_modules, changed by patches/ when `npm ci` ran.
const require = createRequire(import.meta.url);
const inkBuild = path.dirname(require.resolve('ink'));

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the Ink and yoga these tests load', () => {
  it('share one set of output caches across frames', async () => {
    const { default: Output } = (await import(pathToFileURL(path.join(inkBuild, 'output.js')).href)) as { default: new (options: { width: number; height: number }) => { caches: unknown } };
    const first = new Output({ width: 10, height: 1 });
    const next = new Output({ width: 10, height: 1 });
    expect(next.caches).toBe(first.caches);
  });

  it('start yoga without fetch()', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const loadPath = createRequire(path.join(inkBuild, 'index.js')).resolve('yoga-layout/load');
    const { loadYoga } = (await import(pathToFileURL(loadPath).href)) as typeof import('yoga-layout/load');
    const yoga = await loadYoga();
    const node = yoga.Node.create();
    node.setWidth(7);
    node.calculateLayout(undefined, undefined);
    expect(node.getComputedWidth()).toBe(7);
    expect(fetch).not.toHaveBeenCalled();
  });
});

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/tmux-server.js';

// What build.mjs leaves out of the bundle or changes in it, read from the
// bundle users run. Each marker is first looked up in the code it stands
// for: a marker that a new version renamed would otherwise pass by being
// absent from everything.
const require = createRequire(path.join(REPO_ROOT, 'package.json'));
const inkBuild = path.dirname(require.resolve('ink'));
const fromInk = (name: string) => require.resolve(name, { paths: [inkBuild] });
const yogaLoader = path.join(path.dirname(fromInk('yoga-layout')), '..', 'binaries', 'yoga-wasm-base64-esm.js');

const read = (file: string) => readFileSync(file, 'utf8');
function marker(text: string, file: string): string {
  expect(read(file), `${file} no longer contains ${text}: pick another marker`).toContain(text);
  return text;
}

let all: string;

beforeAll(() => {
  const file = path.join(REPO_ROOT, 'dist', 'cli.cjs');
  if (!existsSync(file)) throw new Error('dist/cli.cjs is missing: `npm run build` first (`npm test` does)');
  all = read(file);
});

describe('the bundle in dist/', () => {
  it('has neither ws nor the code that connects React devtools', () => {
    const ws = path.dirname(fromInk('ws'));
    expect(all).not.toContain(marker('258EAFA5-E914-47DA-95CA-C5AB0DC85B11', path.join(ws, 'lib', 'constants.js')));
    expect(all).not.toContain(marker('Sec-WebSocket-Key', path.join(ws, 'lib', 'websocket.js')));
    expect(all).not.toContain(marker('connectToDevTools', path.join(inkBuild, 'devtools.js')));
    expect(all).not.toContain(marker('__REACT_DEVTOOLS_COMPONENT_FILTERS__', path.join(inkBuild, 'devtools-window-polyfill.js')));
  });

  it("has Ink's output caches shared across frames", () => {
    // Only the patch counts what the caches hold (to bound them).
    const patch = read(path.join(REPO_ROOT, 'patches', readdirSync(path.join(REPO_ROOT, 'patches')).find((name) => name.startsWith('ink+')) ?? 'ink'));
    expect(patch).toMatch(/^\+.*this\.blockWidths\.size/m);
    expect(all).toContain('.blockWidths.size');
  });

  it('loads yoga without fetch()', () => {
    expect(all).toContain(marker('Converting base64 string to bytes failed', yogaLoader));
    expect(all).not.toContain('fetch(');
    expect(all).not.toContain('typeof fetch');
  });

  it("gives proper-lockfile's signal-exit a stub for assert, so the first frame does not wait for Node's assert", () => {
    const lockfile = path.dirname(require.resolve('proper-lockfile/package.json'));
    const signalExit = require.resolve('signal-exit', { paths: [lockfile] });
    expect(read(signalExit)).toMatch(/require\('assert'\)/);
    expect(all).toContain(marker('a callback must be provided for exit handler', signalExit));
    // Ink's own signal-exit (v4) needs no assert; nothing in the bundle asks for it.
    expect(all).not.toMatch(/[\w$]\("(node:)?assert"\)/);
  });

  it('is one function expression, ASCII, named by a hash of it (what the launcher and its code cache rely on)', () => {
    const [first = '', ...rest] = all.split('\n');
    const id = /^\/\/ tmux-dashboard build ([0-9a-f]{64})$/.exec(first)?.[1];
    const body = rest.join('\n');
    expect(id).toBe(createHash('sha256').update(body).digest('hex'));
    expect(body.startsWith('(function (exports, require, module, __filename, __dirname) {')).toBe(true);
    expect(body.endsWith('\n})')).toBe(true);
    expect(/[\u0080-\uffff]/.test(all)).toBe(false);
    // No import() the launcher's vm.Script would need a module loader for: the only one is in the config worker's own program (a string).
    expect([...all.matchAll(/(?<![\w$.])import\(/g)].map((match) => all.slice(match.index, match.index + 22))).toEqual(['import(workerData.url)']);
  });

  it('loads yoga without a top-level await (a CommonJS bundle cannot hold one: the build fails on it), and the UI awaits it before it renders', () => {
    const yogaIndex = path.join(path.dirname(fromInk('yoga-layout')), 'index.js');
    expect(read(yogaIndex)).toContain('export const yogaReady = loadYoga().then(');
    expect(read(path.join(REPO_ROOT, 'components', 'run.tsx'))).toContain('await yogaReady;');
  });

  it('has is-in-ci and TypeScript stubbed out', () => {
    expect(all).not.toContain(marker('CONTINUOUS_INTEGRATION', fromInk('is-in-ci')));
    expect(all).not.toContain(marker('createProgram', require.resolve('typescript')));
    expect(all).toContain('TypeScript config files are not supported');
  });
});

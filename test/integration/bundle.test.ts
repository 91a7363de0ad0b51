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

let files: Map<string, string>;
let all: string;

beforeAll(() => {
  const dist = path.join(REPO_ROOT, 'dist');
  if (!existsSync(path.join(dist, 'cli.js'))) throw new Error('dist/cli.js is missing: `npm run build` first (`npm test` does)');
  const names = ['cli.js', ...readdirSync(path.join(dist, 'chunks')).map((chunk) => `chunks/${chunk}`)];
  files = new Map(names.map((name) => [name, read(path.join(dist, name))]));
  all = [...files.values()].join('\n');
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
    const yoga = [...files].filter(([, text]) => text.includes(marker('Converting base64 string to bytes failed', yogaLoader)));
    expect(yoga.map(([name]) => name)).toHaveLength(1);
    expect(yoga[0]?.[1]).not.toContain('fetch(');
    expect(all).not.toContain('typeof fetch');
  });

  it("gives proper-lockfile's signal-exit a stub for assert, so the first frame does not wait for Node's assert", () => {
    const lockfile = path.dirname(require.resolve('proper-lockfile/package.json'));
    const signalExit = require.resolve('signal-exit', { paths: [lockfile] });
    expect(read(signalExit)).toMatch(/require\('assert'\)/);
    const withSignalExit = [...files].filter(([, text]) => text.includes(marker('a callback must be provided for exit handler', signalExit)));
    expect(withSignalExit.length).toBeGreaterThan(0);
    for (const [name, text] of withSignalExit.filter(([file]) => !file.startsWith('chunks/run-'))) expect(text, name).not.toMatch(/[\w$]\("(node:)?assert"\)/);
  });

  it('has is-in-ci and TypeScript stubbed out', () => {
    expect(all).not.toContain(marker('CONTINUOUS_INTEGRATION', fromInk('is-in-ci')));
    expect(all).not.toContain(marker('createProgram', require.resolve('typescript')));
    expect(all).toContain('TypeScript config files are not supported');
  });
});

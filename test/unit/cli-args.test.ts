import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAllArgs, parseCliArgs, UsageError } from '../../src/cli/args.js';
import { plainDashboardArgs } from '../../src/cli/dashboard-args.js';

describe('parseCliArgs', () => {
  it('reads global server flags anywhere', () => {
    expect(parseCliArgs(['-L', 'work', 'list', '--json'])).toMatchObject({ command: 'list', socketName: 'work', json: true });
    expect(parseCliArgs(['list', '-S', '/tmp/s'])).toMatchObject({ command: 'list', socketPath: '/tmp/s' });
  });

  it('takes names after -- even when they start with -', () => {
    expect(parseCliArgs(['kill', '--', '-dash']).positionals).toEqual(['-dash']);
    expect(parseCliArgs(['rename', '--', '-a', '-b']).positionals).toEqual(['-a', '-b']);
  });

  it('no command means the dashboard', () => {
    expect(parseCliArgs([]).command).toBeUndefined();
    expect(parseCliArgs(['--client', '/dev/pts/3']).client).toBe('/dev/pts/3');
  });

  it.each([
    [['frobnicate'], /unknown command/],
    [['kill'], /usage: tmux-dashboard kill NAME/],
    [['kill', 'a', 'b'], /usage/],
    [['rename', 'a'], /usage/],
    [['list', 'extra'], /usage/],
    [['list', '--dir', 'x'], /list does not take --dir/],
    [['kill', '-dash'], /does not take -d.*put -- before a NAME/],
    [['kill', '--force'], /unknown option --force \(usage: tmux-dashboard kill NAME/],
    [['--bogus'], /unknown option --bogus/],
    [['--wait', '-1'], /--wait takes a number of seconds \(0 to 86400\), not "-1"/],
    [['--wait'], /--wait needs a number of seconds/],
    [['-S'], /-S needs a socket path/],
    [['-S', '--json', 'list'], /-S needs a socket path, not the option --json/],
    [['list', '--json=yes'], /--json takes no value/],
    [['-L', 'a', '-S', 'b', 'list'], /cannot be used together/],
    [['--json'], /dashboard does not take --json/],
    [['-L', ''], /^-L needs a value, not an empty one$/],
    [['-S', '', 'list'], /^-S needs a value, not an empty one$/],
    [['new', 'x', '--dir', ''], /^--dir needs a value/],
    [['--wait='], /^--wait needs a value/],
    [['agent-state', 'idle', '--pane='], /^--pane needs a value/],
    [[`x${'y'.repeat(100_000)}`], /^unknown command: "xy{59}…" \(commands: /],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });

  it('every usage error is one line', () => {
    for (const argv of [['--bogus'], ['--wait', '-1'], ['-S'], ['kill'], ['frobnicate']]) {
      expect(() => parseCliArgs(argv)).toThrow(/^[^\n]+$/);
    }
  });

  it('--help is accepted with any command', () => {
    expect(parseCliArgs(['kill', '--help']).help).toBe(true);
  });
});

describe('a plain dashboard command line (none, -L NAME, -S PATH)', () => {
  const word = fc.oneof(fc.constantFrom('-L', '-S', '--socket-name', '--socket-path', '--socket-name=x', '-Lx', '--json', '--help', '-h', '--', '-', '-5', '', 'list', 'x'), fc.string({ maxLength: 6 }));

  it('reads as util.parseArgs reads it, for any command line it takes; the others go to util.parseArgs', () => {
    let plain = 0;
    fc.assert(
      fc.property(fc.array(word, { maxLength: 3 }), (argv) => {
        const quick = plainDashboardArgs(argv);
        if (quick === undefined) return;
        plain += 1;
        expect(parseCliArgs(argv)).toEqual(parseAllArgs(argv));
        expect(parseCliArgs(argv)).toMatchObject(quick);
      }),
      { numRuns: 2000 },
    );
    // The property must have been about something.
    expect(plain).toBeGreaterThan(100);
    expect(plainDashboardArgs([])).toEqual({ socketName: undefined, socketPath: undefined });
    expect(plainDashboardArgs(['-L', 'work'])).toEqual({ socketName: 'work', socketPath: undefined });
    expect(plainDashboardArgs(['-S', '/tmp/s'])).toEqual({ socketName: undefined, socketPath: '/tmp/s' });
    for (const other of [['-L'], ['-L', '--json'], ['-L', ''], ['-L', 'a', 'b'], ['--help'], ['list'], ['-Lx'], ['--client', 'c']]) expect(plainDashboardArgs(other)).toBeUndefined();
  });
});

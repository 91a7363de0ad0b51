import { describe, expect, it } from 'vitest';
import { parseCliArgs, UsageError } from '../../src/cli/args.js';

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

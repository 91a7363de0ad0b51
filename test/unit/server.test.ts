import { describe, expect, it } from 'vitest';
import { resolveServer, socketPathFromTmuxEnv } from '../../src/tmux/server.js';

describe('the server a command talks to', () => {
  it('-L, then -S, then the server of $TMUX, then the default', () => {
    expect(resolveServer({ socketName: 'work', socketPath: undefined }, { TMUX: '/tmp/tmux-0/x,1,0' })).toEqual({ kind: 'socket-name', name: 'work' });
    expect(resolveServer({ socketName: undefined, socketPath: '/s' }, { TMUX: '/tmp/tmux-0/x,1,0' })).toEqual({ kind: 'socket-path', path: '/s' });
    expect(resolveServer({ socketName: undefined, socketPath: undefined }, { TMUX: '/tmp/tmux-0/x,1,0' })).toEqual({ kind: 'socket-path', path: '/tmp/tmux-0/x' });
    expect(resolveServer({ socketName: undefined, socketPath: undefined }, {})).toEqual({ kind: 'default' });
  });

  it('a $TMUX that tmux did not write (a relative path, garbage) is no server: it would name a file wherever a command runs', () => {
    for (const garbage of ['garbage', 'sock,1,0', ',1,0', '']) expect(socketPathFromTmuxEnv({ TMUX: garbage })).toBeUndefined();
    expect(resolveServer({ socketName: undefined, socketPath: undefined }, { TMUX: 'garbage' })).toEqual({ kind: 'default' });
  });
});

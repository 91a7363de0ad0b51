import { TestServer, waitFor } from './tmux-server.js';

/**
 * A real terminal for end-to-end tests: a pane of an "outer" private tmux
 * server. Keys go in with send-keys, the screen comes out with capture-pane —
 * what a user would type and see, popups and nested clients included.
 */
export class Terminal {
  readonly outer = new TestServer();

  /** Starts the outer server with one pane running `command` (argv), $TMUX removed. */
  async open(command: string[], options: { width?: number; height?: number; cwd?: string } = {}): Promise<void> {
    await this.outer.tmux(
      'new-session', '-d', '-s', 'term',
      '-x', String(options.width ?? 100), '-y', String(options.height ?? 30),
      '-c', options.cwd ?? this.outer.home,
      'env', '-u', 'TMUX', '-u', 'TMUX_PANE', ...command,
    );
    // Keep the pane after its command exits so its last screen can be read.
    await this.outer.tmux('set-option', '-t', '=term:', 'remain-on-exit', 'on');
  }

  async send(...keys: string[]): Promise<void> {
    await this.outer.tmux('send-keys', '-t', '=term:', ...keys);
  }

  /** Types text literally (no key-name lookup). */
  async type(text: string): Promise<void> {
    await this.outer.tmux('send-keys', '-t', '=term:', '-l', text);
  }

  async screen(): Promise<string> {
    return this.outer.tmux('capture-pane', '-p', '-t', '=term:');
  }

  async waitForScreen(pattern: RegExp, what: string, timeoutMs = 10_000): Promise<string> {
    let last = '';
    try {
      return await waitFor(async () => {
        last = await this.screen();
        return pattern.test(last) ? last : undefined;
      }, what, timeoutMs);
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- screen ---\n${last}`);
    }
  }

  async close(): Promise<void> {
    await this.outer.kill();
  }
}

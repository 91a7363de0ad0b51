import { TestServer, waitFor } from './tmux-server.js';

/**
 * Real terminals for end-to-end tests: windows of an "outer" private tmux
 * server. Keys go in with send-keys, the screen comes out with capture-pane —
 * what a user would type and see, popups and nested clients included.
 */
export class Terminal {
  readonly outer = new TestServer();
  private started = false;

  /**
   * Opens a terminal window running `command` (argv, $TMUX removed so it
   * starts "outside tmux"). The pane stays after the command exits so its
   * last screen can be read. Returns the window id. `width` and `height`
   * size the first window only: later ones take the session's size.
   */
  async open(command: string[], options: { width?: number; height?: number; cwd?: string; env?: Record<string, string> } = {}): Promise<string> {
    const envArgs = Object.entries(options.env ?? {}).map(([key, value]) => `${key}=${value}`);
    const argv = ['env', '-u', 'TMUX', '-u', 'TMUX_PANE', ...envArgs, ...command];
    const common = ['-P', '-F', '#{window_id}', '-c', options.cwd ?? this.outer.home];
    let id: string;
    if (!this.started) {
      id = (await this.outer.tmux('new-session', '-d', '-s', 'term', '-x', String(options.width ?? 100), '-y', String(options.height ?? 30), ...common, ...argv)).trim();
      await this.outer.tmux('set-option', '-g', 'remain-on-exit', 'on');
      this.started = true;
    } else {
      id = (await this.outer.tmux('new-window', '-d', '-t', '=term:', ...common, ...argv)).trim();
    }
    return id;
  }

  async sendTo(window: string, ...keys: string[]): Promise<void> {
    await this.outer.tmux('send-keys', '-t', window, ...keys);
  }

  /** Types text literally (no key-name lookup). */
  async type(text: string, window: string): Promise<void> {
    await this.outer.tmux('send-keys', '-t', window, '-l', '--', text);
  }

  async screen(window: string): Promise<string> {
    return this.outer.tmux('capture-pane', '-p', '-t', window);
  }

  async waitForScreen(pattern: RegExp, what: string, window: string, timeoutMs = 15_000): Promise<string> {
    let last = '';
    try {
      return await waitFor(async () => {
        last = await this.screen(window);
        return pattern.test(last) ? last : undefined;
      }, what, timeoutMs);
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- screen ---\n${last}`);
    }
  }

  /**
   * Waits for the window's command to end. Asks tmux for #{pane_dead} rather
   * than reading "Pane is dead" off the screen: before tmux 3.5 a SIGCHLD can
   * be lost (libutempter's handler), and then the pane is closed but that
   * line is never written (measured here under load with tmux 3.3a).
   */
  async waitForExit(what: string, window: string, timeoutMs = 15_000): Promise<void> {
    try {
      await waitFor(async () => ((await this.outer.tmux('display-message', '-p', '-t', window, '#{pane_dead}')).trim() === '1' ? true : undefined), what, timeoutMs);
    } catch (error) {
      throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- screen ---\n${await this.screen(window)}`);
    }
  }

  async close(): Promise<void> {
    await this.outer.kill();
  }
}

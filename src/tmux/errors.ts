/**
 * Every way a tmux call can fail, as types the CLI and the UI can tell apart.
 * `message` is always a sentence fit for the user.
 */
export class TmuxError extends Error {
  override name = 'TmuxError';
}

export class TmuxNotInstalledError extends TmuxError {
  override name = 'TmuxNotInstalledError';
  constructor() {
    super('tmux is not installed or not on PATH (install it, e.g. `apt-get install tmux`)');
  }
}

/** The server is not running. Listing treats this as "no sessions". */
export class NoServerError extends TmuxError {
  override name = 'NoServerError';
}

/**
 * Something accepted the connection and closed it without a word: a server
 * that was exiting at that moment, or a socket that is not a tmux server's.
 */
export class ServerClosedError extends NoServerError {
  override name = 'ServerClosedError';
}

export class SessionNotFoundError extends TmuxError {
  override name = 'SessionNotFoundError';
  constructor(readonly sessionName: string) {
    super(`session not found: ${sessionName} (names match exactly; see \`tmux-dashboard list\`)`);
  }
}

export class NameTakenError extends TmuxError {
  override name = 'NameTakenError';
  constructor(readonly sessionName: string) {
    super(`a session named ${sessionName} already exists`);
  }
}

/** A name or directory refused before it reached tmux. */
export class InvalidInputError extends TmuxError {
  override name = 'InvalidInputError';
}

/** The session changed (renamed, killed, server restarted) between lookup and action. */
export class SessionChangedError extends TmuxError {
  override name = 'SessionChangedError';
  /** `short`: what happened, to follow the session's name in a list (`was renamed to x`). */
  constructor(
    message: string,
    readonly short?: string,
  ) {
    super(message);
  }
}

/**
 * A tmux call passed its deadline: the server is stopped (SIGSTOP), wedged, or
 * the socket belongs to something that accepts and never answers. The client
 * and everything it started have been ended by then.
 */
export class TmuxTimeoutError extends TmuxError {
  override name = 'TmuxTimeoutError';
}

/** The server's socket path cannot be used: it is some other file, or its folder is missing. */
export class ServerPathError extends TmuxError {
  override name = 'ServerPathError';
}

/** The installed tmux is older than the product needs, or prints its usage text for what we send. */
export class TmuxVersionError extends TmuxError {
  override name = 'TmuxVersionError';
}

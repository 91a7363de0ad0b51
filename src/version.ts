// Replaced by the bundler with package.json's version; running from source
// (tests) there is no bundle, hence the fallback.
declare const __TMUX_DASHBOARD_VERSION__: string | undefined;

export const VERSION: string = typeof __TMUX_DASHBOARD_VERSION__ === 'string' ? __TMUX_DASHBOARD_VERSION__ : '0.0.0-dev';

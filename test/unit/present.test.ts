import { describe, expect, it } from 'vitest';
import { formatAge, printable, shortenHome } from '../../src/sessions/present.js';

describe('formatAge', () => {
  const now = 1_700_000_000_000;
  const ago = (seconds: number) => now / 1000 - seconds;
  it.each([
    [0, '0s'],
    [59, '59s'],
    [60, '1m'],
    [5 * 60 + 30, '5m'],
    [2 * 3600, '2h'],
    [3 * 86400, '3d'],
    [20 * 86400, '2w'],
    [800 * 86400, '2y'],
  ])('%i seconds ago is %s', (seconds, text) => {
    expect(formatAge(ago(seconds), now)).toBe(text);
  });
  it('clamps clocks that disagree to 0s', () => {
    expect(formatAge(ago(-30), now)).toBe('0s');
  });
});

describe('shortenHome', () => {
  it('replaces the home prefix only at a path boundary', () => {
    expect(shortenHome('/home/me/src', '/home/me')).toBe('~/src');
    expect(shortenHome('/home/me', '/home/me')).toBe('~');
    expect(shortenHome('/home/meadow', '/home/me')).toBe('/home/meadow');
    expect(shortenHome('/x', '/')).toBe('/x');
  });
});

describe('printable', () => {
  it('escapes control characters, keeps unicode', () => {
    expect(printable('a\u001b[31mb')).toBe('a\\x1b[31mb');
    expect(printable('ünï 🚀')).toBe('ünï 🚀');
  });
  it('shows direction overrides and marks instead of obeying them', () => {
    expect(printable('\u202eevil')).toBe('\\u{202e}evil');
    expect(printable('a\u2066b\u200fc')).toBe('a\\u{2066}b\\u{200f}c');
  });
});

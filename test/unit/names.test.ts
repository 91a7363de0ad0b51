import { describe, expect, it } from 'vitest';
import { InvalidInputError } from '../../src/tmux/errors.js';
import { deriveSessionName, escapeFormat, uniqueName, validateSessionName } from '../../src/tmux/names.js';

describe('validateSessionName', () => {
  it('replaces . and : as tmux 3.3 would, on every tmux version', () => {
    expect(validateSessionName('a.b:c')).toBe('a_b_c');
  });
  it('keeps everything else, including # (escaped later, not removed)', () => {
    for (const name of ['#(touch x)', 'x#{host}y', 'with space', '-dash', 'ünïcödé', `'q"uote`, 'x'.repeat(1000)]) {
      expect(validateSessionName(name)).toBe(name);
    }
  });
  it('rejects empty, blank and control characters with a clear message', () => {
    expect(() => validateSessionName('')).toThrow(/cannot be empty/);
    expect(() => validateSessionName('   ')).toThrow(InvalidInputError);
    expect(() => validateSessionName('a\tb')).toThrow(/control characters/);
    expect(() => validateSessionName('a\u001b[31mb')).toThrow(/control characters/);
    expect(() => validateSessionName('a\u007fb')).toThrow(/control characters/);
  });
});

describe('validateSessionName and text that is not UTF-8', () => {
  it('refuses U+FFFD, what bytes that are not UTF-8 arrive as, and keeps backslashes as typed', () => {
    expect(() => validateSessionName('bad\uFFFDname')).toThrow(/must be valid UTF-8 text/);
    expect(validateSessionName('a\\b$x')).toBe('a\\b$x');
  });
  it('a derived name (a folder that is not UTF-8) gets _ instead', () => {
    expect(deriveSessionName('bad\uFFFDdir')).toBe('bad_dir');
  });
});

describe('deriveSessionName', () => {
  it('never fails: control characters become _, blank falls back', () => {
    expect(deriveSessionName('my.app')).toBe('my_app');
    expect(deriveSessionName('we\nird')).toBe('we_ird');
    expect(deriveSessionName('')).toBe('session');
    expect(deriveSessionName(' ', 'root')).toBe('root');
  });
});

describe('escapeFormat', () => {
  it('doubles every #', () => {
    expect(escapeFormat('#(touch x)')).toBe('##(touch x)');
    expect(escapeFormat('a##{b}')).toBe('a####{b}');
    expect(escapeFormat('plain')).toBe('plain');
  });
});

describe('uniqueName', () => {
  it('counts up from -2', () => {
    expect(uniqueName('proj', new Set())).toBe('proj');
    expect(uniqueName('proj', new Set(['proj']))).toBe('proj-2');
    expect(uniqueName('proj', new Set(['proj', 'proj-2', 'proj-3']))).toBe('proj-4');
    expect(uniqueName('proj', new Set(['proj-2']))).toBe('proj');
  });
});

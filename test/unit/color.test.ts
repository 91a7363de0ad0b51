import { describe, expect, it } from 'vitest';
import { applyColorChoice, colorChoice } from '../../src/config/color.js';

describe('colorChoice', () => {
  it.each([
    [{}, 'auto', undefined],
    [{ NO_COLOR: '1' }, 'auto', false],
    [{ NO_COLOR: '' }, 'auto', undefined],
    [{ TERM: 'dumb' }, 'always', false],
    [{ NO_COLOR: '1', FORCE_COLOR: '1' }, 'never', true],
    [{ FORCE_COLOR: '0' }, 'always', false],
    [{}, 'never', false],
    [{}, 'always', true],
  ] as const)('%j with color=%s → %s', (env, color, expected) => {
    expect(colorChoice(color, env)).toBe(expected);
  });

  it('sets FORCE_COLOR for chalk, and leaves auto alone', () => {
    const env: NodeJS.ProcessEnv = {};
    applyColorChoice(undefined, env);
    expect(env.FORCE_COLOR).toBeUndefined();
    applyColorChoice(false, env);
    expect(env.FORCE_COLOR).toBe('0');
  });
});

import { describe, expect, it } from 'vitest';
import { CHECKS, checkEnvValue, DEFAULT_CONFIG, ENV_OVERRIDES } from '../../src/config/schema.js';

describe('config values', () => {
  it.each([
    ['1', true], ['true', true], ['YES', true], ['on', true],
    ['0', false], ['false', false], ['no', false], ['Off', false],
  ])('boolean variable %s is %s', (text, value) => {
    expect(checkEnvValue('auto_create', text)).toEqual({ ok: true, value });
  });

  it('control_mode is a boolean, from the file and from TMUX_DASHBOARD_CONTROL_MODE', () => {
    expect(ENV_OVERRIDES.TMUX_DASHBOARD_CONTROL_MODE).toBe('control_mode');
    expect(DEFAULT_CONFIG.control_mode).toBe(true);
    expect(checkEnvValue('control_mode', 'off')).toEqual({ ok: true, value: false });
    expect(checkEnvValue('control_mode', 'sometimes')).toEqual({ ok: false, allowed: '1/0, true/false, yes/no or on/off' });
    expect(CHECKS.control_mode(false)).toEqual({ ok: true, value: false });
    expect(CHECKS.control_mode('false')).toEqual({ ok: false, allowed: 'true or false' });
  });

  it('refuses other boolean words, saying what is allowed', () => {
    expect(checkEnvValue('dry_run', 'maybe')).toEqual({ ok: false, allowed: '1/0, true/false, yes/no or on/off' });
  });

  it('numbers from variables are whole and in range', () => {
    expect(checkEnvValue('preview_lines', '30')).toEqual({ ok: true, value: 30 });
    expect(checkEnvValue('preview_lines', '3.5').ok).toBe(false);
    expect(checkEnvValue('preview_lines', '-1').ok).toBe(false);
    expect(checkEnvValue('preview_lines', 'ten').ok).toBe(false);
  });

  it('enumerations accept only their values', () => {
    expect(CHECKS.sort_mode('ai_first')).toEqual({ ok: true, value: 'ai_first' });
    expect(CHECKS.sort_mode('random')).toEqual({ ok: false, allowed: 'one of activity, name, ai_first, windows_count' });
    expect(CHECKS.color('never').ok).toBe(true);
  });

  it('file values keep their JSON types: "true" is not a boolean', () => {
    expect(CHECKS.auto_create('true').ok).toBe(false);
    expect(CHECKS.refresh_interval_ms(100).ok).toBe(false);
    expect(CHECKS.ai_commands(['claude', 'x']).ok).toBe(true);
    expect(CHECKS.ai_commands('claude').ok).toBe(false);
  });

  it('mouse: a boolean in the file, a boolean word in TMUX_DASHBOARD_MOUSE; on by default', () => {
    expect(DEFAULT_CONFIG.mouse).toBe(true);
    expect(ENV_OVERRIDES.TMUX_DASHBOARD_MOUSE).toBe('mouse');
    expect(CHECKS.mouse(false)).toEqual({ ok: true, value: false });
    expect(CHECKS.mouse('off')).toEqual({ ok: false, allowed: 'true or false' });
    expect(checkEnvValue('mouse', 'off')).toEqual({ ok: true, value: false });
    expect(checkEnvValue('mouse', 'sometimes').ok).toBe(false);
  });
});

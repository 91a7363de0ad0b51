/**
 * Session names in the order of `Intl.Collator(default locale, { numeric:
 * true, sensitivity: 'base' })` — `s2` before `s10`, case ignored — ties
 * broken by code units, so the order is total and stable.
 *
 * Creating a collator loads ICU's collation data: 10–20 ms, on the way to the
 * first frame whenever two sessions were active in the same second (a script
 * or tmux-resurrect creates them all at once). Printable ASCII names in the
 * languages whose collation does not change ASCII's order are compared here
 * instead, with the same result (test/unit/collate.test.ts checks it against
 * ICU for every language listed, exhaustively for short names and by
 * generated ones); any other name, or another language, uses the collator.
 * Each name's key (nameKey) is made beforehand: a sort makes each key once,
 * not once per comparison.
 */
export function compareKeyed(a: string, aKey: string | undefined, b: string, bKey: string | undefined): number {
  const primary = aKey !== undefined && bKey !== undefined ? (aKey < bKey ? -1 : aKey > bKey ? 1 : 0) : (collator ??= new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' })).compare(a, b);
  return primary || (a < b ? -1 : a > b ? 1 : 0);
}

/** rootKey where the default language keeps root's ASCII order; undefined where the collator must decide. */
export function nameKey(name: string): string | undefined {
  return asciiOrderHolds() ? rootKey(name) : undefined;
}

/**
 * A string whose code-unit order is the root collation's base-level order
 * of printable ASCII names (equal keys: equal at that level), or undefined
 * for any other text: each character becomes its group's weight, a number
 * its weight, its length and its digits without leading zeros.
 */
export function rootKey(name: string): string | undefined {
  if (!PRINTABLE_ASCII.test(name)) return undefined;
  let key = '';
  for (let i = 0; i < name.length; ) {
    const weight = WEIGHT[name.charCodeAt(i)] ?? 0;
    key += String.fromCharCode(KEY_BASE + weight);
    if (weight !== DIGIT) {
      i++;
      continue;
    }
    const end = digitsEnd(name, i);
    while (i < end - 1 && name.charCodeAt(i) === ZERO) i++;
    if (end - i > LONGEST_NUMBER) return undefined;
    key += String.fromCharCode(KEY_BASE + end - i) + name.slice(i, end);
    i = end;
  }
  return key;
}

// Above the digits a key holds, so that a weight never reads as a digit.
const KEY_BASE = 0x40;

let collator: Intl.Collator | undefined;

// Unicode's root collation (CLDR) orders printable ASCII in these groups,
// each group's characters equal at the base level; with `numeric`, a run of
// digits weighs as one digit group entry compared by its value.
const ROOT_ORDER = [' ', '_', '-', ',', ';', ':', '!', '?', '.', "'", '"', '(', ')', '[', ']', '{', '}', '@', '*', '/', '\\', '&', '#', '%', '`', '^', '+', '<', '=', '>', '|', '~', '$', '0123456789', ...Array.from('ABCDEFGHIJKLMNOPQRSTUVWXYZ').map((letter) => letter + letter.toLowerCase())];
const WEIGHT = new Uint8Array(128);
ROOT_ORDER.forEach((group, index) => {
  for (const character of group) WEIGHT[character.charCodeAt(0)] = index + 1;
});
const DIGIT = WEIGHT['0'.charCodeAt(0)] ?? 0;
const ZERO = '0'.charCodeAt(0);
const PRINTABLE_ASCII = /^[\u0020-\u007e]*$/;
// ICU compares longer digit runs in parts; names like that go to the collator.
const LONGEST_NUMBER = 200;

function digitsEnd(text: string, from: number): number {
  let end = from;
  while (end < text.length && WEIGHT[text.charCodeAt(end)] === DIGIT) end++;
  return end;
}

/**
 * Languages whose collation keeps root's order of printable ASCII (others
 * tailor it: Czech sorts `ch` after `h`, Danish `aa` last, Turkish has a
 * dotless i, Lithuanian puts `y` with `i`, …). The unit test proves each.
 */
export const ASCII_AS_ROOT = new Set(['ar', 'ca', 'de', 'el', 'en', 'es', 'fa', 'fi', 'fr', 'ga', 'gl', 'he', 'hi', 'id', 'is', 'it', 'ja', 'ko', 'mt', 'nl', 'pl', 'pt', 'ro', 'ru', 'sl', 'sr', 'sv', 'uk', 'vi', 'zh']);

let asciiAsRoot: boolean | undefined;

/**
 * Whether the default locale collates ASCII as root does. Its language comes
 * from PluralRules, which resolves the same default locale without loading
 * the collation data (well under a millisecond), but drops a collation
 * asked for in the environment ICU reads — a POSIX modifier
 * (`de_DE@collation=phonebook`) or a BCP 47 extension (`LANG=es-ES-u-co-trad`:
 * `ch` after `cz`): with either, the collator decides.
 */
function asciiOrderHolds(): boolean {
  asciiAsRoot ??= asciiOrderHoldsIn(process.env, new Intl.PluralRules().resolvedOptions().locale);
  return asciiAsRoot;
}

/** asciiOrderHolds for an environment and the default locale resolved in it. */
export function asciiOrderHoldsIn(env: NodeJS.ProcessEnv, defaultLocale: string): boolean {
  const modified = ['LC_ALL', 'LC_COLLATE', 'LC_MESSAGES', 'LANG'].some((name) => /@|-u-/i.test(env[name] ?? ''));
  return !modified && ASCII_AS_ROOT.has(defaultLocale.split('-')[0] ?? '');
}

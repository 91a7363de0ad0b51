import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ASCII_AS_ROOT, asciiOrderHoldsIn, compareKeyed, nameKey, rootKey } from '../../src/sessions/collate.js';

const options = { numeric: true, sensitivity: 'base' } as const;
const printable = Array.from({ length: 0x7f - 0x20 }, (_, index) => String.fromCharCode(0x20 + index));
// Every name of one and two printable characters, and three-letter names
// over letters that tailorings care about (ch, aa, ij, ll, sz, dz, y…).
const shortNames = [...printable, ...printable.flatMap((first) => printable.map((second) => first + second))];
const tailored = Array.from('acdeghijlnorstuyzACHILSYZ019-_');
const threeLetterNames = tailored.flatMap((first) => tailored.flatMap((second) => tailored.map((third) => first + second + third)));

// The sign of the order of two names' root keys (NaN when either has none).
function rootCompare(a: string, b: string): number {
  const [aKey, bKey] = [rootKey(a), rootKey(b)];
  if (aKey === undefined || bKey === undefined) return NaN;
  return aKey < bKey ? -1 : aKey > bKey ? 1 : 0;
}

const name = fc.string({ unit: fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...Array.from('abcsxyzABCSZ')) }, { weight: 3, arbitrary: fc.constantFrom(...Array.from('0123456789')) }, { weight: 1, arbitrary: fc.constantFrom(...printable) }), maxLength: 12 });

describe('rootKey: the order Intl.Collator gives, without loading it', () => {
  for (const language of ['und', ...ASCII_AS_ROOT]) {
    it(`${language}: the same sign as ICU for every short name and for generated ones`, () => {
      const collator = new Intl.Collator(language, options);
      const sorted = [...shortNames, ...threeLetterNames].sort((a, b) => collator.compare(a, b) || (a < b ? -1 : 1));
      const wrong = [];
      for (let index = 0; index + 1 < sorted.length; index++) {
        const [a, b] = [sorted[index] ?? '', sorted[index + 1] ?? ''];
        if (rootCompare(a, b) !== Math.sign(collator.compare(a, b))) wrong.push([a, b]);
      }
      expect(wrong.slice(0, 5)).toEqual([]);
      fc.assert(
        fc.property(name, name, (a, b) => rootCompare(a, b) === Math.sign(collator.compare(a, b))),
        { numRuns: 2000, seed: 20261127 },
      );
    });
  }

  it('is not used for languages that reorder ASCII (the list would be wrong for them)', () => {
    for (const [language, a, b] of [['cs', 'hz', 'ch'], ['da', 'zz', 'aa'], ['tr', 'I', 'i'], ['lt', 'y', 'j']] as const) {
      expect(ASCII_AS_ROOT.has(language)).toBe(false);
      expect(Math.sign(new Intl.Collator(language, options).compare(a, b))).not.toBe(rootCompare(a, b));
    }
  });

  it('is not used when the environment asks ICU for another collation (a modifier or a -u- extension)', () => {
    expect(asciiOrderHoldsIn({ LANG: 'en_US.UTF-8' }, 'en-US')).toBe(true);
    expect(asciiOrderHoldsIn({ LANG: 'es-ES-u-co-trad' }, 'es-ES')).toBe(false);
    expect(asciiOrderHoldsIn({ LC_ALL: 'de_DE.UTF-8@collation=phonebook' }, 'de-DE')).toBe(false);
    expect(asciiOrderHoldsIn({ LC_MESSAGES: 'sv-SE-U-CO-TRAD' }, 'sv-SE')).toBe(false);
    expect(asciiOrderHoldsIn({ LANG: 'cs_CZ.UTF-8' }, 'cs-CZ')).toBe(false);
    // What the extension changes, for the record: Spanish traditional sorts ch after cz.
    expect(['ch', 'cz', 'd'].sort(new Intl.Collator('es-ES-u-co-trad', options).compare)).toEqual(['cz', 'ch', 'd']);
  });

  it('leaves other text to the collator', () => {
    expect(rootKey('café')).toBeUndefined();
    expect(rootKey('a\tb')).toBeUndefined();
    expect(rootKey('1'.repeat(201))).toBeUndefined();
  });
});

// The keys are made only where the default language keeps root's ASCII order (en-US on a bare Linux).
const defaultLanguage = new Intl.PluralRules().resolvedOptions().locale.split('-')[0] ?? '';

// compareKeyed with the keys the sort makes.
const compareNames = (a: string, b: string) => compareKeyed(a, nameKey(a), b, nameKey(b));

describe('nameKey and compareKeyed: the default collator\'s order, ties by code units', () => {
  const collator = new Intl.Collator(undefined, options);
  const byCollator = (a: string, b: string) => Math.sign(collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0));

  it.skipIf(!ASCII_AS_ROOT.has(defaultLanguage))('for every short name next to its neighbours, and for generated ones', () => {
    expect(nameKey('s10')).toBeDefined();
    const sorted = [...shortNames].sort(compareNames);
    const wrong = [];
    for (let index = 0; index + 1 < sorted.length; index++) {
      const [a, b] = [sorted[index] ?? '', sorted[index + 1] ?? ''];
      if (Math.sign(compareNames(a, b)) !== byCollator(a, b)) wrong.push([a, b]);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
    fc.assert(
      fc.property(name, name, (a, b) => Math.sign(compareNames(a, b)) === byCollator(a, b)),
      { numRuns: 5000, seed: 20261127 },
    );
  });

  it('has no key for what the collator must decide', () => {
    expect(nameKey('café')).toBeUndefined();
    expect(nameKey(`x${'1'.repeat(201)}`)).toBeUndefined();
  });

  it('natural, case-insensitive order; equal names by code units', () => {
    const names = ['s10', 'S2', 'b', 'A', 's1', 'a', 'x01', 'x1', 'é', 'e'];
    expect(names.sort(compareNames)).toEqual(['A', 'a', 'b', 'e', 'é', 's1', 'S2', 's10', 'x01', 'x1']);
  });
});

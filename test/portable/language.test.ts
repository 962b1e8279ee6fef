import { describe, expect, it } from 'vitest';
import { chooseLanguage, directionOf, localised } from '../../src/portable/language.js';

describe('chooseLanguage', () => {
  it('takes the first browser language the page offers, by primary subtag', () => {
    expect(chooseLanguage(['fr-FR', 'ar-SY', 'en-GB'], ['ar', 'en'])).toBe('ar');
    expect(chooseLanguage(['en-US', 'ar'], ['ar', 'en'])).toBe('en');
  });

  it("falls back on the page's first language", () => {
    expect(chooseLanguage(['de-DE'], ['ar', 'en'])).toBe('ar');
    expect(chooseLanguage([], ['en', 'ar'])).toBe('en');
  });
});

describe('localised (the organiser texts)', () => {
  it('gives the text in the language asked for, with that language', () => {
    expect(localised({ ar: 'حلب تحترق', en: 'Aleppo is burning' }, 'ar', ['ar', 'en'])).toEqual({ text: 'حلب تحترق', language: 'ar' });
  });

  it('falls back through the page languages, then on any language written', () => {
    expect(localised({ en: 'Aleppo is burning' }, 'ar', ['ar', 'en'])).toEqual({ text: 'Aleppo is burning', language: 'en' });
    expect(localised({ fr: 'Alep brûle' }, 'ar', ['ar', 'en'])).toEqual({ text: 'Alep brûle', language: 'fr' });
    expect(localised({ 'ar-SY': 'حلب' }, 'ar', [])).toEqual({ text: 'حلب', language: 'ar-SY' });
  });

  it('is undefined when the organiser wrote nothing (or only blanks)', () => {
    expect(localised(undefined, 'en', ['en'])).toBeUndefined();
    expect(localised({ en: '  ' }, 'en', ['en'])).toBeUndefined();
  });
});

describe('directionOf', () => {
  it('knows which languages are written right to left', () => {
    expect(['ar', 'ar-SY', 'fa', 'he', 'ur', 'ckb', 'ku-Arab', 'ku-Arab-IQ', 'az-Arab'].map(directionOf)).toEqual(Array(9).fill('rtl'));
    expect(['en', 'fr', 'tr', 'en-GB', 'de', 'es', 'ku', 'ku-Latn', 'sd-Deva', 'az'].map(directionOf)).toEqual(Array(10).fill('ltr'));
  });
});

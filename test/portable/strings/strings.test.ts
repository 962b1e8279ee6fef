import { describe, expect, it } from 'vitest';
import { directionOf } from '../../../src/portable/language.js';
import { fillSlots, hasTable, slotsOf, STRING_KEYS, STRING_SLOTS, STRINGS, tableFor, type Strings } from '../../../src/portable/strings/index.js';

const ARABIC_SCRIPT = /[\u0600-\u06ff]/;

describe('the interface tables', () => {
  it('are there for Arabic, English, French, Turkish, German, Spanish, Persian and Urdu', () => {
    expect(Object.keys(STRINGS).sort()).toEqual(['ar', 'de', 'en', 'es', 'fa', 'fr', 'tr', 'ur']);
  });

  it.each(Object.entries(STRINGS))('%s has every key, each a sentence, with the slots the English one has', (_language, table) => {
    expect(Object.keys(table)).toEqual(STRING_KEYS);
    for (const key of STRING_KEYS) {
      expect(table[key].trim(), key).not.toBe('');
      expect(table[key], key).toBe(table[key].trim());
      expect(slotsOf(table[key]), key).toEqual([...(STRING_SLOTS[key] ?? [])]);
    }
  });

  it('is written in its own script: the right-to-left tables in Arabic letters, the others not', () => {
    for (const [language, table] of Object.entries(STRINGS)) {
      expect(ARABIC_SCRIPT.test(table.choosePhoto), language).toBe(directionOf(language) === 'rtl');
    }
  });

  it('names each language in itself, each differently', () => {
    const names = Object.values(STRINGS).map((t) => t.languageName);
    expect(new Set(names).size).toBe(names.length);
    expect(STRINGS.ar!.languageName).toBe('العربية');
    expect(STRINGS.fa!.languageName).toBe('فارسی');
  });

  it('says the Arabic keys in the right case after a verb: "ومفتاحَي الزائد والناقص"', () => {
    expect(STRINGS.ar!.stageReady).toContain('ومفتاحَي الزائد والناقص');
    expect(STRINGS.ar!.stageReady).not.toContain('ومفتاحا');
  });
});

describe('fillSlots, tableFor, hasTable', () => {
  it('puts the file name into the whole sentence', () => {
    expect(fillSlots(STRINGS.en!.saved, { file: 'me-redframe.png' })).toBe('Saved as me-redframe.png.');
    expect(fillSlots(STRINGS.tr!.saved, { file: 'me-redframe.png' })).toBe('me-redframe.png olarak kaydedildi.');
  });

  it('takes the organiser’s table for a language before the built-in one, and English last', () => {
    const kurdish = { ...STRINGS.en!, languageName: 'Kurdî' } as Strings;
    expect(tableFor('ku', { ku: kurdish }).languageName).toBe('Kurdî');
    expect(tableFor('ku-IQ', { ku: kurdish }).languageName).toBe('Kurdî');
    expect(tableFor('fr-CA').languageName).toBe('Français');
    expect(tableFor('ku').languageName).toBe('English');
    expect([hasTable('ku'), hasTable('ku', { ku: kurdish }), hasTable('ur-PK')]).toEqual([false, true, true]);
  });
});

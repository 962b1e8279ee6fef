import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../src/portable/strings/index.js';
import { pageNotes, pageSchema, parsePageSection, resolvePageSection } from '../../src/preset/page-section.js';

const validate = new Ajv({ strict: true, allErrors: true }).compile(pageSchema());
const codeAccepts = (section: unknown) => {
  try {
    parsePageSection(section);
    return true;
  } catch {
    return false;
  }
};

describe('the page section of a preset', () => {
  it('takes each text as one string or one per language', () => {
    expect(parsePageSection({ title: { ar: 'حلب تحترق', en: 'Aleppo is burning' }, credits: '  The Aleppo group  ' })).toEqual({
      title: { ar: 'حلب تحترق', en: 'Aleppo is burning' },
      credits: 'The Aleppo group',
    });
  });

  it.each<[unknown, string]>([
    [{ titel: 'x' }, 'Unknown page key "titel" (did you mean "title"?); expected one of title, description, callToAction, credits, url, languages, interface, until'],
    // A key is quoted as any value is: escaped and cut short, so the message stays one short line.
    [{ [`x\n${'y'.repeat(100)}`]: 'x' }, `Unknown page key "x\\n${'y'.repeat(38)}…" (102 characters); expected one of`],
    [{ title: 3 }, 'Expected a string or an object of strings by language ({ "ar": "...", "en": "..." }) for page.title but received 3'],
    [{ title: '  ' }, 'Expected a non-empty string for page.title but received "  "'],
    [{ description: { Arabic: 'x' } }, 'Expected a language tag such as ar, en or en-GB for a language of page.description but received "Arabic"'],
    [{ callToAction: { en: 5 } }, 'Expected a non-empty string for page.callToAction.en but received 5'],
    [{ credits: 'x'.repeat(1001) }, 'Expected at most 1000 characters for page.credits but received 1001'],
    [{ url: 'example.org/aleppo' }, 'Expected an absolute http or https address such as https://example.org/campaign/ for page.url but received "example.org/aleppo"'],
    [{ url: 'file:///srv/aleppo/' }, 'for page.url but received "file:///srv/aleppo/"'],
    // One rule for every text redframe shows: bidi controls reorder a title in <title> and link
    // previews as they would a banner.
    [{ title: { en: '#Aleppo\u202eIsBurning' } }, 'Expected text without bidi controls for page.title.en but received U+202E in'],
    [{ description: 'Free\u2066them' }, 'Expected text without bidi controls for page.description but received U+2066'],
    [{ credits: 'a\u0007b' }, 'Expected text without control characters for page.credits but received U+0007'],
    [{ url: 'https://user:secret@example.org/aleppo/' }, 'Expected an address without a user name or password (user:secret@ is published in the page) for page.url'],
    [{ url: 'https://token@example.org/' }, 'without a user name or password'],
    [{ languages: [] }, 'Expected a non-empty list of language tags such as ["ar", "en"] for page.languages but received an array'],
    [{ languages: ['ar', 'ar'] }, 'Expected each language once for page.languages'],
    [[], 'Expected an object (title, description, callToAction, credits, url, languages, interface, until) for page but received an array'],
  ])('rejects %j with a message that says what was expected', (section, message) => {
    expect(() => parsePageSection(section)).toThrow(message);
  });

  it('refuses an address longer than 2048 characters', () => {
    expect(() => parsePageSection({ url: `https://example.org/${'a'.repeat(2048)}` })).toThrow('Expected an address of at most 2048 characters for page.url but received "https://example.org/aaa');
  });

  it('offers the languages the organiser wrote in, then Arabic and English', () => {
    expect(resolvePageSection({ title: { fr: 'Alep brûle', en: 'Aleppo is burning' } }).languages).toEqual(['fr', 'en', 'ar']);
    expect(resolvePageSection().languages).toEqual(['ar', 'en']);
    expect(resolvePageSection({ languages: ['en'] }).languages).toEqual(['en']);
  });

  it('gives a plain string to every language', () => {
    expect(resolvePageSection({ title: '#FreeThemAll' }).texts.title).toEqual({ ar: '#FreeThemAll', en: '#FreeThemAll' });
  });

  it('reads an address without a file name as the folder the page sits in', () => {
    expect(new URL('preview.jpg', resolvePageSection({ url: 'https://example.org/aleppo' }).folder).href).toBe('https://example.org/aleppo/preview.jpg');
    expect(new URL('preview.jpg', resolvePageSection({ url: 'https://example.org/aleppo/index.html' }).folder).href).toBe('https://example.org/aleppo/preview.jpg');
    expect(new URL('preview.jpg', resolvePageSection({ url: 'https://example.org/c?q=1#top' }).folder).href).toBe('https://example.org/c/preview.jpg');
  });

  it('keeps the address as written for the page itself, query and all', () => {
    expect(resolvePageSection({ url: 'https://example.org/c?q=1' }).url?.href).toBe('https://example.org/c?q=1');
    expect(resolvePageSection({ url: 'https://example.org/aleppo' }).url?.href).toBe('https://example.org/aleppo');
  });

  it('has a schema fragment that agrees with the code on good and bad sections', () => {
    const trials: unknown[] = [
      {}, { title: 'x' }, { title: { ar: 'س', 'en-GB': 'x' } }, { title: {} }, { title: '' }, { title: ' ' }, { title: { Arabic: 'x' } },
      { description: ['x'] }, { callToAction: null }, { credits: { en: '' } }, { credits: 'x'.repeat(1001) },
      { url: 'https://example.org/a/' }, { url: 'http://example.org' }, { url: 'ftp://example.org/' }, { url: '/aleppo/' },
      { url: 'https://user:secret@example.org/' }, { url: 'https://user@example.org' }, { url: 'https://example.org/a@b' },
      { url: `https://example.org/${'a'.repeat(2048)}` }, { url: `https://example.org/${'a'.repeat(2000)}` },
      { languages: ['ar'] }, { languages: [] }, { languages: ['ar', 'ar'] }, { languages: ['AR'] }, { languages: 'ar' }, { other: 1 },
      { interface: { ku: kurdish } }, { interface: { ku: { ...kurdish, extra: 'x' } } }, { interface: {} }, { interface: { ku: 'x' } },
      { until: '2027-01-31' }, { until: '31/01/2027' }, { until: 20270131 },
    ];
    for (const section of trials) expect({ section, schema: validate(section) }).toEqual({ section, schema: codeAccepts(section) });
  });

  it('takes an organiser’s interface table for another language, with every key, and offers that language', () => {
    const section = resolvePageSection({ interface: { ku: kurdish }, title: { ku: 'Azadî ji bo wan', en: 'Freedom for them' } });
    expect(section.languages).toEqual(['ku', 'en', 'ar']);
    expect(section.interface.ku!.languageName).toBe('Kurdî');
  });

  it.each<[unknown, string]>([
    [{ interface: { ku: { ...kurdish, choosePhoto: undefined } } }, 'Expected every interface key; add choosePhoto (the English table, src/portable/strings/en.ts, says what each is) for page.interface.ku but received 1 missing'],
    [{ interface: { ku: { ...kurdish, chosePhoto: 'x' } } }, 'Unknown key of page.interface.ku "chosePhoto" (did you mean "choosePhoto"?)'],
    [{ interface: { ku: { ...kurdish, saved: 'Tomar kir.' } } }, 'Expected a sentence with {file} in it, and no other {slot} for page.interface.ku.saved but received "Tomar kir."'],
    [{ interface: { ku: { ...kurdish, zoom: ' ' } } }, 'Expected a non-empty string for page.interface.ku.zoom'],
    [{ interface: { Kurdish: kurdish } }, 'Expected a language tag such as ar, en or en-GB for a language of page.interface'],
    [{ until: '2027-02-30' }, "Expected the campaign's last day as YYYY-MM-DD, such as 2027-01-31 for page.until but received \"2027-02-30\""],
  ])('refuses a bad interface table or end date: %j', (section, message) => {
    expect(() => parsePageSection(section)).toThrow(message);
  });

  it('refuses a language the page has no interface for, and says how to give one', () => {
    expect(() => resolvePageSection({ languages: ['ku', 'en'] })).toThrow('for ku add page.interface.ku with every key');
    expect(resolvePageSection({ languages: ['fa', 'ur', 'tr'] }).languages).toEqual(['fa', 'ur', 'tr']);
  });

  it('keeps the end date', () => {
    expect(resolvePageSection({ until: '2027-01-31' }).until).toBe('2027-01-31');
  });

  it('refuses an end date whose calendar file could not be written (it wrote DTEND:+01000001 for 9999-12-31)', () => {
    expect(() => parsePageSection({ until: '9999-12-31' })).toThrow(
      'Expected a day from 0001-01-01 to 9999-12-30 (the calendar reminder ends the next day, and its file writes years of four digits) for page.until but received "9999-12-31"',
    );
    expect(() => parsePageSection({ until: '0000-12-31' })).toThrow('for page.until but received "0000-12-31"');
    expect(parsePageSection({ until: '9999-12-30' }).until).toBe('9999-12-30');
  });

  it('refuses a page text of invisible characters alone, as the banner does', () => {
    expect(() => parsePageSection({ title: '\u200b' })).toThrow('Expected text that shows something for page.title but received "\u200b" (U+200B), only invisible characters');
    expect(() => parsePageSection({ credits: { en: 'The committee', ar: '\u2060\u00ad' } })).toThrow('for page.credits.ar but received');
    expect(() => parsePageSection({ interface: { ku: { ...kurdish, share: '\u200c' } } })).toThrow('for page.interface.ku.share but received');
    // A joiner inside words that show is the writing of Persian and Arabic, not a hidden text.
    expect(parsePageSection({ description: 'می\u200cخواهم' }).description).toBe('می\u200cخواهم');
  });

  it('refuses a language with no interface when the section is checked, so a preset names its file', () => {
    expect(() => parsePageSection({ languages: ['xx'] })).toThrow('for xx add page.interface.xx with every key');
    expect(() => parsePageSection({ title: { xx: 'Title' } })).toThrow('for xx add page.interface.xx with every key');
  });

  it('notes an end date already past, which the page offers no reminder for, and nothing for today or later', () => {
    const now = new Date(2027, 0, 31, 23, 59);
    expect(pageNotes({ until: '2016-12-31' }, now)).toEqual([
      "page.until 2016-12-31 has passed: the page will offer no calendar reminder (it offers one up to that day); give the campaign's new last day, or remove page.until",
    ]);
    expect(pageNotes({ until: '2027-01-30' }, now)).toHaveLength(1);
    expect(pageNotes({ until: '2027-01-31' }, now)).toEqual([]);
    expect(pageNotes({}, now)).toEqual([]);
  });
});

/** A whole Kurdish (Kurmanji) table, as an organiser would write it: here the English one renamed. */
const kurdish = { ...STRINGS.en!, languageName: 'Kurdî' };

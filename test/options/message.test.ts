// The `message` option of covers and cards: a string, a list, or a map from a language tag.
import { describe, expect, it } from 'vitest';
import { resolveOptions } from '../../src/options/resolve.js';

describe('message', () => {
  it('is none by default, and takes a paragraph, a list, or a map kept in its order', () => {
    expect(resolveOptions().message).toEqual([]);
    expect(resolveOptions({ message: '  Stop the bombing  ' }).message).toEqual([{ text: 'Stop the bombing' }]);
    expect(resolveOptions({ message: ['أوقفوا قصف حلب', 'Stop'] }).message).toEqual([{ text: 'أوقفوا قصف حلب' }, { text: 'Stop' }]);
    expect(resolveOptions({ message: { en: 'Stop', ar: ['أوقفوا', 'قصف حلب'] } }).message).toEqual([
      { text: 'Stop', language: 'en' }, { text: 'أوقفوا', language: 'ar' }, { text: 'قصف حلب', language: 'ar' },
    ]);
  });

  it('refuses what is not a message with a line that names the paragraph', () => {
    expect(() => resolveOptions({ message: '' })).toThrow('Expected non-empty text for message but received ""');
    expect(() => resolveOptions({ message: ['ok', 'two\nlines'] })).toThrow('Expected one paragraph without line breaks (a list for more paragraphs) for message paragraph 2');
    expect(() => resolveOptions({ message: { ar_SY: 'x' } as never })).toThrow('Expected a BCP 47 language tag (such as ar, en or fa-IR) for a key of message but received "ar_SY"');
    expect(() => resolveOptions({ message: { en: 3 } as never })).toThrow('Expected a string or a list of strings for message.en but received 3');
    expect(() => resolveOptions({ message: 3 as never })).toThrow('Expected a string, a list of strings, or a map from a language tag to either for message but received 3');
    expect(() => resolveOptions({ message: 'a\u202eb' })).toThrow(/U\+202E/);
    expect(() => resolveOptions({ message: 'x'.repeat(1001) })).toThrow('at most 1000 characters per paragraph for message');
    expect(() => resolveOptions({ message: Array(11).fill('x') })).toThrow('Expected at most 10 paragraphs for message but received 11');
  });
});

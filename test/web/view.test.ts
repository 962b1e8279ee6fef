import { describe, expect, it } from 'vitest';
import { STRINGS } from '../../src/portable/strings/index.js';
import { statusText } from '../../src/web/view.js';

const en = STRINGS.en!;
const ar = STRINGS.ar!;

describe('statusText', () => {
  it('puts the saved file in its sentence, isolated, so a right-to-left override in its name reverses nothing around it', () => {
    const file = 'me\u202egpj.exe.redframe.jpg';
    expect(statusText({ busy: false, notice: { key: 'saved', file } }, en)).toBe('Saved as \u2068me\u202egpj.exe.redframe.jpg\u2069.');
    expect(statusText({ busy: false, notice: { key: 'reminderSaved', file: 'campaign.ics' } }, en)).toBe('Saved \u2068campaign.ics\u2069. Open it to add the reminder to your calendar.');
  });

  it('leaves out the isolate controls of the name itself, which could close its isolate early', () => {
    const text = statusText({ busy: false, notice: { key: 'saved', file: 'a\u2069\u202eb.jpg' } }, en);
    expect(text).toBe('Saved as \u2068a\u202eb.jpg\u2069.');
  });

  it('isolates the name in a right-to-left sentence too, and says only "opening" while busy', () => {
    expect(statusText({ busy: false, notice: { key: 'saved', file: 'me.jpg' } }, ar)).toContain('\u2068me.jpg\u2069');
    expect(statusText({ busy: true, notice: { key: 'saved', file: 'me.jpg' } }, en)).toBe(en.opening);
    expect(statusText({ busy: false, notice: undefined }, en)).toBe('');
  });
});

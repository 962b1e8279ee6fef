import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import * as redframe from '../../src/api/index.js';
import { STRINGS } from '../../src/portable/strings/index.js';
import { photo, tempDir } from '../helpers.js';

/** What a call gives: its RedframeError's code and message, or what else it threw, and how long it took. */
async function outcome(call: () => unknown) {
  const started = performance.now();
  try {
    await call();
    return { error: 'none' };
  } catch (error) {
    const e = error as { name?: string; code?: string; message?: string };
    return { error: e.name, code: e.code, message: e.message, milliseconds: performance.now() - started };
  }
}

const throwing = () => {
  throw new Error('no access');
};
const trap = new Proxy({}, { ownKeys: throwing, get: throwing });
/** Every trap throws: even `instanceof` (getPrototypeOf) and `in` (has) run the caller's code. */
const hostile = new Proxy({}, Object.fromEntries(['get', 'ownKeys', 'has', 'getPrototypeOf', 'getOwnPropertyDescriptor'].map((name) => [name, throwing])));
/** A Proxy whose every use throws a TypeError, Array.isArray's included. */
const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return proxy;
};
/** A Buffer in all but its length, which cannot be read. */
const lengthless = (bytes: Buffer) => new Proxy(bytes, {
  get: (target, key) => {
    if (key === 'length' || key === 'byteLength') return throwing();
    const value: unknown = Reflect.get(target, key, target);
    return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
  },
});
/** JSON.parse makes "__proto__" an own key, as a preset file or a web form would give it. */
const withProto = (json: string) => JSON.parse(json) as never;
const kurdish = { ...STRINGS.en!, languageName: 'Kurdî' };

describe('every bad input to a public function', () => {
  const photoBytes = readFile(photo('astronaut.jpg'));
  const sparse: unknown[] = [];
  sparse.length = 1e9;
  sparse[0] = '#Aleppo';
  const detached = () => {
    const bytes = new Uint8Array(16);
    structuredClone(bytes.buffer, { transfer: [bytes.buffer] });
    return bytes;
  };

  const cases: [string, () => unknown, string, RegExp][] = [
    ["renderBatch('pq')", () => redframe.renderBatch('pq' as never), 'INVALID_OPTION', /list of paths .* but received "pq"; put it in a list: \["pq"\]/],
    ['renderBatch()', () => (redframe.renderBatch as (...args: unknown[]) => unknown)(), 'INVALID_OPTION', /list of paths .* received undefined/],
    ['renderBatch([42])', () => redframe.renderBatch([42] as never), 'INVALID_OPTION', /for inputs\[0\] but received 42$/],
    ['planBatch(sparse)', () => redframe.planBatch(sparse as string[], {}, 'jpeg'), 'INVALID_OPTION', /without holes for inputs but received a sparse array of length 1000000000/],
    ['planBatch(settings missing)', () => (redframe.planBatch as (...args: unknown[]) => unknown)(['a.jpg']), 'INVALID_OPTION', /for format but received undefined/],
    ['loadPreset(42)', () => redframe.loadPreset(42 as never), 'INVALID_PRESET', /preset name .* or a path to a \.json file but received 42/],
    ['a throwing getter', () => redframe.renderAvatar(photo('astronaut.jpg'), { get size(): number { return throwing(); } }), 'INVALID_OPTION', /^Could not read the options: no access; give plain values$/],
    ['a Proxy', () => redframe.renderAvatar(photo('astronaut.jpg'), trap), 'INVALID_OPTION', /^Could not read the options: no access/],
    ['a Proxy as batch settings', () => redframe.renderBatch(['a.jpg'], {}, trap as never), 'INVALID_OPTION', /^Could not read the batch settings/],
    ['a Proxy as a preset', () => redframe.parsePreset(trap, 'team.json'), 'INVALID_PRESET', /^Could not read the preset keys/],
    ['a Proxy for the page', () => redframe.makeCampaignPage({ page: trap as never }), 'INVALID_OPTION', /^Could not read the page keys/],
    ['a throwing getter in makeCampaignPage', () => redframe.makeCampaignPage({ get mode(): never { return throwing(); } }), 'INVALID_OPTION', /^Could not read the options/],
    ['a Proxy for the text', () => redframe.resolveOptions({ text: new Proxy(['#a'], { get: throwing }) }), 'INVALID_OPTION', /^Could not read text: no access/],
    ['a sparse text list of length 1e9', () => redframe.renderAvatar(photo('astronaut.jpg'), { text: sparse as string[] }), 'INVALID_OPTION', /at most 10 text segments for text but received 1000000000/],
    ['a sparse font list', () => redframe.resolveOptions({ font: sparse as string[] }), 'INVALID_OPTION', /at most 16 fonts for font but received 1000000000/],
    ['a detached buffer', () => redframe.renderAvatar(detached()), 'UNSUPPORTED_INPUT', /empty \(or their ArrayBuffer was transferred\)/],
    ['a Buffer over maxBytes', async () => redframe.renderAvatar(await photoBytes, {}, { maxBytes: 1000 }), 'FILE_TOO_LARGE', /^the photo bytes are \d+ bytes, more than maxBytes \(1000 bytes\) allows$/],
    ['a Uint8Array over maxBytes, from a renderer', async () => redframe.createRenderer({}, { maxBytes: 1000 }).render(new Uint8Array(await photoBytes)), 'FILE_TOO_LARGE', /more than maxBytes/],
    ['a throwing getter in renderCover', () => redframe.renderCover({ get photo(): never { return throwing(); } }), 'INVALID_OPTION', /^Could not read the options: no access/],
    ['renderCard(42)', () => redframe.renderCard(42 as never), 'INVALID_OPTION', /^Expected an object of options but received 42$/],
    ['a sparse list of cards (it ran out of memory)', () => redframe.renderCard({ for: sparse as string[] }), 'INVALID_OPTION', /at most 16 names for the cards to make but received 1000000000/],
    ['a list of cards that is not of names', () => redframe.renderCard({ for: [42] as never }), 'INVALID_OPTION', /a name or a list of names: post, portrait, story or all for the cards to make/],
    ['a sparse message (taken as one paragraph)', () => redframe.renderCard({ message: sparse as string[] }), 'INVALID_OPTION', /at most 10 paragraphs for message but received 1000000000/],
    ['a message with a hole', () => redframe.renderCard({ message: Object.assign(new Array<string>(2), { 1: 'b' }) }), 'INVALID_OPTION', /Expected a string for message paragraph 1 but received undefined/],
    ['a sparse list of sheet entries (it never ended)', () => redframe.makeContactSheet(Object.assign(new Array(1e9), { 0: { file: 'a.jpg', label: 'a' } }), 'sheet.png', { overwrite: false }), 'INVALID_OPTION', /without holes for entries but received a sparse array of length 1000000000/],
    ['a revoked Proxy as the options', () => redframe.renderAvatar(photo('astronaut.jpg'), revoked()), 'INVALID_OPTION', /^Could not read the options: Cannot perform 'IsArray' on a proxy that has been revoked; give plain values$/],
    ['a revoked Proxy as the render limits', () => redframe.renderAvatar(photo('astronaut.jpg'), {}, revoked()), 'INVALID_OPTION', /^Could not read the render limits/],
    ['a revoked Proxy as the inputs of a batch', () => redframe.renderBatch(revoked() as never), 'INVALID_OPTION', /^Could not read the inputs/],
    ['a revoked Proxy as the text', () => redframe.resolveOptions({ text: revoked() as never }), 'INVALID_OPTION', /^Could not read text/],
    ['a revoked Proxy as the message', () => redframe.renderCard({ message: revoked() as never }), 'INVALID_OPTION', /^Could not read message/],
    ['a revoked Proxy as a preset', () => redframe.parsePreset(revoked(), 'team.json'), 'INVALID_PRESET', /^Could not read the preset/],
    ['a Proxy as the value of an option', () => redframe.renderAvatar(photo('astronaut.jpg'), { size: hostile as never }), 'INVALID_OPTION', /^Expected an integer from 64 to 4096 for size but received an object$/],
    ['a Proxy as the options\' text', () => redframe.renderAvatar(photo('astronaut.jpg'), { text: hostile as never }), 'INVALID_OPTION', /^Expected a string or a list of strings for text but received an object$/],
    ['a Proxy as the photo', () => redframe.renderAvatar(hostile as never), 'INVALID_OPTION', /^Could not read input: no access; give plain values$/],
    ['a Proxy whose only trap is has, as the photo', () => redframe.renderAvatar(new Proxy({}, { has: throwing }) as never), 'INVALID_OPTION', /^Expected a file path, a Buffer or a Uint8Array for input but received an object$/],
    ['a Proxy whose only trap is has, as a preset name', () => redframe.loadPreset(new Proxy({}, { has: throwing }) as never), 'INVALID_PRESET', /preset name .* but received an object$/],
    ['a Buffer whose length getter throws', async () => redframe.renderAvatar(lengthless(await photoBytes)), 'INVALID_OPTION', /^Could not read input: no access; give plain values$/],
    ['a Buffer whose length getter throws, named', async () => redframe.createRenderer().render(lengthless(await photoBytes), 'me.jpg'), 'INVALID_OPTION', /^Could not read me\.jpg: no access/],
    ['a Proxy as the photo of a cover', () => redframe.renderCover({ photo: hostile as never }), 'INVALID_OPTION', /^Could not read input: no access/],
    ['a Proxy as the sample of the page', () => redframe.makeCampaignPage({ sample: hostile as never }), 'INVALID_OPTION', /^Could not read the sample photo: no access/],
    ['a Buffer whose length getter throws, as the sample', async () => redframe.makeCampaignPage({ sample: lengthless(await photoBytes) }), 'INVALID_OPTION', /^Could not read the sample photo: no access/],
    ['a Proxy as page.interface', () => redframe.makeCampaignPage({ page: { interface: hostile as never } }), 'INVALID_OPTION', /^Could not read the page\.interface languages: no access/],
    ['a Proxy as a table of page.interface', () => redframe.makeCampaignPage({ page: { interface: { ku: hostile as never } } }), 'INVALID_OPTION', /^Could not read the page\.interface\.ku keys: no access/],
    ['a Proxy as a page text', () => redframe.makeCampaignPage({ page: { title: hostile as never } }), 'INVALID_OPTION', /^Could not read the page\.title languages: no access/],
    ['a revoked Proxy as the page', () => redframe.makeCampaignPage({ page: revoked() as never }), 'INVALID_OPTION', /^Could not read page: Cannot perform 'IsArray'/],
    ['a Proxy as the entries of a contact sheet', () => redframe.makeContactSheet(new Proxy([], { get: throwing }), 'sheet.png', { overwrite: false }), 'INVALID_OPTION', /^Could not read entries: no access/],
    ['a Proxy as one entry of a contact sheet', () => redframe.makeContactSheet([hostile as never], 'sheet.png', { overwrite: false }), 'INVALID_OPTION', /^Could not read entries: no access/],
    ['a __proto__ key in the options (it set the copy\'s prototype: mode wash passed unseen)', () => redframe.resolveOptions(withProto('{ "__proto__": { "mode": "wash" } }')), 'INVALID_OPTION', /^Unknown option "__proto__"; expected one of /],
    ['a __proto__ key in a message', () => redframe.resolveOptions(withProto('{ "message": { "__proto__": "x", "en": "Free them all" } }')), 'INVALID_OPTION', /^Expected a BCP 47 language tag .* for a key of message but received "__proto__"$/],
    ['a __proto__ key in the page section', () => redframe.makeCampaignPage({ page: withProto('{ "__proto__": { "title": "x" } }') }), 'INVALID_OPTION', /^Unknown page key "__proto__"; expected one of title, /],
    ['a __proto__ key in a page text', () => redframe.makeCampaignPage({ page: withProto('{ "title": { "__proto__": "x", "en": "Free" } }') }), 'INVALID_OPTION', /^Expected a language tag .* for a language of page\.title but received "__proto__"$/],
    ['a __proto__ key in page.interface', () => redframe.makeCampaignPage({ page: withProto(`{ "__proto__": ${JSON.stringify({ ku: kurdish })} }`) }), 'INVALID_OPTION', /^Unknown page key "__proto__"/],
    ['a __proto__ language of page.interface', () => redframe.makeCampaignPage({ page: { interface: withProto(`{ "__proto__": ${JSON.stringify(kurdish)} }`) } }), 'INVALID_OPTION', /^Expected a language tag .* for a language of page\.interface but received "__proto__"$/],
    ['a __proto__ key in a table of page.interface', () => redframe.makeCampaignPage({ page: { interface: { ku: withProto(JSON.stringify(kurdish).replace('{', '{ "__proto__": "x", ')) } } }), 'INVALID_OPTION', /^Unknown key of page\.interface\.ku "__proto__"; expected one of languageName, /],
    ['makeContactSheet(1)', () => (redframe.makeContactSheet as (...args: unknown[]) => unknown)(1), 'INVALID_OPTION', /for entries/],
  ];

  it.each(cases)('%s is a RedframeError with a code, at once', async (_name, call, code, message) => {
    const result = await outcome(call);
    expect(result).toMatchObject({ error: 'RedframeError', code });
    expect(result.message).toMatch(message);
    // At once: before any photo is decoded or any folder walked (the sparse list took 26 s).
    expect(result.milliseconds).toBeLessThan(5000);
  });

  it('isUsageError answers false for a Proxy whose traps throw, rather than throwing', () => {
    expect(redframe.isUsageError(hostile)).toBe(false);
    expect(redframe.isUsageError(revoked())).toBe(false);
    expect(redframe.isUsageError(new redframe.RedframeError('INVALID_OPTION', 'x'))).toBe(true);
  });

  it('writes nothing for any of them', async () => {
    const cwd = await tempDir();
    await outcome(() => redframe.renderBatch('pq' as never, {}, { output: 'out', cwd }));
    await outcome(() => redframe.renderBatch(['a.jpg'], {}, trap as never));
    expect(await import('node:fs/promises').then((fs) => fs.readdir(cwd))).toEqual([]);
  });
});

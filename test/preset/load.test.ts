import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { BUNDLED_FONT } from '../../src/text/font.js';
import { FORMATS } from '../../src/core/formats.js';
import { SHAPES } from '../../src/core/shapes.js';
import { resolveOptions } from '../../src/options/resolve.js';
import { CROPS, OPTION_KEYS } from '../../src/options/table.js';
import { BANNERS, FRAMES } from '../../src/words/look.js';
import { MODES } from '../../src/portable/treatment.js';
import { BUILT_IN_PRESETS, loadPreset, parsePreset } from '../../src/preset/load.js';
import { ROOT, runCommand, runInProcess, tempDir } from '../helpers.js';

const schema = JSON.parse(await readFile(join(ROOT, 'preset.schema.json'), 'utf8'));
const validate = new Ajv({ strict: true, allErrors: true }).compile(schema);

const schemaAccepts = (preset: unknown) => validate(preset) === true;
const codeAccepts = (preset: unknown) => {
  try {
    parsePreset(structuredClone(preset), '/presets/team.json');
    return true;
  } catch {
    return false;
  }
};

/** Values to try for each key: good ones, boundary ones, wrong types, out of range. */
const TRIALS: Record<string, unknown[]> = {
  $schema: ['https://example.org/preset.schema.json', 3],
  description: ['Avatars for the team', '', 5, null],
  size: [64, 800, 4096, 63, 4097, 800.5, '800', null, true],
  crop: [...CROPS, 'face', '', 3],
  mode: [...MODES, 'sepia', ['tint']],
  color: ['#d10a0a', 'crimson', 'rgb(0, 122, 61)', '', '   ', 12, null],
  strength: [0, 0.5, 1, -0.01, 1.01, '1'],
  frame: [...FRAMES, 'square', false],
  frameWidth: [0.005, 0.04, 0.25, 0.004, 0.26, '0.1'],
  frameColor: ['white', '#000', '', 7],
  banner: [...BANNERS, 'top', null],
  text: ['#FreeThemAll', ['#حلب_تحترق', '#AleppoIsBurning'], ['one', 'two', 'three'], ' padded ', [], '', ['ok', ''], ['   '],
    ['two\nlines'], 'two\r\nlines', [3], 3, null],
  message: ['Stop the bombing', ['أوقفوا قصف حلب', 'Stop the bombing of Aleppo'], { ar: 'أوقفوا قصف حلب', en: 'Stop the bombing' }, { ar: ['a', 'b'] }, {}, [],
    '', ['ok', ''], ['two\nlines'], { ar: '' }, { ar: 3 }, { 'not a tag': 'x' }, 3, null],
  textColor: ['white', 'black', '', 0],
  font: ['fonts/Amiri.ttf', '/abs/font.otf', '', 4, ['a.ttf'], ['a.ttf', 'b.otf'], [], ['a.ttf', ''], [5]],
  lang: ['ar', 'ur', 'fa-IR', 'zh-Hant-TW', '', 'a', 'fa_IR', 'ar-', 7, null],
  page: [{}, { title: { en: 'Free them all' } }, { titel: 'x' }, { url: 'example.org' }, 'page', null, [], 3],
  shape: [...SHAPES, 'oval', 1],
  format: [...FORMATS, 'gif', 2],
  quality: [1, 60, 100, 0, 101, 90.5, '90'],
};

describe('preset.schema.json', () => {
  it('has exactly the keys the validator knows, and rejects every other key', () => {
    expect(Object.keys(schema.properties).sort()).toEqual(['$schema', 'description', 'page', ...OPTION_KEYS].sort());
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(TRIALS).sort()).toEqual(Object.keys(schema.properties).sort()); // every key is tried below
  });

  it('lists the same choices as the code, in the same order', () => {
    const choices = { crop: CROPS, mode: MODES, frame: FRAMES, banner: BANNERS, shape: SHAPES, format: FORMATS };
    for (const [key, list] of Object.entries(choices)) expect(schema.properties[key].enum, key).toEqual([...list]);
  });

  it('gives defaults that the code takes when the key is missing', () => {
    const defaults = resolveOptions();
    for (const [key, property] of Object.entries<{ default?: unknown }>(schema.properties)) {
      if (property.default === undefined || key === 'color' || key === 'textColor') continue;
      expect(property.default, key).toEqual(defaults[key as keyof typeof defaults]);
    }
    expect(resolveOptions({ color: schema.properties.color.default }).color).toEqual(defaults.color);
    expect(resolveOptions({ textColor: schema.properties.textColor.default }).textColor).toEqual(defaults.textColor);
  });

  it.each(Object.entries(TRIALS))('agrees with the validator on every trial value of %s', (key, values) => {
    for (const value of values) {
      const preset = { [key]: value };
      expect({ preset, schema: schemaAccepts(preset) }).toEqual({ preset, schema: codeAccepts(preset) });
    }
  });

  it.each<[string, object]>([
    ['no text without banner none', { text: [] }],
    ['no text with banner none', { banner: 'none', text: [] }],
    ['no text with banner arc', { banner: 'arc', text: [] }],
    ['circle as jpeg', { shape: 'circle', format: 'jpeg' }],
    ['circle as png', { shape: 'circle', format: 'png' }],
    ['square as jpeg', { shape: 'square', format: 'jpeg' }],
    ['a full preset', {
      $schema: 'https://cdn.jsdelivr.net/npm/redframe@0.1.0/preset.schema.json', description: 'Free them all',
      size: 400, crop: 'centre', mode: 'duotone', color: '#0a7d32', strength: 0.9, frame: 'border', frameWidth: 0.05,
      frameColor: 'black', banner: 'strip', text: ['#FreeThemAll', '#آزادی'], textColor: 'white', font: 'Amiri.ttf',
      shape: 'circle', format: 'webp', quality: 80,
    }],
    ['an unknown key', { colour: 'red' }],
    ['a kebab-case key', { 'frame-width': 0.1 }],
    ['an array instead of an object', [{ size: 400 }]],
  ])('agrees with the validator on %s', (_, preset) => {
    expect(schemaAccepts(preset)).toBe(codeAccepts(preset));
  });

  // Documented differences: the schema offers the canonical spellings, and cannot know CSS colour names.
  it('is stricter than the code only for second spellings, and looser only for colour names', () => {
    for (const preset of [{ crop: 'center' }, { format: 'jpg' }, { mode: 'TINT' }]) {
      expect([schemaAccepts(preset), codeAccepts(preset)]).toEqual([false, true]);
    }
    expect([schemaAccepts({ color: 'reddish' }), codeAccepts({ color: 'reddish' })]).toEqual([true, false]);
  });

  it('accepts every built-in preset', () => {
    for (const preset of BUILT_IN_PRESETS) {
      expect(schemaAccepts(preset.options), preset.name).toBe(true);
      expect(() => resolveOptions(preset.options)).not.toThrow();
      expect(preset.description).toMatch(/^[^\n]{10,100}$/); // one line for --list-presets
    }
  });
});

describe('loadPreset', () => {
  async function presetFile(content: unknown, name = 'team.json'): Promise<string> {
    const dir = await tempDir('redframe-preset-');
    const file = join(dir, name);
    await writeFile(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  }

  it('loads a built-in preset by name', async () => {
    expect(await loadPreset('solid')).toEqual({ mode: 'solid', frame: 'none' });
  });

  it('loads a file with several texts, dropping $schema and description', async () => {
    const file = await presetFile({ $schema: 'x', description: 'Team', mode: 'wash', text: ['#FreeThemAll', '#آزادی', 'Third'] });
    expect(await loadPreset(file)).toEqual({ mode: 'wash', text: ['#FreeThemAll', '#آزادی', 'Third'] });
  });

  it('finds a font relative to the preset file, wherever the command runs', async () => {
    const file = await presetFile({ font: 'fonts/Campaign.ttf' });
    await mkdir(join(file, '..', 'fonts'));
    await copyFile(BUNDLED_FONT, join(file, '..', 'fonts', 'Campaign.ttf'));
    expect((await loadPreset(file)).font).toBe(join(file, '..', 'fonts', 'Campaign.ttf'));
  });

  it.each<[string, unknown, RegExp]>([
    ['an unknown key', { colour: 'red' }, /^Unknown preset key "colour" \(did you mean "color"\?\); expected one of format, quality, size, crop, mode, color, .*\$schema, description, page$/],
    ['a kebab-case key', { 'text-color': 'red' }, /^Unknown preset key "text-color" \(did you mean "textColor"\?\)/],
    ['a wrong type', { size: '800' }, /^Expected an integer from 64 to 4096 for size but received "800"$/],
    ['a wrong type of description', { description: 7 }, /^Expected a string for description but received 7$/],
    ['an out-of-range value', { strength: 2 }, /^Expected a number from 0 to 1 for strength but received 2$/],
    ['a value not in the list', { mode: 'sepia' }, /^Expected one of tint, wash, multiply, duotone, solid for mode but received "sepia"$/],
    ['not an object', [1, 2], /^Expected a JSON object of options but received an array$/],
    ['invalid JSON', '{ "size": 400, }', /^not valid JSON \(.*\); fix the file$/],
    ['a __proto__ key (it became the options\' prototype: mode wash passed unseen)', '{ "__proto__": { "mode": "wash" } }', /^Unknown preset key "__proto__"; expected one of /],
    ['a __proto__ key in the page section', '{ "page": { "__proto__": { "title": "x" } } }', /^Unknown page key "__proto__"; expected one of title, /],
    ['a __proto__ key in page.interface', '{ "page": { "interface": { "__proto__": { "languageName": "Kurdî" } } } }', /for a language of page\.interface but received "__proto__"$/],
    ['a __proto__ key in a message', '{ "message": { "__proto__": "Free them all" } }', /for a key of message but received "__proto__"$/],
    ['a language the page has no interface for', { page: { languages: ['xx'] } }, /^Expected languages with an interface .* for xx add page\.interface\.xx with every key for page\.languages but received "xx"$/],
    ['a last day whose next day iCalendar cannot write', { page: { until: '9999-12-31' } }, /^Expected a day from 0001-01-01 to 9999-12-30 .* for page\.until but received "9999-12-31"$/],
    ['an invisible page title', { page: { title: '\u200b' } }, /^Expected text that shows something for page\.title but received "\u200b" \(U\+200B\), only invisible characters$/],
  ])('rejects %s with a message naming the file', async (_, content, message) => {
    const file = await presetFile(content);
    const error = await loadPreset(file).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_PRESET', file });
    expect((error as Error).message).toMatch(message);
  });

  it('reports a missing font when the preset is loaded, naming the preset and the font', async () => {
    const file = await presetFile({ text: '#FreeThemAll', font: 'fonts/Missing.ttf' });
    const error = await loadPreset(file).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_PRESET', file });
    expect((error as Error).message).toBe(
      `the font "fonts/Missing.ttf" (${join(file, '..', 'fonts', 'Missing.ttf')}) does not exist; a font path in a preset is relative to the preset file, so keep the font beside it`,
    );
  });

  it('reports a font path that is a folder', async () => {
    const file = await presetFile({ font: '.' });
    await expect(loadPreset(file)).rejects.toThrow(/the font "\." \(.*\) is not a file; give a \.ttf or \.otf file/);
  });

  it('says which preset file is missing and which names are built in', async () => {
    await expect(loadPreset('/nowhere/team.json')).rejects.toMatchObject({ file: '/nowhere/team.json', message: 'no such preset file; check the path' });
    await expect(loadPreset('sunset')).rejects.toThrow('Unknown preset "sunset"; expected one of aleppo, solid, plain or a path to a .json file');
  });
});

describe('redframe --init-preset', () => {
  it('writes a starter that the schema accepts and that loads back as the same look', async () => {
    const dir = await tempDir('redframe-init-');
    await mkdir(join(dir, 'campaign', 'fonts'), { recursive: true });
    await copyFile(BUNDLED_FONT, join(dir, 'campaign', 'fonts', 'Campaign.ttf'));
    const run = await runCommand(
      ['--init-preset', 'campaign/team.json', '--mode', 'duotone', '--color', '#0a7d32', '--text', '#FreeThemAll', '--text', '#آزادی',
        '--font', 'campaign/fonts/Campaign.ttf', '--shape', 'circle', '--format', 'webp', '--quality', '80'],
      { cwd: dir },
    );
    expect(run.stderr).toContain('Wrote campaign/team.json and campaign/preset.schema.json beside it (for editors)');
    expect(run.status).toBe(0);
    const written = JSON.parse(await readFile(join(dir, 'campaign', 'team.json'), 'utf8'));
    // The schema is found offline, and wherever the folder is handed to: it travels beside the preset.
    expect(written.$schema).toBe('./preset.schema.json');
    expect(JSON.parse(await readFile(join(dir, 'campaign', 'preset.schema.json'), 'utf8'))).toEqual(schema);
    expect(written.font).toBe('fonts/Campaign.ttf'); // relative to the preset, so the folder can be passed on
    expect(validate(written), JSON.stringify(validate.errors)).toBe(true);
    const loaded = await loadPreset(join(dir, 'campaign', 'team.json'));
    expect(resolveOptions(loaded)).toEqual(resolveOptions({
      mode: 'duotone', color: '#0a7d32', text: ['#FreeThemAll', '#آزادی'], font: join(dir, 'campaign', 'fonts', 'Campaign.ttf'),
      shape: 'circle', format: 'webp', quality: 80,
    }));
  });

  it('writes the defaults when given nothing, into a new folder, and replaces a file only with --overwrite', async () => {
    const dir = await tempDir('redframe-init-');
    expect((await runInProcess(['--init-preset', 'campaign/p.json'], { cwd: dir })).status).toBe(0);
    const written = JSON.parse(await readFile(join(dir, 'campaign', 'p.json'), 'utf8'));
    expect(validate(written)).toBe(true);
    expect(resolveOptions(await loadPreset(join(dir, 'campaign', 'p.json')))).toEqual(resolveOptions());
    const again = await runInProcess(['--init-preset', 'campaign/p.json', '--mode', 'wash'], { cwd: dir });
    expect(again.status).not.toBe(0);
    expect(again.stderr).toContain('campaign/p.json: already exists; use --overwrite to replace it');
    expect(JSON.parse(await readFile(join(dir, 'campaign', 'p.json'), 'utf8'))).toEqual(written);
    expect((await runInProcess(['--init-preset', 'campaign/p.json', '--mode', 'wash', '--overwrite'], { cwd: dir })).status).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'campaign', 'p.json'), 'utf8'))).toMatchObject({ mode: 'wash' });
  });
});

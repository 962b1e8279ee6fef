import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetSchema } from '../../src/preset/schema.js';
import { Ajv } from 'ajv';
import { BUILT_IN_PRESETS, parsePreset } from '../../src/preset/load.js';
import { presetFileContent } from '../../src/preset/starter.js';
import { ROOT } from '../helpers.js';

describe('preset.schema.json', () => {
  it('is the schema the option table makes (run `npm run schema` after changing an option)', async () => {
    const file = JSON.parse(await readFile(join(ROOT, 'preset.schema.json'), 'utf8'));
    expect(file).toEqual(JSON.parse(JSON.stringify(presetSchema())));
  });

  it('accepts what the preset loader accepts and refuses what it refuses, as an editor would show it', () => {
    const validate = new Ajv({ strict: false, allErrors: true }).compile(presetSchema());
    // Every built-in look and the starter file --init-preset writes are valid presets.
    for (const preset of BUILT_IN_PRESETS) expect(validate(preset.options), preset.name).toBe(true);
    expect(validate(JSON.parse(presetFileContent({ mode: 'duotone', color: '#0a7d32' }, { presetFile: '/tmp/x.json', schema: './preset.schema.json' })))).toBe(true);
    expect(validate({ text: ['#غزة'], page: { title: { ar: 'غزة', en: 'Gaza' }, languages: ['ar', 'en'] } })).toBe(true);
    for (const wrong of [{ size: 20 }, { size: 800.5 }, { mode: 'soild' }, { strength: 2 }, { text: [42] }, { overwite: true }, { page: { titel: 'x' } }]) {
      expect(validate(wrong), JSON.stringify(wrong)).toBe(false);
      expect(() => parsePreset(wrong, 'x.json'), JSON.stringify(wrong)).toThrow();
    }
  });
});

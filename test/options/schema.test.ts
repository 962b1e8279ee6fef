import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetSchema } from '../../src/options/schema.js';
import { OPTION_KEYS, optionsOf } from '../../src/options/table.js';
import { ROOT } from '../helpers.js';

describe('preset.schema.json', () => {
  it('is the schema the option table makes (run `npm run schema` after changing an option)', async () => {
    const file = JSON.parse(await readFile(join(ROOT, 'preset.schema.json'), 'utf8'));
    expect(file).toEqual(JSON.parse(JSON.stringify(presetSchema())));
  });

  it('describes every look option with its default', () => {
    const { properties } = presetSchema();
    for (const key of OPTION_KEYS) expect(properties, key).toHaveProperty(key);
    for (const entry of optionsOf('look')) {
      if ('default' in entry) expect((properties as Record<string, { default?: unknown }>)[entry.key]!.default, entry.key).toEqual(entry.default);
    }
  });
});

/**
 * Keys a preset file may carry besides the look options. Each brings its own check and its own
 * piece of `preset.schema.json`, so a section owned by another part of redframe (the campaign
 * page's `page`) plugs in here without touching the validator or the schema generator.
 */
import { invalid } from '../core/errors.js';
import { pageSchema, parsePageSection } from './page-section.js';

export interface PresetOnlyKey {
  readonly key: string;
  /** Its schema property (JSON Schema draft-07). */
  readonly schema: Readonly<Record<string, unknown>>;
  /** Checks the value (throwing INVALID_OPTION "Expected X for KEY but received Y") and returns it as kept. */
  check(value: unknown, key: string): unknown;
}

const aString = (value: unknown, key: string): string => {
  if (typeof value === 'string') return value;
  throw invalid(key, 'a string', value);
};

/** The `page` section: what the campaign page says; its check and schema live with the page. */
export const PAGE_KEY: PresetOnlyKey = {
  key: 'page',
  schema: pageSchema(),
  check: (value) => parsePageSection(value),
};

export const PRESET_ONLY_KEYS: readonly PresetOnlyKey[] = [
  {
    key: '$schema',
    schema: { description: 'Where editors find this schema, to complete and check the keys. redframe itself ignores it.', type: 'string' },
    check: aString,
  },
  {
    key: 'description',
    schema: { description: 'One line about the look, for the people you share the preset with.', type: 'string' },
    check: aString,
  },
  PAGE_KEY,
];

export const PRESET_ONLY_KEY_NAMES = PRESET_ONLY_KEYS.map((k) => k.key);

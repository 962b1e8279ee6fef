/**
 * `preset.schema.json`, made from the option table. `npm run schema` writes it
 * (scripts/preset-schema.mjs); a test checks that the file in the repository is this.
 */
import { TRANSPARENT_FORMATS } from '../core/formats.js';
import { LANGUAGE_TAG_PATTERN } from '../options/check.js';
import { PRESET_ONLY_KEYS } from './preset-keys.js';
import { optionsOf, type OptionEntry, type OptionValue } from '../options/table.js';

type Schema = Record<string, unknown>;

function valueSchema(value: OptionValue): Schema {
  switch (value.type) {
    case 'integer':
      return { type: 'integer', minimum: value.min, maximum: value.max };
    case 'number':
      return { type: 'number', minimum: value.min, maximum: value.max };
    case 'choice':
      return { enum: [...value.choices] };
    case 'colour':
      return { type: 'string', pattern: '\\S' };
    case 'lines':
      return { oneOf: [{ $ref: '#/definitions/segment' }, { type: 'array', items: { $ref: '#/definitions/segment' } }] };
    case 'message': {
      const paragraphs = [{ $ref: '#/definitions/segment' }, { type: 'array', items: { $ref: '#/definitions/segment' } }];
      return {
        oneOf: [
          ...paragraphs,
          { type: 'object', propertyNames: { pattern: LANGUAGE_TAG_PATTERN }, additionalProperties: { oneOf: paragraphs }, examples: [{ ar: 'أوقفوا قصف حلب', en: 'Stop the bombing of Aleppo' }] },
        ],
      };
    }
    case 'files':
      return { oneOf: [{ $ref: '#/definitions/file' }, { type: 'array', items: { $ref: '#/definitions/file' } }] };
    case 'language':
      return { type: 'string', pattern: LANGUAGE_TAG_PATTERN, examples: ['ar', 'ur', 'fa-IR'] };
    case 'path':
      return { $ref: '#/definitions/file' };
    case 'switch':
      return { type: 'boolean' };
  }
}

function property(entry: OptionEntry): Schema {
  const about = 'about' in entry ? entry.about : entry.help;
  return {
    description: about,
    ...valueSchema(entry.value),
    ...('default' in entry ? { default: entry.default } : {}),
  };
}

/**
 * The JSON Schema of preset files (draft-07): the look options, the preset-only keys, and the two
 * rules between keys that the validator also applies.
 *
 * @example presetSchema().properties.size // { description: ..., type: 'integer', minimum: 64, maximum: 4096, default: 800 }
 */
export function presetSchema() {
  // $schema and description first, where an editor shows them; other sections after the options.
  const before = PRESET_ONLY_KEYS.filter((k) => k.key === '$schema' || k.key === 'description');
  const after = PRESET_ONLY_KEYS.filter((k) => !before.includes(k));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    $id: 'https://cdn.jsdelivr.net/npm/redframe/preset.schema.json',
    title: 'redframe preset',
    description:
      'A redframe look to share: the same keys as the options (redframe --help). Missing keys take the defaults of the aleppo preset; flags given on the command line override the file. Write a starter with: redframe --init-preset my-preset.json',
    type: 'object',
    additionalProperties: false,
    properties: {
      ...Object.fromEntries(before.map((k) => [k.key, k.schema])),
      ...Object.fromEntries(optionsOf('look').map((entry) => [entry.key, property(entry)])),
      ...Object.fromEntries(after.map((k) => [k.key, k.schema])),
    },
    definitions: {
      segment: { description: 'One banner segment: one line of text.', type: 'string', pattern: '^\\s*\\S(?:[^\\n\\r]*\\S)?\\s*$' },
      file: { description: 'A file path; relative to this preset file.', type: 'string', minLength: 1 },
    },
    allOf: [
      {
        description: 'Text is needed unless there is no banner.',
        if: { properties: { banner: { const: 'none' } }, required: ['banner'] },
        else: { properties: { text: { not: { const: [] } } } },
      },
      {
        description: `A circle needs transparency: format ${TRANSPARENT_FORMATS.join(', ')}.`,
        not: {
          properties: { shape: { const: 'circle' }, format: { not: { enum: [...TRANSPARENT_FORMATS] } } },
          required: ['shape', 'format'],
        },
      },
    ],
  };
}

import { describe, expect, it } from 'vitest';
import { OPTION_TABLE, longFlag } from '../../src/options/table.js';

describe('the option table', () => {
  it('names every key once and every flag once', () => {
    const keys = OPTION_TABLE.map((entry) => entry.key);
    const flags = OPTION_TABLE.map((entry) => longFlag(entry));
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(flags).size).toBe(flags.length);
  });

});

import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_PIXELS, DEFAULT_TIMEOUT_SECONDS, OPTION_TABLE, longFlag } from '../../src/options/table.js';
import { ROOT } from '../helpers.js';

describe('the option table', () => {
  it('names every key once and every flag once', () => {
    const keys = OPTION_TABLE.map((entry) => entry.key);
    const flags = OPTION_TABLE.map((entry) => longFlag(entry));
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(flags).size).toBe(flags.length);
  });

  it('holds the limits of libvips and the per-image time limit', () => {
    expect(OPTION_TABLE.find((e) => e.key === 'maxPixels')).toMatchObject({ default: DEFAULT_MAX_PIXELS });
    expect(DEFAULT_MAX_PIXELS).toBe(268_402_689);
    expect(OPTION_TABLE.find((e) => e.key === 'timeoutSeconds')).toMatchObject({ flag: '--timeout <seconds>', default: DEFAULT_TIMEOUT_SECONDS });
  });

  it('is loaded without sharp, so --help and the schema script need no image engine', async () => {
    // Every module the options and the command definition import, followed through relative imports.
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = async (file: string): Promise<void> => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = await readFile(join(ROOT, file), 'utf8');
      for (const [, specifier] of source.matchAll(/^(?:import|export)[^'"]*?from '([^']+)'/gm)) {
        if (specifier!.startsWith('.')) await visit(join(dirname(file), specifier!.replace(/\.js$/, '.ts')));
        else packages.add(specifier!);
      }
    };
    for (const file of ['src/options.ts', 'src/options/schema.ts', 'src/cli/program.ts']) await visit(file);
    expect(seen.size).toBeGreaterThan(5);
    expect([...packages]).not.toContain('sharp');
  });
});

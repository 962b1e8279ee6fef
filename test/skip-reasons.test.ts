import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import config from '../vitest.config.js';
import { ROOT, tempDir } from './helpers.js';

describe('npm test', () => {
  it('says why each skipped test was skipped, after the default report', async () => {
    expect(config.test?.reporters).toEqual(['default', './test/skip-reasons.ts']);
    // A real vitest run of a file with one skip, reported by the same two reporters.
    const dir = await tempDir();
    await writeFile(join(dir, 'probe.test.ts'), `import { it } from 'vitest';\nit('needs a FAT driver', (ctx) => ctx.skip('no FAT driver here'));\nit('runs', () => {});\n`);
    await writeFile(join(dir, 'vitest.config.mjs'), `export default { test: { include: ['probe.test.ts'], reporters: ['default', ${JSON.stringify(join(ROOT, 'test', 'skip-reasons.ts'))}] } };\n`);
    const vitest = join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
    const { stdout } = await promisify(execFile)(process.execPath, [vitest, 'run', '--config', 'vitest.config.mjs'], { cwd: dir, env: { ...process.env, NO_COLOR: '1', CI: '1' } });
    expect(stdout).toMatch(/1 passed \| 1 skipped/);
    expect(stdout).toContain('skipped: probe.test.ts > needs a FAT driver: no FAT driver here\n');
  });
});

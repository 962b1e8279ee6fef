/**
 * src/portable/ runs in Node and in the browser, so it may use neither's globals. Its tsconfig
 * (tsconfig.portable.json, in `npm run check`) gives it neither the DOM's types nor Node's: this
 * proves that a slip is caught there, and that the folder as it is passes.
 */
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

function diagnosticsOf(extra: Record<string, string>): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(join(ROOT, 'tsconfig.portable.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined })!;
  const host = ts.createCompilerHost(config.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => extra[file] ?? readFile(file);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (file) => file in extra || fileExists(file);
  const program = ts.createProgram([...config.fileNames, ...Object.keys(extra)], config.options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

describe('the code that runs in two places', () => {
  it('type-checks with neither DOM nor Node types', () => {
    expect(diagnosticsOf({})).toEqual([]);
  });

  it('fails when a module uses the DOM or Node', () => {
    const slip = join(ROOT, 'src', 'portable', 'slip.ts');
    expect(diagnosticsOf({ [slip]: 'export const a = document.title;' }).join('\n')).toMatch(/Cannot find name 'document'/);
    expect(diagnosticsOf({ [slip]: 'export const b = Buffer.from([1]);' }).join('\n')).toMatch(/Cannot find name 'Buffer'/);
  });
});

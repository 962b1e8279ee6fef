/**
 * A vitest reporter, run beside the default one, that says why each skipped test was skipped:
 * the default reporter counts skips but never shows the note given to `ctx.skip(note)`, so a test
 * that cannot run here (no root, no FAT driver) would pass unnoticed.
 */
import type { Reporter, TestCase } from 'vitest/node';

export default class SkipReasons implements Reporter {
  private readonly skipped: string[] = [];

  onTestCaseResult(test: TestCase): void {
    const result = test.result();
    if (result.state !== 'skipped') return;
    this.skipped.push(`${test.module.relativeModuleId} > ${test.fullName}: ${result.note ?? 'no reason given'}`);
  }

  onTestRunEnd(): void {
    for (const line of this.skipped) process.stdout.write(`skipped: ${line}\n`);
    this.skipped.length = 0;
  }
}

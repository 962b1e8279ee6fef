import { describe, expect, it } from 'vitest';
import { renderAvatar, renderBatch } from '../../src/api/index.js';
import { checkBatchSettings, resolveLimits } from '../../src/options/settings.js';
import { photo, tempDir } from '../helpers.js';

describe('resolveLimits', () => {
  it('fills in the defaults of the option table', () => {
    expect(resolveLimits()).toEqual({ maxPixels: 268_402_689, maxBytes: 268_435_456, timeoutSeconds: 60, firstFrame: false });
    expect(resolveLimits({ timeoutSeconds: 10 })).toMatchObject({ timeoutSeconds: 10 });
  });

  it.each<[unknown, string]>([
    [{ maxPixels: -1 }, 'Expected an integer from 1 up for maxPixels but received -1'],
    [{ maxBytes: 0.5 }, 'Expected an integer from 1 up for maxBytes but received 0.5'],
    [{ timeoutSeconds: 99999 }, 'Expected a number from 0.001 to 3600 for timeoutSeconds but received 99999'],
    [{ firstFrame: 'yes' }, 'Expected true or false for firstFrame but received "yes"'],
    [{ timeout: 5 }, 'Unknown render limit "timeout"; expected one of maxPixels, maxBytes, timeoutSeconds, firstFrame'],
    [{ maxPixel: 5 }, 'Unknown render limit "maxPixel" (did you mean "maxPixels"?)'],
    [null, 'Expected an object of render limits (or nothing) but received null'],
  ])('rejects %j naming the parameter', (limits, message) => {
    expect(() => resolveLimits(limits as never)).toThrow(message);
  });
});

describe('checkBatchSettings', () => {
  it.each<[unknown, string]>([
    [{ concurrency: Number.NaN }, 'Expected an integer from 1 to 64 for concurrency but received NaN'],
    [{ concurrency: 0 }, 'Expected an integer from 1 to 64 for concurrency but received 0'],
    [{ maxDepth: -1 }, 'Expected an integer from 0 up for maxDepth but received -1'],
    [{ overwite: true }, 'Unknown batch setting "overwite" (did you mean "overwrite"?)'],
    [{ signal: {} }, 'Expected an AbortSignal for signal but received an object'],
    [{ onFile: 'log' }, 'Expected a function for onFile but received "log"'],
    [null, 'Expected an object of batch settings (or nothing) but received null'],
  ])('rejects %j naming the setting', (settings, message) => {
    expect(() => checkBatchSettings(settings as never)).toThrow(message);
  });

  it('takes every documented setting', () => {
    const settings = { output: 'out', overwrite: true, concurrency: 2, maxDepth: 0, maxPixels: 10, timeoutSeconds: 5, firstFrame: true, cwd: '/', signal: new AbortController().signal, onFile() {}, onStart() {} };
    expect(checkBatchSettings(settings)).toEqual(settings); // a plain copy, read once
  });
});

describe('the library checks its own inputs', () => {
  it('refuses bad limits as INVALID_OPTION before reading the photo, not as a damaged photo', async () => {
    await expect(renderAvatar(photo('astronaut.jpg'), {}, { maxPixels: -1 })).rejects.toMatchObject({ code: 'INVALID_OPTION', message: expect.stringContaining('for maxPixels') });
    await expect(renderAvatar(photo('astronaut.jpg'), {}, { timeoutSeconds: 99999 })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(renderAvatar(photo('astronaut.jpg'), {}, null as never)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });

  it('refuses a batch with a NaN concurrency or a misspelt setting, writing nothing', async () => {
    const dir = await tempDir();
    await expect(renderBatch([photo('astronaut.jpg')], {}, { output: dir, concurrency: Number.NaN })).rejects.toMatchObject({ code: 'INVALID_OPTION' });
    await expect(renderBatch([photo('astronaut.jpg')], {}, { output: dir, overwite: true } as never)).rejects.toThrow(/did you mean "overwrite"/);
    await expect(renderBatch([photo('astronaut.jpg')], {}, null as never)).rejects.toMatchObject({ code: 'INVALID_OPTION' });
  });
});

import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { base64ToBytes, rgbaToRgb, toRgba, unpackLayer } from '../../src/web/pixels.js';

describe('the baked layers', () => {
  it('come back byte for byte from what the Node side writes (zlib, base64)', async () => {
    const layer = Uint8Array.from({ length: 64 * 64 * 4 }, (_, i) => (i * 31) % 256);
    const baked = deflateSync(layer).toString('base64');
    expect(base64ToBytes(Buffer.from('hi there').toString('base64'))).toEqual(new Uint8Array(Buffer.from('hi there')));
    expect(await unpackLayer(baked, layer.length, 'the overlay')).toEqual(layer);
    expect(await unpackLayer(undefined, 16, 'the mask')).toBeUndefined();
  });

  it('refuse a layer of the wrong size, naming it', async () => {
    const baked = deflateSync(new Uint8Array(10)).toString('base64');
    await expect(unpackLayer(baked, 16, 'the mask')).rejects.toThrow('Expected 16 bytes for the mask but received 10');
  });
});

describe('canvas layouts', () => {
  it('drops and restores alpha between canvas RGBA and the RGB the pixel pass reads', () => {
    const rgba = new Uint8ClampedArray([1, 2, 3, 255, 4, 5, 6, 255]);
    const rgb = rgbaToRgb(rgba);
    expect([...rgb]).toEqual([1, 2, 3, 4, 5, 6]);
    expect([...toRgba(rgb, 3, new Uint8ClampedArray(8))]).toEqual([1, 2, 3, 255, 4, 5, 6, 255]);
    expect([...toRgba(new Uint8Array([9, 8, 7, 128]), 4, new Uint8ClampedArray(4))]).toEqual([9, 8, 7, 128]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ZOOM, clampTransform, initialTransform, panBy, photoMatrix, rotateQuarter, scaleOf, zoomTo, type Frame, type Transform } from '../../src/web/transform.js';

const landscape: Frame = { width: 4032, height: 3024, size: 800 };

/** Where a photo pixel lands in the square under the canvas matrix. */
function place(frame: Frame, t: Transform, x: number, y: number) {
  const [a, b, c, d, e, f] = photoMatrix(frame, t);
  return { x: a * x + c * y + e, y: b * x + d * y + f };
}

/** The square the photo covers in the output, from its four corners. */
function covered(frame: Frame, t: Transform) {
  const corners = [[0, 0], [frame.width, 0], [0, frame.height], [frame.width, frame.height]].map(([x, y]) => place(frame, t, x!, y!));
  const xs = corners.map((p) => p.x), ys = corners.map((p) => p.y);
  return { left: Math.min(...xs), right: Math.max(...xs), top: Math.min(...ys), bottom: Math.max(...ys) };
}

describe('photo transform', () => {
  it('starts centred, the short side filling the square (the CLI centre crop)', () => {
    const t = clampTransform(landscape, initialTransform());
    expect(scaleOf(landscape, t)).toBeCloseTo(800 / 3024);
    expect(covered(landscape, t)).toEqual({ left: -(4032 * (800 / 3024) - 800) / 2, right: 800 + (4032 * (800 / 3024) - 800) / 2, top: 0, bottom: 800 });
    expect(place(landscape, t, 2016, 1512)).toEqual({ x: 400, y: 400 });
  });

  it('never lets an edge of the photo into the square, however far it is dragged', () => {
    const t = panBy(landscape, initialTransform(), 10_000, -10_000);
    const box = covered(landscape, t);
    expect(box.left).toBeCloseTo(0);
    expect(box.top).toBeCloseTo(0);
    expect(box.bottom).toBeCloseTo(800);
  });

  it('zooms about a point: the photo pixel under it stays put', () => {
    const start = clampTransform(landscape, initialTransform());
    const around = { x: 150, y: -100 }; // from the centre, in output pixels
    const zoomed = zoomTo(landscape, start, 2, around);
    // The photo point under (550, 300) before is still under it after.
    const s0 = scaleOf(landscape, start), s1 = scaleOf(landscape, zoomed);
    const photoX = 2016 + (around.x - start.x) / s0, photoY = 1512 + (around.y - start.y) / s0;
    expect(place(landscape, zoomed, photoX, photoY).x).toBeCloseTo(550);
    expect(place(landscape, zoomed, photoX, photoY).y).toBeCloseTo(300);
    expect(s1 / s0).toBeCloseTo(2);
  });

  it('keeps zoom between covering the square and MAX_ZOOM', () => {
    expect(zoomTo(landscape, initialTransform(), 0.2).zoom).toBe(1);
    expect(zoomTo(landscape, initialTransform(), 99).zoom).toBe(MAX_ZOOM);
  });

  it('turns a quarter clockwise: the photo top goes to the right, and four turns come back', () => {
    const once = rotateQuarter(landscape, initialTransform());
    expect(once.quarterTurns).toBe(1);
    // Top-centre of the photo lands right of the centre.
    const top = place(landscape, once, 2016, 0);
    expect(top.x).toBeGreaterThan(400);
    expect(top.y).toBeCloseTo(400);
    let t = zoomTo(landscape, initialTransform(), 2, { x: 100, y: 50 });
    const start = t;
    for (let i = 0; i < 4; i++) t = rotateQuarter(landscape, t);
    expect(t.quarterTurns).toBe(0);
    expect(t.x).toBeCloseTo(start.x);
    expect(t.y).toBeCloseTo(start.y);
  });

  it('covers the square after any sequence of moves, zooms and turns', () => {
    const step = fc.oneof(
      fc.record({ pan: fc.tuple(fc.double({ min: -2000, max: 2000, noNaN: true }), fc.double({ min: -2000, max: 2000, noNaN: true })) }),
      fc.record({ zoom: fc.double({ min: 0.1, max: 10, noNaN: true }), at: fc.tuple(fc.integer({ min: -400, max: 400 }), fc.integer({ min: -400, max: 400 })) }),
      fc.constant({ turn: true }),
    );
    fc.assert(
      fc.property(fc.integer({ min: 50, max: 6000 }), fc.integer({ min: 50, max: 6000 }), fc.array(step, { maxLength: 12 }), (width, height, steps) => {
        const frame = { width, height, size: 800 };
        let t = clampTransform(frame, initialTransform());
        for (const s of steps) {
          if ('pan' in s) t = panBy(frame, t, ...s.pan);
          else if ('zoom' in s) t = zoomTo(frame, t, t.zoom * s.zoom, { x: s.at[0], y: s.at[1] });
          else t = rotateQuarter(frame, t);
        }
        const box = covered(frame, t);
        const slack = 1e-6 * 800;
        return box.left <= slack && box.top <= slack && box.right >= 800 - slack && box.bottom >= 800 - slack;
      }),
    );
  });
});

/**
 * The neutral drawn figure that stands in for a photo: on the link-preview card (Node, through
 * sharp) and in the page before anyone has chosen a photo (the browser, as an SVG image). Pure
 * string building, imported by both sides, so it imports nothing.
 */

/**
 * A neutral head and shoulders, drawn: light background, mid-grey figure, so every treatment shows
 * its light and its shade on it.
 *
 * @example await sharp(Buffer.from(silhouetteSvg(800))).png().toBuffer()
 */
export function silhouetteSvg(size: number): string {
  const s = (fraction: number) => Math.round(fraction * size * 10) / 10;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}" viewBox="0 0 ${size} ${size}">`,
    '<defs><radialGradient id="light" cx="50%" cy="35%" r="75%"><stop offset="0" stop-color="#f2f2f2"/><stop offset="1" stop-color="#a6a6a6"/></radialGradient>',
    '<linearGradient id="figure" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#5c5c5c"/><stop offset="1" stop-color="#2e2e2e"/></linearGradient></defs>',
    `<rect width="${size}" height="${size}" fill="url(#light)"/>`,
    // Shoulders: a rounded trapezoid from under the chin to below the bottom edge.
    `<path fill="url(#figure)" d="M${s(0.1)} ${s(1.02)}C${s(0.1)} ${s(0.78)} ${s(0.25)} ${s(0.66)} ${s(0.42)} ${s(0.63)}L${s(0.58)} ${s(0.63)}C${s(0.75)} ${s(0.66)} ${s(0.9)} ${s(0.78)} ${s(0.9)} ${s(1.02)}Z"/>`,
    // Neck and head.
    `<rect x="${s(0.44)}" y="${s(0.5)}" width="${s(0.12)}" height="${s(0.16)}" rx="${s(0.03)}" fill="#4a4a4a"/>`,
    `<ellipse cx="${s(0.5)}" cy="${s(0.38)}" rx="${s(0.15)}" ry="${s(0.185)}" fill="url(#figure)"/>`,
    '</svg>',
  ].join('');
}


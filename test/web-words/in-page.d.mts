export type Shaped = { file: string; runs: { text: string; glyphs: number[][] }[] }[];
export function shapeEach(hb: typeof import('harfbuzzjs'), fonts: { file: string; bytes: Uint8Array }[], texts: { text: string; language?: string }[]): Shaped;
export function base64Of(bytes: Uint8Array): string;
export function fingerprint(text: string): string;
export function makeEach(
  words: unknown, fonts: Record<string, string>,
  cases: { name: string; look: unknown; surface?: string; drawing?: { band: boolean; photo: boolean; slot?: boolean } }[],
  print: (text: string) => string,
): Record<string, string>;

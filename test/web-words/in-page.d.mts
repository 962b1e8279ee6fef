export type Shaped = { file: string; runs: { text: string; glyphs: number[][] }[] }[];
export function shapeEach(hb: typeof import('harfbuzzjs'), fonts: { file: string; bytes: Uint8Array }[], texts: { text: string; language?: string }[]): Shaped;
export function base64Of(bytes: Uint8Array): string;

import type { PageEngine } from './engine.d.mts';
export const FIREFOX: string;
export function launchFirefox(options: { locale: string }): Promise<PageEngine>;

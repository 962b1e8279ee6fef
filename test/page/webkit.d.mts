import type { PageEngine } from './engine.d.mts';
export const WEBKIT_DRIVER: string;
export const MINIBROWSER: string;
export function startXvfb(): Promise<{ display: string; stop(): void }>;
export function launchWebKit(options: { locale: string }): Promise<PageEngine>;

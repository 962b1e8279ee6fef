import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';

export const CHROMIUM: string;
export const CHROMIUM_ARGS: string[];
export function launchChromium(): Promise<Browser>;
export function openCampaignPage(
  browser: Browser,
  file: string,
  options?: BrowserContextOptions,
): Promise<{ context: BrowserContext; page: Page; requests: string[]; errors: string[] }>;

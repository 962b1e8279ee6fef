import { PAGE_IDS } from '../../src/portable/page-config.js';

/**
 * The CSS selector of one of the campaign page's elements, by its key in PAGE_IDS (the ids the
 * page's own script looks up), so the browser tests follow a renamed id.
 *
 * @example await page.click(idSelector('fileInput')) // '#photo-input'
 */
export const idSelector = (key: keyof typeof PAGE_IDS): string => `#${PAGE_IDS[key]}`;

export function pageHooks(): void;
export const PAGE_HOOKS: string;

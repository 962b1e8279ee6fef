/**
 * The avatar's outline. Every big platform shows avatars as a circle, so `circle` bakes that crop
 * in (transparent corners); `square` leaves it to the platform.
 */
export const SHAPES = ['square', 'circle'] as const;
export type Shape = (typeof SHAPES)[number];

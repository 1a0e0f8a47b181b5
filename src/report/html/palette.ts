/**
 * Colours and geometry shared by the SVG figures, so the timeline and the availability strips
 * line up column for column. Every colour pairs with a word in the cell: nothing is colour-only.
 */
import { releaseIndex } from '../format.ts';

export const GEOMETRY = { labelWidth: 300, colWidth: 88, headHeight: 58, rowHeight: 58, stripHeight: 46 } as const;

export const COLOURS = {
  ink: '#111111',
  muted: '#444444',
  grid: '#9e9e9e',
  bad: '#c62828',
  badBg: '#fdecea',
  drained: '#b35900',
  up: '#e3f1e5',
  upInk: '#1b5e20',
  down: '#c62828',
  downInk: '#ffffff',
  absent: '#f2f2f2',
} as const;

/** Fill and text colour for a cell showing `release` in a plan from → to. */
export function releaseColours(release: string, from: string, to: string): { fill: string; ink: string } {
  if (!release) return { fill: COLOURS.absent, ink: COLOURS.muted };
  const i = releaseIndex(release);
  const f = releaseIndex(from);
  const t = releaseIndex(to);
  if (release === from) return { fill: '#cfd8dc', ink: COLOURS.ink };
  if (release === to) return { fill: '#0d47a1', ink: '#ffffff' };
  if (i < 0 || f < 0 || t < 0 || i < f) return { fill: '#fff3bf', ink: COLOURS.ink };
  if (i > t) return { fill: '#6a1b9a', ink: '#ffffff' };
  return { fill: '#90caf9', ink: COLOURS.ink };
}

/** Shortens text to about `max` characters, with an ellipsis. */
export function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, Math.max(1, max - 1))}…`;
}

/**
 * Figures shrink to the page width (projectors, print) but never below 70 % of their natural
 * size, where the text would be unreadable; past that the figure scrolls sideways.
 */
export function fitStyle(width: number): string {
  return `width:100%;max-width:${width}px;min-width:${Math.round(width * 0.7)}px;height:auto`;
}

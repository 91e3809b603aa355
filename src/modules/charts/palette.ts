import { el } from './svg.js'

/**
 * Colours, dash patterns and fills of the charts. They are chosen to survive a greyscale printer: the series
 * one chart draws side by side differ in lightness (CIE L*, see {@link lightness}) by at least
 * {@link MIN_LIGHTNESS_STEP}, and lines differ in dash pattern and marker too; savings and increases are
 * hatched. Every line and mark reaches 3:1 contrast against white (WCAG 1.4.11). The same series has the same
 * look in every chart: baseline grey, optimized deep blue, fully optimized teal.
 */

/** The least lightness difference (CIE L*, 0–100) between two series drawn side by side. */
export const MIN_LIGHTNESS_STEP = 15

export const INK = {
  /** Titles, labels. */
  text: '#1f2328',
  /** Subtitles, axis ticks, secondary labels. */
  muted: '#57606a',
  /** Axis line. */
  axis: '#8c959f',
  /** Grid lines. */
  grid: '#d8dee4',
  background: '#ffffff',
} as const

/** One drawn series: its colour, and for lines a dash pattern (none: solid) and a marker shape. */
export interface SeriesStyle {
  colour: string
  dash?: string
  marker?: 'circle' | 'square' | 'triangle'
}

/** The spend series (lines in the forecast, bars in the waterfall and the years chart). */
export const SPEND = {
  baseline: { colour: '#6b6b6b', dash: '7 4', marker: 'square' },
  optimized: { colour: '#0e3f86', marker: 'circle' },
  fullyOptimized: { colour: '#2ca58d', dash: '2 3', marker: 'triangle' },
} as const satisfies Record<string, SeriesStyle>

/** The P10–P90 band of the simulation (an area behind the lines: light, with its own edge). */
export const BAND = { fill: '#bcd3ee', edge: '#6f93c4' } as const

/** Commitment lines: thicker than spend lines, each with its own dash. */
export const COMMITMENT = {
  recommended: { colour: '#d95f02' },
  proposed: { colour: '#5e3c99', dash: '10 5' },
  baseline: { colour: '#1a1a1a', dash: '3 3 10 3' },
} as const satisfies Record<string, SeriesStyle>

/** Waterfall steps: a saving (teal, hatched) and an increase (vermilion, cross-hatched). */
export const STEP = { saving: '#2ca58d', increase: '#d95f02' } as const

/** Width of a spend line and of a commitment line. */
export const LINE_WIDTH = { spend: 2, commitment: 3 } as const

/** The ids of the fill patterns {@link patternDefs} defines, under a chart's id prefix. */
export function patternIds(prefix: string) {
  return {
    saving: `${prefix}-hatch-saving`,
    increase: `${prefix}-hatch-increase`,
    baseline: `${prefix}-hatch-baseline`,
  }
}

/**
 * Fill patterns: diagonal white hatching over the saving colour, cross-hatching over the increase colour,
 * and a fine hatching over the baseline grey (the years chart's baseline bars, so a greyscale print tells
 * them from the optimized ones by texture as well as by lightness).
 */
export function patternDefs(prefix: string): string {
  const ids = patternIds(prefix)
  const hatch = (id: string, colour: string, cross: boolean, gap: number) =>
    el(
      'pattern',
      { id, width: gap, height: gap, patternUnits: 'userSpaceOnUse', patternTransform: 'rotate(45)' },
      el('rect', { width: gap, height: gap, fill: colour }),
      el('line', {
        x1: 0,
        y1: 0,
        x2: 0,
        y2: gap,
        stroke: '#ffffff',
        'stroke-width': 2,
        'stroke-opacity': 0.55,
      }),
      cross
        ? el('line', {
            x1: 0,
            y1: 0,
            x2: gap,
            y2: 0,
            stroke: '#ffffff',
            'stroke-width': 2,
            'stroke-opacity': 0.55,
          })
        : '',
    )
  return [
    hatch(ids.saving, STEP.saving, false, 7),
    hatch(ids.increase, STEP.increase, true, 7),
    hatch(ids.baseline, SPEND.baseline.colour, false, 5),
  ].join('')
}

/** sRGB channel (0–255) to linear light. */
function linearChannel(channel: number): number {
  const c = channel / 255
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}

/** Relative luminance (WCAG) of a `#rrggbb` colour. */
export function luminance(hex: string): number {
  const n = Number.parseInt(hex.slice(1), 16)
  return (
    0.2126 * linearChannel(n >> 16) + 0.7152 * linearChannel((n >> 8) & 255) + 0.0722 * linearChannel(n & 255)
  )
}

/** CIE L* lightness (0 black – 100 white) of a `#rrggbb` colour: how light it prints in greyscale. */
export function lightness(hex: string): number {
  const y = luminance(hex)
  return y > 216 / 24389 ? 116 * Math.cbrt(y) - 16 : (y * 24389) / 27
}

/** WCAG contrast ratio of two colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (hi + 0.05) / (lo + 0.05)
}

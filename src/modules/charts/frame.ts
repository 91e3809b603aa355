import { axisMoney } from './format.js'
import { BAND, INK, patternDefs, type SeriesStyle } from './palette.js'
import { linear, tickTarget, type ValueAxis, valueAxis } from './scale.js'
import { type Attrs, el, escapeXml, fitText, num, text, textWidth } from './svg.js'

/**
 * What every chart shares: the document (accessible name and description, fonts, background, patterns), the
 * heading, the money axis with its grid, the legend and the markers of line series.
 */

/** The font stack: Open Sans where the browser or the PNG renderer has it, else DejaVu Sans, else any sans. */
export const FONT_FAMILY = "'Open Sans', 'DejaVu Sans', Arial, Helvetica, sans-serif"

export const FONT = { title: 18, subtitle: 12, label: 12, tick: 11, small: 11 } as const

/** The space around the plot that every chart keeps. */
export const MARGIN = { left: 76, top: 76, edge: 24 } as const

/** The smallest drawing the layout is made for; a smaller chart is this layout scaled down (a thumbnail). */
export const DESIGN_MIN = { width: 640, height: 400 } as const

/**
 * The size a chart is laid out at: the requested size, or — when that is smaller than {@link DESIGN_MIN} — the
 * requested aspect ratio enlarged until it is not, so text and legend keep their room and the drawing is scaled
 * down as a whole by the viewBox.
 */
export function layoutSize(width: number, height: number): { width: number; height: number } {
  const k = Math.max(1, DESIGN_MIN.width / width, DESIGN_MIN.height / height)
  return { width: Math.round(width * k), height: Math.round(height * k) }
}

export interface DocumentInit {
  chart: string
  /** The drawing's size on the page (`width`/`height` attributes): the requested one. */
  size: { readonly width: number; readonly height: number }
  /** The size it is laid out at ({@link layoutSize}): the viewBox. */
  layout: { width: number; height: number }
  idPrefix: string
  /** The accessible name (`<title>`), one line. */
  title: string
  /** The accessible description (`<desc>`): the key figures in words. */
  desc: string
  /** `data-` attributes of the root element (the chart's headline figures). */
  data: Attrs
  body: string[]
}

/** The `<svg>` document: `role="img"` named by its `<title>` and described by its `<desc>`. */
export function chartDocument(init: DocumentInit): string {
  const titleId = `${init.idPrefix}-title`
  const descId = `${init.idPrefix}-desc`
  return el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      width: init.size.width,
      height: init.size.height,
      viewBox: `0 0 ${num(init.layout.width)} ${num(init.layout.height)}`,
      role: 'img',
      'aria-labelledby': `${titleId} ${descId}`,
      'font-family': FONT_FAMILY,
      'data-chart': init.chart,
      ...init.data,
    },
    el('title', { id: titleId }, escapeXml(init.title)),
    el('desc', { id: descId }, escapeXml(init.desc)),
    el('defs', {}, patternDefs(init.idPrefix)),
    el('rect', { width: init.layout.width, height: init.layout.height, fill: INK.background }),
    ...init.body,
  )
}

/** The visible title and subtitle, cut to the width of the drawing. */
export function heading(title: string, subtitle: string, width: number): string {
  const room = width - 2 * MARGIN.edge
  return el(
    'g',
    { class: 'heading' },
    text(
      { x: MARGIN.edge, y: 32, 'font-size': FONT.title, 'font-weight': 700, fill: INK.text },
      fitText(title, room, FONT.title),
    ),
    text(
      { x: MARGIN.edge, y: 54, 'font-size': FONT.subtitle, fill: INK.muted },
      fitText(subtitle, room, FONT.subtitle),
    ),
  )
}

/** The plot's rectangle. */
export interface Plot {
  left: number
  right: number
  top: number
  bottom: number
}

/**
 * The money axis of a plot that must reach `largest`: its round ticks for the plot's height, the scale from a
 * figure to its `y`, and the grid ({@link valueGrid}) drawn at those ticks.
 */
export function moneyAxis(largest: number, plot: Plot) {
  const axis = valueAxis(largest, tickTarget(plot.bottom - plot.top))
  const y = linear(axis.max, plot.bottom, plot.top)
  return { axis, y, grid: valueGrid(axis, y, plot) }
}

/** The subtitle: the parts there are (a preview has no scenario name), in order, separated by middle dots. */
export function subtitle(...parts: (string | undefined)[]): string {
  return parts.filter(Boolean).join(' · ')
}

/** A bold line of text centred on `x` in the label size: a column's name, a bar's figure. */
export function centredLabel(x: number, y: number, content: string): string {
  return text(
    { x, y, 'text-anchor': 'middle', 'font-size': FONT.label, 'font-weight': 700, fill: INK.text },
    content,
  )
}

/** A muted line of small text centred on `x`: what a column's name or a bar's figure is of. */
export function centredNote(x: number, y: number, content: string): string {
  return text({ x, y, 'text-anchor': 'middle', 'font-size': FONT.small, fill: INK.muted }, content)
}

/** Horizontal grid lines at the axis's ticks, with their abbreviated labels on the left, and the base line. */
export function valueGrid(axis: ValueAxis, y: (value: number) => number, plot: Plot): string {
  const lines = axis.ticks.map((tick) =>
    el(
      'g',
      { class: 'tick', 'data-value': String(Number(tick.toPrecision(12))) },
      tick === 0
        ? ''
        : el('line', {
            x1: plot.left,
            x2: plot.right,
            y1: y(tick),
            y2: y(tick),
            stroke: INK.grid,
            'stroke-width': 1,
          }),
      text(
        {
          x: plot.left - 8,
          y: y(tick) + 4,
          'text-anchor': 'end',
          'font-size': FONT.tick,
          fill: INK.muted,
        },
        axisMoney(tick, axis.max, axis.step),
      ),
    ),
  )
  const base = el('line', {
    x1: plot.left,
    x2: plot.right,
    y1: plot.bottom,
    y2: plot.bottom,
    stroke: INK.axis,
    'stroke-width': 1,
  })
  return el('g', { class: 'y-axis', 'aria-hidden': 'true' }, ...lines, base)
}

/** One entry of a legend. */
export type LegendItem =
  | { kind: 'line'; label: string; style: SeriesStyle; width: number; series: string }
  | { kind: 'bar'; label: string; fill: string; series: string; stroke?: string }
  | { kind: 'band'; label: string; series: string }
  | { kind: 'whisker'; label: string; series: string; colour: string }

const SWATCH = 30
const ITEM_GAP = 22

/** Height one legend row takes. */
const ROW = 20

/** The legend's entries laid out in rows from `x` within `width`, and the height the rows take. */
export function legend(items: readonly LegendItem[], x: number, y: number, width: number) {
  const placed: string[] = []
  let cx = x
  let row = 0
  for (const item of items) {
    const w = SWATCH + 8 + textWidth(item.label, FONT.label)
    if (cx > x && cx + w > x + width) {
      row++
      cx = x
    }
    const cy = y + row * ROW
    placed.push(
      el(
        'g',
        { class: 'legend-item', 'data-series': item.series },
        swatch(item, cx, cy),
        text({ x: cx + SWATCH + 8, y: cy + 4, 'font-size': FONT.label, fill: INK.text }, item.label),
      ),
    )
    cx += w + ITEM_GAP
  }
  return { svg: el('g', { class: 'legend' }, ...placed), height: (row + 1) * ROW }
}

/**
 * The legend across the foot of a drawing of this layout size, within the edge margins: its SVG, and the `y`
 * of its first row, which the plot is fitted above.
 */
export function footLegend(items: readonly LegendItem[], layout: { width: number; height: number }) {
  const width = layout.width - 2 * MARGIN.edge
  const top = layout.height - MARGIN.edge - legend(items, 0, 0, width).height + 12
  return { top, svg: legend(items, MARGIN.edge, top, width).svg }
}

function swatch(item: LegendItem, x: number, y: number): string {
  switch (item.kind) {
    case 'line':
      return [
        el('line', {
          x1: x,
          x2: x + SWATCH,
          y1: y,
          y2: y,
          stroke: item.style.colour,
          'stroke-width': item.width,
          'stroke-dasharray': item.style.dash,
        }),
        item.style.marker ? marker(item.style.marker, x + SWATCH / 2, y, 3.5, item.style.colour, {}) : '',
      ].join('')
    case 'bar':
      return el('rect', {
        x: x + 8,
        y: y - 7,
        width: 14,
        height: 14,
        fill: item.fill,
        stroke: item.stroke,
      })
    case 'band':
      return el('rect', {
        x,
        y: y - 6,
        width: SWATCH,
        height: 12,
        fill: BAND.fill,
        stroke: BAND.edge,
        'stroke-width': 1,
      })
    case 'whisker':
      return [
        el('line', {
          x1: x + SWATCH / 2,
          x2: x + SWATCH / 2,
          y1: y - 7,
          y2: y + 7,
          stroke: item.colour,
          'stroke-width': 1.5,
        }),
        el('line', { x1: x + 9, x2: x + 21, y1: y - 7, y2: y - 7, stroke: item.colour, 'stroke-width': 1.5 }),
        el('line', { x1: x + 9, x2: x + 21, y1: y + 7, y2: y + 7, stroke: item.colour, 'stroke-width': 1.5 }),
      ].join('')
  }
}

/**
 * A marker of a line series at (x, y), carrying `data`: a circle, a square or a triangle, white-edged so
 * crossing lines stay readable.
 */
export function marker(
  shape: NonNullable<SeriesStyle['marker']>,
  x: number,
  y: number,
  size: number,
  colour: string,
  data: Attrs,
): string {
  const paint = { fill: colour, stroke: INK.background, 'stroke-width': size > 2.5 ? 1 : 0.5 }
  switch (shape) {
    case 'circle':
      return el('circle', { cx: x, cy: y, r: size, ...paint, ...data })
    case 'square':
      return el('rect', { x: x - size, y: y - size, width: 2 * size, height: 2 * size, ...paint, ...data })
    case 'triangle': {
      const h = size * 1.15
      return el('path', {
        d: `M${num(x)} ${num(y - h)} L${num(x + h)} ${num(y + h * 0.8)} L${num(x - h)} ${num(y + h * 0.8)} Z`,
        ...paint,
        ...data,
      })
    }
  }
}

/** Labels placed at `y` positions, moved apart so no two are closer than `gap` and kept within [top, bottom]. */
export function spreadLabels(wanted: readonly number[], gap: number, top: number, bottom: number): number[] {
  const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i)
  const placed = order.map((o) => o.y)
  for (let k = 1; k < placed.length; k++) placed[k] = Math.max(placed[k]!, placed[k - 1]! + gap)
  const overflow = (placed.at(-1) ?? bottom) - bottom
  if (overflow > 0) {
    placed[placed.length - 1]! -= overflow
    for (let k = placed.length - 2; k >= 0; k--) placed[k] = Math.min(placed[k]!, placed[k + 1]! - gap)
  }
  for (let k = 0; k < placed.length; k++) placed[k] = Math.max(placed[k]!, top)
  const result = new Array<number>(wanted.length)
  order.forEach((o, k) => {
    result[o.i] = placed[k]!
  })
  return result
}

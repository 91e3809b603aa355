import { dec } from '../../domain/index.js'
import type { ChartOptions, ChartPlan } from './chart-plan.js'
import { commitmentLegend, type DrawnCommitment, drawnCommitments, KIND_NAMES } from './commitments.js'
import { money, monthKey, monthName, monthParts, monthRange, perMonth } from './format.js'
import {
  chartDocument,
  FONT,
  footLegend,
  heading,
  type LegendItem,
  layoutSize,
  MARGIN,
  marker,
  moneyAxis,
  type Plot,
  spreadLabels,
  subtitle,
} from './frame.js'
import { BAND, INK, LINE_WIDTH, SPEND } from './palette.js'
import { position } from './scale.js'
import { el, fitText, num, polyline, text, textWidth } from './svg.js'

/** The monthly spend series, in drawing order (the optimized forecast last, on top). */
const SERIES = [
  { key: 'baseline', attr: 'data-baseline', label: 'Baseline (today)', style: SPEND.baseline },
  {
    key: 'fullyOptimized',
    attr: 'data-fully-optimized',
    label: 'Fully optimized',
    style: SPEND.fullyOptimized,
  },
  { key: 'optimized', attr: 'data-optimized', label: 'Optimized, as scheduled', style: SPEND.optimized },
] as const

/** The lines of a commitment's label: its name, its total, the money it likely strands. */
function labelLines(c: DrawnCommitment): [string, string, string] {
  return [
    c.kinds.map((k) => KIND_NAMES[k].short).join(' = '),
    `${money(c.commit)} commit`,
    `${money(c.expectedStranded)} exp. stranded`,
  ]
}

/** Room on the right of the plot for the commitment labels: their longest line, within a quarter of the width. */
function labelRoom(commitments: readonly DrawnCommitment[], width: number): number {
  const longest = Math.max(0, ...commitments.flatMap(labelLines).map((line) => textWidth(line, FONT.small)))
  return Math.min(Math.max(longest + 34, 120), width / 4)
}

/**
 * The commitment forecast: monthly spend — baseline, optimized as scheduled, fully optimized — with the
 * simulation's P10–P90 band and the recommended, proposed and baseline-sized commitments drawn as what they
 * commit per month: one level for the whole term under `structure: term`, one per contract year under
 * `annual`. Where a commitment line runs above the band, that money is likely stranded.
 *
 * The band is the simulated spend of each contract year (its P10 and P90, `years[].percentiles`) spread evenly
 * over the year's months: the simulation reports years, not months, and a per-month average is what a
 * commitment line is comparable with.
 *
 * `data-` attributes: every point `data-month` (`2027-01`) and its series' figure (`data-baseline`,
 * `data-optimized`, `data-fully-optimized`); every band `data-year`, `data-months`, `data-p10`, `data-p50`,
 * `data-p90` (the year's simulated spend) and `data-p10-monthly`, `data-p90-monthly`; every commitment
 * `data-kind`, `data-kinds`, `data-commit`, `data-expected-stranded`, and each of its periods `data-year`,
 * `data-first-month`, `data-months`, `data-commit`, `data-commit-monthly`.
 */
export function forecastSvg(plan: ChartPlan, options: ChartOptions): string {
  const { width, height } = layoutSize(options.width, options.height)
  const prefix = options.idPrefix ?? 'ccp-forecast'
  const months = plan.months
  const commitments = drawnCommitments(plan)

  const items: LegendItem[] = [
    ...SERIES.map(
      (s) =>
        ({ kind: 'line', label: s.label, style: s.style, width: LINE_WIDTH.spend, series: s.key }) as const,
    ),
    { kind: 'band', label: 'Simulated P10–P90', series: 'band' },
    ...commitmentLegend(commitments),
  ]
  const shown = footLegend(items, { width, height })
  const room = labelRoom(commitments, width)
  const plot: Plot = { left: MARGIN.left, right: width - MARGIN.edge - room, top: 84, bottom: shown.top - 58 }

  const bandMonthly = plan.years.map((y) => ({
    year: y,
    p10: perMonth(y.percentiles.p10, y.months),
    p90: perMonth(y.percentiles.p90, y.months),
  }))
  const largest = Math.max(
    ...months.flatMap((m) => [position(m.baseline), position(m.optimized), position(m.fullyOptimized)]),
    ...bandMonthly.map((b) => position(b.p90)),
    ...commitments.flatMap((c) => c.periods.map((p) => position(p.monthly))),
  )
  const { y, grid } = moneyAxis(largest, plot)
  const slot = (plot.right - plot.left) / Math.max(months.length, 1)
  const x = (m: number) => plot.left + slot * (m + 0.5)
  const edge = (m: number) => plot.left + slot * m
  const markerSize = Math.max(1.5, Math.min(3.5, slot * 0.22))

  // Contract years: the band, and a separator with the year's name when the term has more than one.
  let first = 0
  const bands: string[] = []
  const separators: string[] = []
  for (const { year, p10, p90 } of bandMonthly) {
    const x1 = edge(first)
    const x2 = edge(first + year.months)
    bands.push(
      el(
        'g',
        {
          class: 'band',
          'data-year': String(year.year),
          'data-months': String(year.months),
          'data-p10': year.percentiles.p10,
          'data-p50': year.percentiles.p50,
          'data-p90': year.percentiles.p90,
          'data-p10-monthly': p10,
          'data-p90-monthly': p90,
        },
        el('rect', {
          x: x1,
          y: y(position(p90)),
          width: x2 - x1,
          height: Math.max(y(position(p10)) - y(position(p90)), 1),
          fill: BAND.fill,
          'fill-opacity': 0.75,
        }),
        el('path', {
          d: `M${num(x1)} ${num(y(position(p90)))} H${num(x2)} M${num(x1)} ${num(y(position(p10)))} H${num(x2)}`,
          stroke: BAND.edge,
          'stroke-width': 1,
          fill: 'none',
        }),
      ),
    )
    if (plan.years.length > 1) {
      if (first > 0)
        separators.push(
          el('line', {
            x1,
            x2: x1,
            y1: plot.top,
            y2: plot.bottom,
            stroke: INK.axis,
            'stroke-width': 1,
            'stroke-dasharray': '2 4',
          }),
        )
      separators.push(
        text(
          { x: x1 + 6, y: plot.top - 6, 'font-size': FONT.small, fill: INK.muted },
          fitText(`Year ${year.year}`, x2 - x1 - 8, FONT.small),
        ),
      )
    }
    first += year.months
  }

  const lines = SERIES.map((series) => {
    const points = months.map((m) => [x(m.month), y(position(m[series.key]))] as const)
    return el(
      'g',
      { class: 'series', 'data-series': series.key },
      el('path', {
        d: polyline(points),
        fill: 'none',
        stroke: series.style.colour,
        'stroke-width': LINE_WIDTH.spend,
        'stroke-dasharray': 'dash' in series.style ? series.style.dash : undefined,
        'stroke-linejoin': 'round',
      }),
      ...months.map((m, i) =>
        marker(series.style.marker, points[i]![0], points[i]![1], markerSize, series.style.colour, {
          'data-month': monthKey(m.start),
          [series.attr]: m[series.key],
        }),
      ),
    )
  })

  const commitmentLines = commitments.map((c) => commitmentLine(c, edge, y))
  const labelY = spreadLabels(
    commitments.map((c) => y(position(c.periods.at(-1)!.monthly))),
    44,
    plot.top,
    plot.bottom + 12,
  )
  const labels = commitments.map((c, i) => commitmentLabel(c, plot.right + 10, labelY[i]!, room - 34))

  const recommended = commitments.find((c) => c.kinds.includes('recommended'))
  const title = `Spend forecast and commitment${recommended ? `: recommended ${money(recommended.commit)}` : ''}`
  return chartDocument({
    chart: 'forecast',
    size: options,
    layout: { width, height },
    idPrefix: prefix,
    title: `${title}${options.scenarioName ? ` (${options.scenarioName})` : ''}`,
    desc: description(plan, commitments),
    data: {
      'data-structure': plan.structure,
      'data-term-start': plan.term.start,
      'data-term-months': String(plan.term.months),
      'data-recommended-commit': plan.recommendation.commit,
    },
    body: [
      heading(
        title,
        subtitle(
          options.scenarioName,
          `Monthly spend, ${monthRange(plan.term.start, plan.term.months)}`,
          plan.structure === 'annual' ? 'commitments per contract year' : 'one commitment for the whole term',
        ),
        width,
      ),
      grid,
      el('g', { class: 'bands' }, ...bands),
      el('g', { class: 'years', 'aria-hidden': 'true' }, ...separators),
      monthAxis(plan, x, plot, slot),
      ...lines,
      el('g', { class: 'commitments' }, ...commitmentLines),
      el('g', { class: 'commitment-labels' }, ...labels),
      shown.svg,
    ],
  })
}

/** A commitment as a step line: one level per settlement period, joined where periods meet. */
function commitmentLine(c: DrawnCommitment, edge: (m: number) => number, y: (v: number) => number): string {
  const paint = {
    stroke: c.style.colour,
    'stroke-width': LINE_WIDTH.commitment,
    'stroke-dasharray': c.style.dash,
    fill: 'none',
  }
  const segments = c.periods.map((p) =>
    el('line', {
      x1: edge(p.firstMonth),
      x2: edge(p.firstMonth + p.months),
      y1: y(position(p.monthly)),
      y2: y(position(p.monthly)),
      ...paint,
      'stroke-linecap': 'butt',
      'data-year': String(p.year),
      'data-first-month': String(p.firstMonth),
      'data-months': String(p.months),
      'data-commit': p.commit,
      'data-commit-monthly': p.monthly,
    }),
  )
  const risers = c.periods.slice(1).map((p, i) =>
    el('line', {
      x1: edge(p.firstMonth),
      x2: edge(p.firstMonth),
      y1: y(position(c.periods[i]!.monthly)),
      y2: y(position(p.monthly)),
      stroke: c.style.colour,
      'stroke-width': 1.5,
    }),
  )
  return el(
    'g',
    {
      class: 'commitment',
      'data-kind': c.kinds[0],
      'data-kinds': c.kinds.join(' '),
      'data-commit': c.commit,
      'data-expected-stranded': c.expectedStranded,
    },
    ...risers,
    ...segments,
  )
}

/** The label at the right end of a commitment line: its name, its total and the money it likely strands. */
function commitmentLabel(c: DrawnCommitment, x: number, y: number, room: number): string {
  const [name, total, stranded] = labelLines(c)
  return el(
    'g',
    { class: 'commitment-label', 'data-kind': c.kinds[0] },
    el('line', {
      x1: x,
      x2: x + 18,
      y1: y,
      y2: y,
      stroke: c.style.colour,
      'stroke-width': LINE_WIDTH.commitment,
      'stroke-dasharray': c.style.dash ? '5 2' : undefined,
    }),
    text(
      { x: x + 24, y: y - 8, 'font-size': FONT.small, 'font-weight': 700, fill: INK.text },
      fitText(name, room, FONT.small),
    ),
    text({ x: x + 24, y: y + 6, 'font-size': FONT.small, fill: INK.text }, fitText(total, room, FONT.small)),
    text(
      { x: x + 24, y: y + 20, 'font-size': FONT.small, fill: INK.muted },
      fitText(stranded, room, FONT.small),
    ),
  )
}

/**
 * Month ticks under the plot, a label every few months so labels never crowd (every month, 2, 3, 6 or 12), the
 * year under the first label and under each January.
 */
function monthAxis(plan: ChartPlan, x: (m: number) => number, plot: Plot, slot: number): string {
  const every = [1, 2, 3, 6, 12, 24].find((n) => n * slot >= 34) ?? 24
  const parts: string[] = []
  let lastYear = ''
  for (const m of plan.months) {
    const major = m.month % every === 0
    parts.push(
      el('line', {
        x1: x(m.month),
        x2: x(m.month),
        y1: plot.bottom,
        y2: plot.bottom + (major ? 5 : 3),
        stroke: INK.axis,
        'stroke-width': 1,
      }),
    )
    if (!major) continue
    const { month, year } = monthParts(m.start)
    parts.push(
      text(
        {
          x: x(m.month),
          y: plot.bottom + 17,
          'text-anchor': 'middle',
          'font-size': FONT.tick,
          fill: INK.muted,
        },
        month,
      ),
    )
    if (year !== lastYear) {
      parts.push(
        text(
          {
            x: x(m.month),
            y: plot.bottom + 31,
            'text-anchor': 'middle',
            'font-size': FONT.tick,
            'font-weight': 700,
            fill: INK.muted,
          },
          year,
        ),
      )
      lastYear = year
    }
  }
  return el('g', { class: 'x-axis', 'aria-hidden': 'true' }, ...parts)
}

/** The key figures in words, for the accessible description. */
function description(plan: ChartPlan, commitments: readonly DrawnCommitment[]): string {
  const first = plan.months[0]
  const last = plan.months.at(-1)
  const sentences = [`Monthly spend over ${plan.term.months} months from ${monthName(plan.term.start)}.`]
  if (first && last) {
    const run = (label: string, a: string, b: string) =>
      `${label} ${money(a)} in the first month and ${money(b)} in the last`
    sentences.push(
      `${[
        run('Baseline:', first.baseline, last.baseline),
        run('optimized as scheduled:', first.optimized, last.optimized),
        run('fully optimized:', first.fullyOptimized, last.fullyOptimized),
      ].join('; ')}.`,
    )
  }
  const years = plan.years.map(
    (y) =>
      `${plan.years.length > 1 ? `year ${y.year}` : 'the term'} between ${money(y.percentiles.p10)} (P10) and ${money(y.percentiles.p90)} (P90)`,
  )
  if (years.length > 0) sentences.push(`The simulation puts the optimized spend of ${years.join(', ')}.`)
  const committed = commitments.map((c) => {
    const name = c.kinds.map((k) => KIND_NAMES[k].legend.toLowerCase()).join(', also the ')
    const perYear =
      c.periods.length > 1 ? ` (${c.periods.map((p) => `year ${p.year} ${money(p.commit)}`).join(', ')})` : ''
    const stranded = dec(c.expectedStranded).isZero()
      ? 'nothing expected to be stranded'
      : `${money(c.expectedStranded)} expected to be stranded`
    return `the ${name} is ${money(c.commit)}${perYear}, with ${stranded}`
  })
  if (committed.length > 0) {
    const text = committed.join('; ')
    sentences.push(`${text.charAt(0).toUpperCase()}${text.slice(1)}.`)
  }
  return sentences.join(' ')
}

import { dec } from '../../domain/index.js'
import type { ChartOptions, ChartPlan } from './chart-plan.js'
import { commitmentLegend, drawnCommitments, KIND_NAMES, yearAmounts } from './commitments.js'
import { compactMoney, money, monthLabel, monthRange, percent } from './format.js'
import {
  centredLabel,
  centredNote,
  chartDocument,
  FONT,
  footLegend,
  heading,
  type LegendItem,
  layoutSize,
  MARGIN,
  moneyAxis,
  type Plot,
  subtitle,
} from './frame.js'
import { INK, LINE_WIDTH, patternIds, SPEND } from './palette.js'
import { position } from './scale.js'
import { el, fitText, num, text, textWidth } from './svg.js'

/**
 * Annual spend per contract year: the baseline and the optimized spend side by side, the simulation's P10–P90
 * of the year's optimized spend as a whisker, and each year's commitment as a level across the pair — the
 * year's own commitment under `structure: annual`; under `term` the one commitment pro rata to the year's
 * months (the forecast's per-month line added up over the year), said so in the subtitle and in
 * `data-pro-rata`.
 *
 * `data-` attributes: each baseline bar `data-year`, `data-start`, `data-months`, `data-baseline`; each
 * optimized bar `data-year`, `data-optimized`, `data-fully-optimized`; each whisker `data-year`, `data-p10`,
 * `data-p50`, `data-p90`; each commitment level `data-kind`, `data-kinds`, `data-year`, `data-commit` and `data-pro-rata`.
 */
export function yearsSvg(plan: ChartPlan, options: ChartOptions): string {
  const { width, height } = layoutSize(options.width, options.height)
  const prefix = options.idPrefix ?? 'ccp-years'
  const patterns = patternIds(prefix)
  const commitments = drawnCommitments(plan).map((c) => ({ ...c, amounts: yearAmounts(plan, c) }))
  const proRata = commitments.some((c) => c.amounts.some((a) => a.proRata))

  const items: LegendItem[] = [
    { kind: 'bar', label: 'Baseline (today)', fill: `url(#${patterns.baseline})`, series: 'baseline' },
    { kind: 'bar', label: 'Optimized, as scheduled', fill: SPEND.optimized.colour, series: 'optimized' },
    { kind: 'whisker', label: 'Simulated P10–P90', series: 'p10-p90', colour: INK.text },
    ...commitmentLegend(commitments),
  ]
  const shown = footLegend(items, { width, height })
  const plot: Plot = { left: MARGIN.left, right: width - MARGIN.edge, top: 100, bottom: shown.top - 74 }
  const largest = Math.max(
    ...plan.years.flatMap((y) => [position(y.baseline), position(y.optimized), position(y.percentiles.p90)]),
    ...commitments.flatMap((c) => c.amounts.map((a) => position(a.commit))),
  )
  const { y, grid } = moneyAxis(largest, plot)
  const slot = (plot.right - plot.left) / Math.max(plan.years.length, 1)
  // A group per year: the baseline bar, the optimized bar, and the P10–P90 whisker beside it.
  const barWidth = Math.max(4, Math.min(72, (slot * 0.8 - 19) / 2))
  const groupWidth = 2 * barWidth + 19
  const figures = plan.years.flatMap((year) => [year.baseline, year.optimized])
  const fits = (format: (figure: string) => string) =>
    figures.every((figure) => textWidth(format(figure), FONT.small) <= barWidth + 2)
  // One format for every bar label, or none: labels that do not fit their bar would run into their neighbours.
  const labelFormat = fits(money) ? money : fits(compactMoney) ? compactMoney : null

  const groups = plan.years.map((year, i) => {
    const centre = plot.left + slot * (i + 0.5)
    const baseX = centre - groupWidth / 2
    const optX = baseX + barWidth + 3
    const whiskerX = optX + barWidth + 10
    const top = (figure: string) => y(position(figure))
    // The commitment levels run across the whole group, so a bar's label must clear them too.
    const levelYs = commitments.flatMap((c) => (c.amounts[i] ? [top(c.amounts[i]!.commit)] : []))
    const barLabel = (x: number, figure: string, series: 'baseline' | 'optimized') => {
      const at = labelFormat ? labelBaseline(top(figure), levelYs, plot.top - 30) : null
      return labelFormat && at !== null
        ? text(
            {
              x: x + barWidth / 2,
              y: at,
              'text-anchor': 'middle',
              'font-size': FONT.small,
              'font-weight': 700,
              fill: INK.text,
              class: 'bar-label',
              'data-for': series,
            },
            labelFormat(figure),
          )
        : ''
    }
    const p10 = top(year.percentiles.p10)
    const p90 = top(year.percentiles.p90)
    const whisker = el('path', {
      d: `M${num(whiskerX - 5)} ${num(p90)} H${num(whiskerX + 5)} M${num(whiskerX)} ${num(p90)} V${num(p10)} M${num(whiskerX - 5)} ${num(p10)} H${num(whiskerX + 5)}`,
      stroke: INK.text,
      'stroke-width': 1.5,
      fill: 'none',
      'data-year': String(year.year),
      'data-p10': year.percentiles.p10,
      'data-p50': year.percentiles.p50,
      'data-p90': year.percentiles.p90,
    })
    const levels = commitments.map((c) => {
      const amount = c.amounts[i]
      if (!amount) return ''
      return el('line', {
        x1: baseX - 6,
        x2: baseX + groupWidth + 6,
        y1: top(amount.commit),
        y2: top(amount.commit),
        stroke: c.style.colour,
        'stroke-width': LINE_WIDTH.commitment,
        'stroke-dasharray': c.style.dash,
        'data-kind': c.kinds[0],
        'data-kinds': c.kinds.join(' '),
        'data-year': String(amount.year),
        'data-commit': amount.commit,
        'data-pro-rata': String(amount.proRata),
      })
    })
    const recommended = commitments.find((c) => c.kinds.includes('recommended'))?.amounts[i]
    const committed = recommended
      ? [
          `commit ${money(recommended.commit)}`,
          money(recommended.commit),
          `commit ${compactMoney(recommended.commit)}`,
          compactMoney(recommended.commit),
        ].find((candidate) => textWidth(candidate, FONT.small) <= slot - 6)
      : undefined
    const range = [
      monthRange(year.start, year.months),
      `from ${monthLabel(year.start)}`,
      year.start.slice(0, 4),
    ].find((candidate) => textWidth(candidate, FONT.small) <= slot - 6)
    return el(
      'g',
      { class: 'year', 'data-year': String(year.year) },
      el('rect', {
        x: baseX,
        y: top(year.baseline),
        width: barWidth,
        height: Math.max(plot.bottom - top(year.baseline), 0),
        fill: `url(#${patterns.baseline})`,
        'data-year': String(year.year),
        'data-start': year.start,
        'data-months': String(year.months),
        'data-baseline': year.baseline,
      }),
      el('rect', {
        x: optX,
        y: top(year.optimized),
        width: barWidth,
        height: Math.max(plot.bottom - top(year.optimized), 0),
        fill: SPEND.optimized.colour,
        'data-year': String(year.year),
        'data-optimized': year.optimized,
        'data-fully-optimized': year.fullyOptimized,
      }),
      whisker,
      ...levels,
      barLabel(baseX, year.baseline, 'baseline'),
      barLabel(optX, year.optimized, 'optimized'),
      centredLabel(
        centre,
        plot.bottom + 20,
        fitText(`Year ${year.year}${year.months < 12 ? ` (${year.months} mo)` : ''}`, slot - 6, FONT.label),
      ),
      range ? centredNote(centre, plot.bottom + 35, range) : '',
      committed ? centredNote(centre, plot.bottom + 50, committed) : '',
    )
  })

  const title = headline(plan)
  return chartDocument({
    chart: 'years',
    size: options,
    layout: { width, height },
    idPrefix: prefix,
    title: `Spend per contract year${options.scenarioName ? ` of ${options.scenarioName}` : ''}: ${title}`,
    desc: description(plan, commitments),
    data: {
      'data-structure': plan.structure,
      'data-term-start': plan.term.start,
      'data-term-months': String(plan.term.months),
      'data-years': String(plan.years.length),
    },
    body: [
      heading(
        title,
        subtitle(
          options.scenarioName,
          `Spend per contract year, ${monthRange(plan.term.start, plan.term.months)}`,
          plan.structure === 'annual'
            ? 'a commitment per contract year'
            : proRata
              ? 'one commitment for the term, shown pro rata to each year'
              : 'one commitment for the term',
        ),
        width,
      ),
      grid,
      el('g', { class: 'years' }, ...groups),
      shown.svg,
    ],
  })
}

/** How far a bar label's text reaches above and below its baseline (digits and `$`, with room to spare). */
const LABEL_EXTENT = { above: FONT.small * 0.8, below: FONT.small * 0.3 } as const
/** The space kept between a label and a commitment level's stroke. */
const LABEL_CLEARANCE = LINE_WIDTH.commitment / 2 + 3

/**
 * The baseline of a bar's label: just above the bar (7 px) when no commitment level runs through the text there,
 * else just above the lowest level that lets it clear every level — the label moves up past the lines, never
 * onto them. Null when that would take it above `highest` (the label is then left out: its figure stays in the
 * description and the bar's `data-` attributes).
 */
export function labelBaseline(barTop: number, levels: readonly number[], highest: number): number | null {
  const clear = (baseline: number) =>
    levels.every(
      (level) =>
        level + LABEL_CLEARANCE <= baseline - LABEL_EXTENT.above ||
        level - LABEL_CLEARANCE >= baseline + LABEL_EXTENT.below,
    )
  const preferred = barTop - 7
  const candidates = [
    preferred,
    ...levels.map((level) => level - LABEL_CLEARANCE - LABEL_EXTENT.below).filter((b) => b < preferred),
  ].sort((a, b) => b - a)
  return candidates.find((b) => b - LABEL_EXTENT.above >= highest && clear(b)) ?? null
}

function headline(plan: ChartPlan): string {
  const n = plan.years.length
  const rate = dec(plan.savings.scheduledRate)
  const change = rate.isZero()
    ? 'the same as the baseline'
    : `${percent(rate.abs().toFixed(6))} ${rate.isNegative() ? 'above' : 'below'} the baseline`
  return `Optimized ${money(plan.optimized.termSpend)} over ${n} contract year${n === 1 ? '' : 's'}, ${change}`
}

function description(
  plan: ChartPlan,
  commitments: readonly (ReturnType<typeof drawnCommitments>[number] & {
    amounts: ReturnType<typeof yearAmounts>
  })[],
): string {
  const recommended = commitments.find((c) => c.kinds.includes('recommended'))
  const years = plan.years.map((y, i) => {
    const commit = recommended?.amounts[i]
    const committed = commit
      ? `; recommended commitment ${money(commit.commit)}${commit.proRata ? ' (the term commitment pro rata)' : ''}`
      : ''
    return `Year ${y.year} (${monthRange(y.start, y.months)}): baseline ${money(y.baseline)}, optimized ${money(y.optimized)}, simulated ${money(y.percentiles.p10)} to ${money(y.percentiles.p90)} (P10 to P90)${committed}.`
  })
  const others = commitments
    .filter((c) => !c.kinds.includes('recommended'))
    .map(
      (c) => `${c.kinds.map((k) => KIND_NAMES[k].legend).join(', also the ')}: ${money(c.commit)} in total`,
    )
  return [
    `Spend per contract year over ${plan.term.months} months.`,
    ...years,
    ...(others.length > 0 ? [`${others.join('; ')}.`] : []),
  ].join(' ')
}

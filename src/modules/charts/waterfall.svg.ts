import { dec } from '../../domain/index.js'
import type { ChartOptions, ChartPlan } from './chart-plan.js'
import {
  compactMoney,
  leverName,
  leverSchedule,
  MINUS,
  money,
  monthName,
  monthRange,
  percent,
  rateOf,
} from './format.js'
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
import { el, fitText, text, textWidth } from './svg.js'

/**
 * The savings waterfall: the baseline term spend, one step per lever in the scenario's order (each lever's
 * saving given the ones before it, on its schedule), and the optimized term spend; a dotted line marks the
 * fully optimized spend (every lever in place from the first month), the floor the schedule is heading to.
 *
 * `data-` attributes: the root has `data-baseline`, `data-optimized`, `data-fully-optimized`, `data-savings`,
 * `data-savings-rate`; each bar `data-bar` (`baseline`, `step`, `optimized`) with its figures — a step
 * `data-lever`, `data-spend-before`, `data-spend-after`, `data-savings` and `data-savings-rate` (÷ baseline).
 */
export function waterfallSvg(plan: ChartPlan, options: ChartOptions): string {
  const { width, height } = layoutSize(options.width, options.height)
  const prefix = options.idPrefix ?? 'ccp-waterfall'
  const patterns = patternIds(prefix)
  const baseline = plan.baseline.termSpend
  const optimized = plan.optimized.termSpend
  const fully = plan.fullyOptimized.termSpend
  const steps = plan.waterfall
  const anyIncrease = steps.some((s) => dec(s.savings).isNegative())

  const items: LegendItem[] = [
    { kind: 'bar', label: 'Baseline (today)', fill: SPEND.baseline.colour, series: 'baseline' },
    ...(steps.some((s) => !dec(s.savings).isNegative())
      ? [
          {
            kind: 'bar',
            label: 'Saving of a lever',
            fill: `url(#${patterns.saving})`,
            series: 'saving',
          } as const,
        ]
      : []),
    ...(anyIncrease
      ? [{ kind: 'bar', label: 'Increase', fill: `url(#${patterns.increase})`, series: 'increase' } as const]
      : []),
    { kind: 'bar', label: 'Optimized, as scheduled', fill: SPEND.optimized.colour, series: 'optimized' },
    ...(steps.length > 0
      ? [
          {
            kind: 'line',
            label: 'Fully optimized from month 1',
            style: { colour: SPEND.fullyOptimized.colour, dash: SPEND.fullyOptimized.dash },
            width: LINE_WIDTH.spend,
            series: 'fully-optimized',
          } as const,
        ]
      : []),
  ]
  const shown = footLegend(items, { width, height })
  const plot: Plot = { left: MARGIN.left, right: width - MARGIN.edge, top: 100, bottom: shown.top - 58 }
  const levels = [baseline, optimized, fully, ...steps.flatMap((s) => [s.spendBefore, s.spendAfter])]
  const { y, grid } = moneyAxis(Math.max(...levels.map(position)), plot)

  const columns = steps.length + 2
  const slot = (plot.right - plot.left) / columns
  const barWidth = Math.min(slot * 0.62, 120)
  const centre = (i: number) => plot.left + slot * (i + 0.5)

  const bars: string[] = []
  const labels: string[] = []
  const names: string[] = []
  const connectors: string[] = []
  const column = (i: number, name: string, note: string) => {
    names.push(
      centredLabel(centre(i), plot.bottom + 20, fitText(name, slot - 6, FONT.label)),
      centredNote(centre(i), plot.bottom + 36, fitText(note, slot - 6, FONT.small)),
    )
  }
  const label = (i: number, top: number, figure: string, note: string | null) => {
    const shown = textWidth(figure, FONT.label) <= slot - 4 ? figure : fitText(figure, slot - 4, FONT.label)
    labels.push(centredLabel(centre(i), top - (note ? 22 : 8), shown))
    if (note) labels.push(centredNote(centre(i), top - 8, fitText(note, slot - 4, FONT.small)))
  }
  const connector = (i: number, level: string) => {
    connectors.push(
      el('line', {
        x1: centre(i) + barWidth / 2,
        x2: centre(i + 1) - barWidth / 2,
        y1: y(position(level)),
        y2: y(position(level)),
        stroke: INK.axis,
        'stroke-width': 1,
        'stroke-dasharray': '3 3',
      }),
    )
  }
  /** A bar from `from` to `to` (levels, either order) at column i; a zero-height one is drawn as a line. */
  const bar = (i: number, from: string, to: string, fill: string, data: Record<string, string>) => {
    const top = y(Math.max(position(from), position(to)))
    const bottom = y(Math.min(position(from), position(to)))
    const h = Math.max(bottom - top, 1.5)
    bars.push(
      el('rect', {
        x: centre(i) - barWidth / 2,
        y: Math.min(top, bottom - h),
        width: barWidth,
        height: h,
        fill,
        ...data,
      }),
    )
    return top
  }
  const figure = (text: string, n: string) =>
    textWidth(text, FONT.label) <= slot - 4 ? text : compactMoney(n)

  const baselineTop = bar(0, '0', baseline, SPEND.baseline.colour, {
    'data-bar': 'baseline',
    'data-spend': baseline,
  })
  label(0, baselineTop, figure(money(baseline), baseline), null)
  column(0, 'Baseline', 'today, no lever')
  steps.forEach((step, k) => {
    const i = k + 1
    const increase = dec(step.savings).isNegative()
    const rate = rateOf(step.savings, baseline)
    const top = bar(
      i,
      step.spendBefore,
      step.spendAfter,
      `url(#${increase ? patterns.increase : patterns.saving})`,
      {
        'data-bar': 'step',
        'data-lever': step.lever,
        'data-spend-before': step.spendBefore,
        'data-spend-after': step.spendAfter,
        'data-savings': step.savings,
        'data-savings-rate': rate,
      },
    )
    const change = dec(step.savings).negated().toFixed(2)
    label(
      i,
      top,
      signed(figure(money(change), change), change),
      signedPercent(dec(rate).negated().toFixed(6)),
    )
    const spec = plan.levers.find((l) => l.lever === step.lever)
    column(
      i,
      leverName(step.lever),
      spec ? leverSchedule(plan.term.start, spec.startMonth, spec.rampMonths) : '',
    )
    connector(i - 1, step.spendBefore)
  })
  const last = columns - 1
  const optimizedTop = bar(last, '0', optimized, SPEND.optimized.colour, {
    'data-bar': 'optimized',
    'data-spend': optimized,
    'data-savings': plan.savings.scheduled,
    'data-savings-rate': plan.savings.scheduledRate,
  })
  label(
    last,
    optimizedTop,
    figure(money(optimized), optimized),
    `${signedPercent(dec(plan.savings.scheduledRate).negated().toFixed(6))} vs baseline`,
  )
  column(last, 'Optimized', 'as scheduled')
  connector(last - 1, steps.at(-1)?.spendAfter ?? baseline)

  const floor =
    steps.length === 0
      ? ''
      : el(
          'g',
          { class: 'fully-optimized', 'data-fully-optimized': fully },
          el('line', {
            x1: plot.left,
            x2: plot.right,
            y1: y(position(fully)),
            y2: y(position(fully)),
            stroke: SPEND.fullyOptimized.colour,
            'stroke-width': LINE_WIDTH.spend,
            'stroke-dasharray': SPEND.fullyOptimized.dash,
          }),
          text(
            {
              x: plot.left + slot + 4,
              y: y(position(fully)) - 6,
              'font-size': FONT.small,
              fill: INK.text,
              stroke: INK.background,
              'stroke-width': 3,
              'paint-order': 'stroke',
            },
            `Fully optimized ${money(fully)}`,
          ),
        )

  return chartDocument({
    chart: 'waterfall',
    size: options,
    layout: { width, height },
    idPrefix: prefix,
    title: `Savings waterfall${options.scenarioName ? ` of ${options.scenarioName}` : ''}: ${headline(plan)}`,
    desc: description(plan),
    data: {
      'data-term-start': plan.term.start,
      'data-term-months': String(plan.term.months),
      'data-baseline': baseline,
      'data-optimized': optimized,
      'data-fully-optimized': fully,
      'data-savings': plan.savings.scheduled,
      'data-savings-rate': plan.savings.scheduledRate,
    },
    body: [
      heading(
        headline(plan),
        subtitle(
          options.scenarioName,
          `Term spend, ${monthRange(plan.term.start, plan.term.months)} (${plan.term.months} months)`,
          plan.priceBook.name,
        ),
        width,
      ),
      grid,
      el('g', { class: 'connectors', 'aria-hidden': 'true' }, ...connectors),
      el('g', { class: 'bars' }, ...bars),
      floor,
      el('g', { class: 'bar-labels' }, ...labels),
      el('g', { class: 'x-axis' }, ...names),
      shown.svg,
    ],
  })
}

/** A change with its sign: `−$48,284`, `+$1,234`. */
function signed(shown: string, change: string): string {
  const d = dec(change)
  if (d.isZero() || shown.startsWith(MINUS)) return shown
  return d.isNegative() ? `${MINUS}${shown}` : `+${shown}`
}

/** A rate as a signed percentage: `−24.0%`, `+0.6%`, `0.0%`. */
function signedPercent(rate: string): string {
  const shown = percent(dec(rate).abs().toFixed(6))
  if (shown === '0.0%') return shown
  return dec(rate).isNegative() ? `${MINUS}${shown}` : `+${shown}`
}

/** The chart's message in one line. */
function headline(plan: ChartPlan): string {
  const from = money(plan.baseline.termSpend)
  const to = money(plan.optimized.termSpend)
  if (plan.waterfall.length === 0) return `Term spend ${from}: no lever in this plan`
  const change = signedPercent(dec(plan.savings.scheduledRate).negated().toFixed(6))
  const verb = dec(plan.savings.scheduled).isNegative() ? 'raise' : 'cut'
  return `Levers ${verb} term spend from ${from} to ${to} (${change})`
}

/** The key figures in words, for the accessible description. */
function description(plan: ChartPlan): string {
  const baseline = plan.baseline.termSpend
  const sentences = [
    `Term spend over ${plan.term.months} months from ${monthName(plan.term.start)}, priced with ${plan.priceBook.name}. Baseline: ${money(baseline)}.`,
  ]
  if (plan.waterfall.length > 0) {
    const steps = plan.waterfall.map((step) => {
      const saving = dec(step.savings)
      const amount = money(saving.abs().toFixed(2))
      const share = percent(dec(rateOf(step.savings, baseline)).abs().toFixed(6))
      return `${leverName(step.lever)} ${saving.isNegative() ? 'adds' : 'saves'} ${amount} (${share} of the baseline)`
    })
    sentences.push(`In the scenario's order: ${steps.join('; ')}.`)
  }
  sentences.push(
    `Optimized as scheduled: ${money(plan.optimized.termSpend)}, ${
      dec(plan.savings.scheduled).isNegative() ? 'an increase' : 'a saving'
    } of ${money(dec(plan.savings.scheduled).abs().toFixed(2))} (${percent(dec(plan.savings.scheduledRate).abs().toFixed(6))}).`,
    `Fully optimized from the first month: ${money(plan.fullyOptimized.termSpend)}.`,
  )
  return sentences.join(' ')
}

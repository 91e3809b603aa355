import type { OptionKind } from '../../domain/index.js'
import { dec, ROUNDING } from '../../domain/index.js'
import type { ChartPlan } from './chart-plan.js'
import { perMonth } from './format.js'
import type { LegendItem } from './frame.js'
import { COMMITMENT, LINE_WIDTH, type SeriesStyle } from './palette.js'

/**
 * The commitments the charts draw — the recommended one, the proposed one (when the plan has one) and one
 * sized on today's baseline — each with the periods it is settled over: the whole term under
 * `structure: term`, each contract year under `structure: annual`. Options of equal amounts are one option in
 * the plan (it carries several kinds); they are drawn once, named by every kind.
 */

/** The option kinds drawn, in drawing order. */
export const DRAWN_KINDS = ['recommended', 'proposed', 'baseline'] as const satisfies readonly OptionKind[]
export type DrawnKind = (typeof DRAWN_KINDS)[number]

/** Short names (line labels) and legend names of the drawn kinds. */
export const KIND_NAMES: Readonly<Record<DrawnKind, { short: string; legend: string }>> = {
  recommended: { short: 'Recommended', legend: 'Recommended commitment' },
  proposed: { short: 'Proposed', legend: 'Proposed commitment' },
  baseline: { short: 'Sized on baseline', legend: 'Commitment sized on today’s baseline' },
}

/** One settlement period of a commitment: months [firstMonth, firstMonth + months) of the term. */
export interface CommitmentPeriod {
  /** The option's `years[].year` (1 under `term`: the one period is the whole term). */
  year: number
  firstMonth: number
  months: number
  /** The period's commitment, as the plan gives it. */
  commit: string
  /** The commitment spread evenly over the period's months, in cents. */
  monthly: string
}

/** One drawn commitment. */
export interface DrawnCommitment {
  /** The drawn kinds this option stands for (the first one names its style). */
  kinds: DrawnKind[]
  style: SeriesStyle
  /** The total committed over the term. */
  commit: string
  expectedStranded: string
  expectedPayment: string
  periods: CommitmentPeriod[]
}

/** The commitments to draw, in {@link DRAWN_KINDS} order, each option once. */
export function drawnCommitments(plan: ChartPlan): DrawnCommitment[] {
  const drawn: DrawnCommitment[] = []
  const seen = new Map<object, DrawnCommitment>()
  for (const kind of DRAWN_KINDS) {
    const option = plan.options.find((o) => o.kinds.includes(kind))
    if (!option) continue
    const already = seen.get(option)
    if (already) {
      already.kinds.push(kind)
      continue
    }
    const entry: DrawnCommitment = {
      kinds: [kind],
      style: COMMITMENT[kind],
      commit: option.commit,
      expectedStranded: option.expectedStranded,
      expectedPayment: option.expectedPayment,
      periods: periodsOf(plan, option.years),
    }
    seen.set(option, entry)
    drawn.push(entry)
  }
  return drawn
}

function periodsOf(plan: ChartPlan, years: readonly { year: number; commit: string }[]): CommitmentPeriod[] {
  if (plan.structure === 'term' || years.length !== plan.years.length) {
    const commit = years.length === 1 ? years[0]!.commit : sum(years.map((y) => y.commit))
    return [
      {
        year: 1,
        firstMonth: 0,
        months: plan.term.months,
        commit,
        monthly: perMonth(commit, plan.term.months),
      },
    ]
  }
  let firstMonth = 0
  return years.map((entry, i) => {
    const months = plan.years[i]!.months
    const period = {
      year: entry.year,
      firstMonth,
      months,
      commit: entry.commit,
      monthly: perMonth(entry.commit, months),
    }
    firstMonth += months
    return period
  })
}

const sum = (figures: readonly string[]): string =>
  figures.reduce((total, f) => total.plus(dec(f)), dec('0')).toFixed()

/**
 * A commitment's amount in each contract year of the plan: the year's own commitment under `annual`; under
 * `term` the one commitment pro rata to the year's months (whole dollars), which is what the forecast's
 * per-month line adds up to in that year.
 */
export function yearAmounts(
  plan: ChartPlan,
  commitment: DrawnCommitment,
): { year: number; commit: string; proRata: boolean }[] {
  if (plan.structure === 'annual' && commitment.periods.length === plan.years.length) {
    return commitment.periods.map((p) => ({ year: p.year, commit: p.commit, proRata: false }))
  }
  const total = dec(commitment.commit)
  if (plan.years.length === 1)
    return [{ year: plan.years[0]!.year, commit: commitment.commit, proRata: false }]
  return plan.years.map((y) => ({
    year: y.year,
    commit: total.times(y.months).div(plan.term.months).toDecimalPlaces(0, ROUNDING.money).toFixed(0),
    proRata: true,
  }))
}

/** The legend's entries of the drawn commitments: a line each, named by every kind it stands for. */
export function commitmentLegend(commitments: readonly DrawnCommitment[]): LegendItem[] {
  return commitments.map((c) => ({
    kind: 'line',
    label: c.kinds.map((k) => KIND_NAMES[k].legend).join(' = '),
    style: c.style,
    width: LINE_WIDTH.commitment,
    series: c.kinds[0]!,
  }))
}

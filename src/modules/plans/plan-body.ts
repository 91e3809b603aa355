import { z } from 'zod'
import type { PlanPreview } from '../../domain/index.js'
import { ValidationError } from '../../lib/errors.js'

/**
 * A plan's JSON, in parts. A 10,000-workload × 36-month plan is about 40 MB of JSON, most of it the
 * per-workload monthly series nobody reads in Swagger UI; so a plan answer takes `include` (which parts to
 * send), and a stored plan is kept as these parts, each already JSON, so that any `include` is assembled by
 * joining text — never by parsing and re-serializing the plan. The preview and a stored scenario's
 * projection assemble their bodies with the same function, so the same inputs give the same bytes.
 */

/** Parts a plan answer may include (beyond the headline figures, always sent). */
export const PLAN_PARTS = ['months', 'years', 'workloads', 'workloadMonths'] as const
export type PlanPart = (typeof PLAN_PARTS)[number]

/** What a plan answer includes when `include` is not given. */
export const DEFAULT_INCLUDE: readonly PlanPart[] = ['months', 'years', 'workloads']

/** The parts of a plan, each JSON text; the two per-workload parts hold one JSON value per line. */
export interface PlanParts {
  /** Every headline field, as one JSON object: currency … warnings. */
  head: string
  /** The portfolio's monthly series, a JSON array. */
  months: string
  /** The portfolio's contract years, a JSON array. */
  years: string
  /** One JSON object per line: each workload's figures without its years and monthly series. */
  workloads: string
  /** One JSON array per line (same order): each workload's contract years. */
  workloadYears: string
  /** One JSON array per line (same order): each workload's monthly series. */
  workloadMonths: string
  /** The commitment options, a JSON array. */
  options: string
}

/**
 * Splits a presented plan into its parts. The body's field order follows from here: headline figures
 * (totals, savings, recommendation) first, then the waterfall, Shapley split, simulation and warnings, then
 * months, workloads and the options — so a person reading the answer sees the figures without scrolling.
 */
export function splitPlan(plan: PlanPreview): PlanParts {
  const head = {
    currency: plan.currency,
    priceBook: plan.priceBook,
    term: plan.term,
    levers: plan.levers,
    baseline: plan.baseline,
    optimized: plan.optimized,
    fullyOptimized: plan.fullyOptimized,
    savings: plan.savings,
    structure: plan.structure,
    recommendation: plan.recommendation,
    waterfall: plan.waterfall,
    shapley: plan.shapley,
    simulation: plan.simulation,
    warnings: plan.warnings,
  }
  const workloads: string[] = []
  const workloadYears: string[] = []
  const workloadMonths: string[] = []
  for (const { years, months, ...figures } of plan.workloads) {
    workloads.push(JSON.stringify(figures))
    workloadYears.push(JSON.stringify(years ?? []))
    workloadMonths.push(JSON.stringify(months ?? []))
  }
  return {
    head: JSON.stringify(head),
    months: JSON.stringify(plan.months),
    years: JSON.stringify(plan.years),
    workloads: workloads.join('\n'),
    workloadYears: workloadYears.join('\n'),
    workloadMonths: workloadMonths.join('\n'),
    options: JSON.stringify(plan.options),
  }
}

/** The lines of a per-workload part (none for an empty part). */
const lines = (part: string): string[] => (part === '' ? [] : part.split('\n'))

/**
 * The plan's JSON with the parts `include` names. `workloadMonths` implies `workloads` (each workload then
 * carries its `months`); with `years` and workloads, each workload carries its `years` too. Only the parts named
 * need to be present in `parts`.
 */
export function assemblePlanBody(
  parts: Pick<PlanParts, 'head' | 'options'> & Partial<PlanParts>,
  include: ReadonlySet<PlanPart>,
): string {
  let body = parts.head.slice(0, -1)
  if (include.has('months')) body += `,"months":${required(parts.months, 'months')}`
  if (include.has('years')) body += `,"years":${required(parts.years, 'years')}`
  const withMonths = include.has('workloadMonths')
  if (withMonths || include.has('workloads')) {
    const figures = required(parts.workloads, 'workloads')
    const withYears = include.has('years')
    if (!withMonths && !withYears) {
      body += `,"workloads":[${figures.replaceAll('\n', ',')}]`
    } else {
      const years = withYears ? lines(required(parts.workloadYears, 'workloadYears')) : []
      const months = withMonths ? lines(required(parts.workloadMonths, 'workloadMonths')) : []
      const items = lines(figures).map((f, i) => {
        let item = f.slice(0, -1)
        if (withYears) item += `,"years":${years[i]}`
        if (withMonths) item += `,"months":${months[i]}`
        return `${item}}`
      })
      body += `,"workloads":[${items.join(',')}]`
    }
  }
  return `${body},"options":${parts.options}}`
}

function required(part: string | undefined, name: string): string {
  if (part === undefined) throw new Error(`plan part '${name}' was not loaded`)
  return part
}

/** The `include` query parameter of every plan answer. */
export const IncludeQuerySchema = z.object({
  include: z
    .string()
    .max(200)
    .optional()
    .describe(
      'Comma-separated parts of the plan to send besides the headline figures: `months` (portfolio monthly ' +
        'series), `years` (portfolio and per-workload contract years), `workloads` (per-workload figures), ' +
        '`workloadMonths` (per-workload monthly series; implies ' +
        `\`workloads\`). Default: \`${DEFAULT_INCLUDE.join(',')}\`. An empty value sends the headline figures only.`,
    ),
})

/**
 * The parts an `include` value names; the default when absent. An unknown part is a 400 naming the
 * parts there are.
 */
export function parseInclude(text: string | undefined): Set<PlanPart> {
  if (text === undefined) return new Set(DEFAULT_INCLUDE)
  const names = text
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '')
  const unknown = names.filter((name) => !(PLAN_PARTS as readonly string[]).includes(name))
  if (unknown.length > 0) {
    throw new ValidationError(`Unknown plan part${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`, [
      {
        in: 'query',
        pointer: '/include',
        code: 'unknown_part',
        detail: `must list parts among ${PLAN_PARTS.join(', ')}; '${unknown[0]!.slice(0, 40)}' is not one`,
      },
    ])
  }
  return new Set(names as PlanPart[])
}

/** A short, stable spelling of an include set, for ETags and cache keys. */
export function includeTag(include: ReadonlySet<PlanPart>): string {
  return PLAN_PARTS.map((part) => (include.has(part) ? '1' : '0')).join('')
}

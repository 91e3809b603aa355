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
    structure: plan.structure,
    levers: plan.levers,
    baseline: plan.baseline,
    optimized: plan.optimized,
    fullyOptimized: plan.fullyOptimized,
    savings: plan.savings,
    recommendation: plan.recommendation,
    waterfall: plan.waterfall,
    shapley: plan.shapley,
    simulation: plan.simulation,
    warnings: plan.warnings,
  }
  return {
    head: JSON.stringify(head),
    months: JSON.stringify(plan.months),
    years: JSON.stringify(plan.years),
    ...splitWorkloads(plan.workloads),
    options: JSON.stringify(plan.options),
  }
}

/** The per-workload parts of a plan — or of a run of its workloads (a shard), whose parts are then joined by lines. */
export type WorkloadParts = Pick<PlanParts, 'workloads' | 'workloadYears' | 'workloadMonths'>

/** The per-workload parts of these presented workloads, one line each (see {@link splitPlan}). */
export function splitWorkloads(items: PlanPreview['workloads']): WorkloadParts {
  const workloads: string[] = []
  const workloadYears: string[] = []
  const workloadMonths: string[] = []
  for (const { years, months, ...figures } of items) {
    workloads.push(JSON.stringify(figures))
    workloadYears.push(JSON.stringify(years ?? []))
    workloadMonths.push(JSON.stringify(months ?? []))
  }
  return {
    workloads: workloads.join('\n'),
    workloadYears: workloadYears.join('\n'),
    workloadMonths: workloadMonths.join('\n'),
  }
}

/** Parts of consecutive runs of workloads (shards, in order) as the parts of all of them. */
export function joinWorkloadParts(runs: readonly WorkloadParts[]): WorkloadParts {
  const join = (part: keyof WorkloadParts) =>
    runs
      .map((run) => run[part])
      .filter((text) => text !== '')
      .join('\n')
  return {
    workloads: join('workloads'),
    workloadYears: join('workloadYears'),
    workloadMonths: join('workloadMonths'),
  }
}

/** The lines of a per-workload part (none for an empty part). */
const lines = (part: string): string[] => (part === '' ? [] : part.split('\n'))

/**
 * The plan's JSON with the parts `include` names. `workloadMonths` implies `workloads` (each workload then
 * carries its `months`); with `years` and workloads, each workload carries its `years` too. Only the parts named
 * need to be present in `parts`. The same text as {@link planBodyFrame}'s `before`, the {@link workloadItems} of
 * every run of workloads joined by commas (when the body sends workloads), and its `after`.
 */
export function assemblePlanBody(
  parts: Pick<PlanParts, 'head' | 'options'> & Partial<PlanParts>,
  include: ReadonlySet<PlanPart>,
): string {
  const { before, after } = planBodyFrame(parts, include)
  return sendsWorkloads(include) ? `${before}${workloadItems(parts, include)}${after}` : `${before}${after}`
}

/** Whether a plan body with these parts has a `workloads` array. */
export const sendsWorkloads = (include: ReadonlySet<PlanPart>): boolean =>
  include.has('workloadMonths') || include.has('workloads')

/**
 * The plan's JSON around its workloads' items: `before` ends with `"workloads":[` and `after` starts with `]` when
 * the body {@link sendsWorkloads}; else the body is `before` + `after`.
 */
export function planBodyFrame(
  parts: Pick<PlanParts, 'head' | 'options'> & Partial<Pick<PlanParts, 'months' | 'years'>>,
  include: ReadonlySet<PlanPart>,
): { before: string; after: string } {
  let body = parts.head.slice(0, -1)
  if (include.has('months')) body += `,"months":${required(parts.months, 'months')}`
  if (include.has('years')) body += `,"years":${required(parts.years, 'years')}`
  if (sendsWorkloads(include))
    return { before: `${body},"workloads":[`, after: `],"options":${parts.options}}` }
  return { before: body, after: `,"options":${parts.options}}` }
}

/**
 * The items of the body's `workloads` array for these workloads (their JSON objects joined by commas; empty for
 * none): each with its `years` and `months` when `include` names them.
 */
export function workloadItems(parts: Partial<WorkloadParts>, include: ReadonlySet<PlanPart>): string {
  const figures = required(parts.workloads, 'workloads')
  const withMonths = include.has('workloadMonths')
  const withYears = include.has('years')
  if (!withMonths && !withYears) return figures.replaceAll('\n', ',')
  const years = withYears ? lines(required(parts.workloadYears, 'workloadYears')) : []
  const months = withMonths ? lines(required(parts.workloadMonths, 'workloadMonths')) : []
  return lines(figures)
    .map((f, i) => {
      let item = f.slice(0, -1)
      if (withYears) item += `,"years":${years[i]}`
      if (withMonths) item += `,"months":${months[i]}`
      return `${item}}`
    })
    .join(',')
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

import { type Decimal, toCents, ZERO } from '../../domain/index.js'
import type { StoredPriceBook } from '../price-books/price-books.types.js'
import type { CreateWorkloadBody } from '../workloads/workloads.schemas.js'
import { REPORT_NAME_OF } from './anthropic-usage.adapter.js'
import type { ProposedWorkload } from './anthropic-usage.schemas.js'
import { DAYS_PER_MONTH, type ObservedCost, type ObservedUsage, type ReportPeriod } from './observed-usage.js'
import type { ImportPlan } from './usage-workloads.js'

/** The usage import's answers, from the plan of the import and the workloads (proposed or created). */

const period = (p: ReportPeriod) => ({
  start: p.start,
  end: p.end,
  days: p.days.toFixed(),
  buckets: p.buckets,
})

/** A group's dimension values under the report's names. */
const groupOf = (values: ImportPlan['workloads'][number]['values']) =>
  Object.fromEntries(
    Object.entries(values).map(([d, v]) => [REPORT_NAME_OF[d as keyof typeof REPORT_NAME_OF], v]),
  )

const text = (d: Decimal | null | undefined) => (d == null ? null : d.toFixed())

/** A workload body as the bulk create would store it: every default filled in, decimals as text. */
export function proposedWorkload(w: CreateWorkloadBody): ProposedWorkload {
  return {
    name: w.name,
    kind: w.kind ?? null,
    model: w.model,
    routeToModel: w.routeToModel ?? null,
    requestsPerMonth: w.requestsPerMonth.toFixed(),
    inputTokensPerRequest: w.inputTokensPerRequest.toFixed(),
    outputTokensPerRequest: w.outputTokensPerRequest.toFixed(),
    cacheablePrefixTokens: text(w.cacheablePrefixTokens) ?? '0',
    currentCacheHitRate: text(w.currentCacheHitRate) ?? '0',
    targetCacheHitRate: text(w.targetCacheHitRate),
    cacheTtl: w.cacheTtl ?? '5m',
    userWaiting: w.userWaiting,
    currentBatchShare: text(w.currentBatchShare) ?? '0',
    targetBatchShare: text(w.targetBatchShare),
    routableShare: text(w.routableShare),
    monthlyGrowthRate: text(w.monthlyGrowthRate) ?? '0',
    inferenceGeo: w.inferenceGeo ?? 'global',
    observedMonthlySpend: text(w.observedMonthlySpend),
    team: w.team ?? null,
    tags: w.tags ?? [],
  }
}

export interface PresentInput<W> {
  dryRun: boolean
  portfolioId: string
  book: StoredPriceBook
  usage: ObservedUsage
  cost: ObservedCost | null
  plan: ImportPlan
  /** The workloads, in the plan's order: proposed (dry run) or created. */
  workloads: readonly W[]
  modelled: readonly Decimal[]
}

/** The import's answer (the dry run's and the import's share it; only `workloads[].workload` differs). */
export function presentImport<W>(input: PresentInput<W>) {
  const { plan, modelled } = input
  const total = (values: readonly Decimal[]) => toCents(values.reduce((a, b) => a.plus(b), ZERO))
  return {
    object: 'usage_import' as const,
    dryRun: input.dryRun,
    portfolioId: input.portfolioId,
    priceBook: { id: input.book.id, slug: input.book.slug, name: input.book.name },
    period: period(input.usage.period),
    costPeriod: input.cost ? period(input.cost.period) : null,
    daysPerMonth: DAYS_PER_MONTH.toFixed(),
    grouping: plan.grouping.map((d) => REPORT_NAME_OF[d]),
    observedSpendSource: plan.observedSource,
    totals: {
      observedMonthlySpend: total(plan.workloads.map((w) => w.observedMonthly)),
      listPricedMonthlySpend: total(plan.workloads.map((w) => w.listPricedMonthly)),
      modelledMonthlySpend: total(modelled),
    },
    workloads: plan.workloads.map((w, i) => ({
      group: groupOf(w.values),
      workload: input.workloads[i]!,
      volume: { basis: w.volume.basis, requestsInPeriod: w.volume.requestsInPeriod.toFixed() },
      observed: {
        uncached_input_tokens: w.tokens.uncachedInput.toFixed(),
        cache_read_input_tokens: w.tokens.cacheRead.toFixed(),
        ephemeral_5m_input_tokens: w.tokens.cacheWrite5m.toFixed(),
        ephemeral_1h_input_tokens: w.tokens.cacheWrite1h.toFixed(),
        output_tokens: w.tokens.output.toFixed(),
        web_search_requests: w.webSearches.toFixed(),
        cacheReadShareOfInput: w.cacheReadShareOfInput.toDecimalPlaces(10).toFixed(),
        batchShareOfTokens: w.batchShareOfTokens.toDecimalPlaces(10).toFixed(),
      },
      observedMonthlySpend: toCents(w.observedMonthly),
      observedSpendSource: w.observedSource,
      listPricedMonthlySpend: toCents(w.listPricedMonthly),
      modelledMonthlySpend: toCents(modelled[i]!),
      notes: w.notes,
    })),
    skipped: plan.skipped.map((s) => ({
      group: groupOf(s.values),
      reason: s.reason,
      detail: s.detail,
      pointer: s.pointer,
    })),
    notes: plan.notes,
  }
}

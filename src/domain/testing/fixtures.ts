import { dec } from '../money.js'
import type { LeverSpec, PlanRequest, WorkloadSpec } from '../plan-request.js'
import type { LongContextBand, ModelPrice, PriceBook } from '../price-book.js'

/**
 * Small, hand-checkable price fixtures for the engine's tests (Anthropic list prices, per MTok).
 * Not used by production code.
 */

interface ModelFixture {
  id: string
  displayName?: string
  aliases?: string[]
  prices: [input: string, output: string, write5m: string, write1h: string, read: string]
  minCacheable: string
  ratio?: string
  bands?: { threshold: string; prices: [string, string, string, string, string] }[]
  residency?: string | null
  retiresAt?: string | null
}

/** Builds a ModelPrice from a compact description (batch discount 0.5). */
export function modelPrice(f: ModelFixture): ModelPrice {
  const [input, output, cacheWrite5m, cacheWrite1h, cacheRead] = f.prices.map(dec) as [
    ReturnType<typeof dec>,
    ReturnType<typeof dec>,
    ReturnType<typeof dec>,
    ReturnType<typeof dec>,
    ReturnType<typeof dec>,
  ]
  const bands: LongContextBand[] = (f.bands ?? []).map((b) => ({
    thresholdTokens: dec(b.threshold),
    input: dec(b.prices[0]),
    output: dec(b.prices[1]),
    cacheWrite5m: dec(b.prices[2]),
    cacheWrite1h: dec(b.prices[3]),
    cacheRead: dec(b.prices[4]),
  }))
  return {
    modelId: f.id,
    aliases: f.aliases ?? [],
    displayName: f.displayName ?? f.id,
    input,
    output,
    cacheWrite5m,
    cacheWrite1h,
    cacheRead,
    batchDiscount: dec('0.5'),
    minCacheableTokens: dec(f.minCacheable),
    tokenizerRatio: dec(f.ratio ?? '1'),
    longContextBands: bands,
    dataResidencyMultiplier: f.residency ? dec(f.residency) : null,
    deprecatedAt: null,
    retiresAt: f.retiresAt ?? null,
  }
}

/** Opus 4.5: $5 / $25, 5m write 6.25, 1h write 10, read 0.5, minimum prefix 4,096, tokenizer ratio 1. */
export const OPUS_45 = modelPrice({
  id: 'claude-opus-4-5-20251101',
  displayName: 'Claude Opus 4.5',
  aliases: ['claude-opus-4-5'],
  prices: ['5', '25', '6.25', '10', '0.5'],
  minCacheable: '4096',
})

/**
 * Sonnet 4.5: $3 / $15, 5m write 3.75, 1h write 6, read 0.3, minimum 1,024, ratio 1; over 200K input tokens
 * the whole request is $6 / $22.50 (write 7.50 / 12, read 0.60). Retires 2026-11-30.
 */
export const SONNET_45 = modelPrice({
  id: 'claude-sonnet-4-5-20250929',
  displayName: 'Claude Sonnet 4.5',
  aliases: ['claude-sonnet-4-5'],
  prices: ['3', '15', '3.75', '6', '0.3'],
  minCacheable: '1024',
  bands: [{ threshold: '200000', prices: ['6', '22.5', '7.5', '12', '0.6'] }],
  retiresAt: '2026-11-30',
})

/** Haiku 4.5: $1 / $5, write 1.25 / 2, read 0.1, minimum 4,096. */
export const HAIKU_45 = modelPrice({
  id: 'claude-haiku-4-5-20251001',
  displayName: 'Claude Haiku 4.5',
  aliases: ['claude-haiku-4-5'],
  prices: ['1', '5', '1.25', '2', '0.1'],
  minCacheable: '4096',
})

/** A newer-tokenizer model (ratio 1.3): $5 / $25, minimum 2,048, US-only inference ×1.1. */
export const OPUS_47 = modelPrice({
  id: 'claude-opus-4-7-20260416',
  displayName: 'Claude Opus 4.7',
  aliases: ['claude-opus-4-7'],
  prices: ['5', '25', '6.25', '10', '0.5'],
  minCacheable: '2048',
  ratio: '1.3',
  residency: '1.1',
})

/** A newer-tokenizer mid-size model (ratio 1.3): $2 / $10, write 2.5 / 4, read 0.2, minimum 1,024. */
export const SONNET_5 = modelPrice({
  id: 'claude-sonnet-5',
  displayName: 'Claude Sonnet 5',
  prices: ['2', '10', '2.5', '4', '0.2'],
  minCacheable: '1024',
  ratio: '1.3',
})

/** The test price book. */
export const TEST_BOOK: PriceBook = {
  id: 'test-book',
  name: 'Test list prices',
  currency: 'USD',
  effectiveFrom: '2026-01-01',
  source: 'src/domain/testing/fixtures.ts',
  models: [OPUS_45, SONNET_45, HAIKU_45, OPUS_47, SONNET_5],
}

/** A workload with decimal strings for brevity (converted with `dec`). */
export type WorkloadInput = Omit<
  WorkloadSpec,
  | 'requestsPerMonth'
  | 'inputTokensPerRequest'
  | 'outputTokensPerRequest'
  | 'cacheablePrefixTokens'
  | 'currentCacheHitRate'
  | 'targetCacheHitRate'
  | 'currentBatchShare'
  | 'targetBatchShare'
  | 'routableShare'
  | 'monthlyGrowthRate'
  | 'observedMonthlySpend'
> & {
  requestsPerMonth: string
  inputTokensPerRequest: string
  outputTokensPerRequest: string
  cacheablePrefixTokens?: string | null
  currentCacheHitRate?: string | null
  targetCacheHitRate?: string | null
  currentBatchShare?: string | null
  targetBatchShare?: string | null
  routableShare?: string | null
  monthlyGrowthRate?: string | null
  observedMonthlySpend?: string | null
}

const DECIMAL_FIELDS = [
  'requestsPerMonth',
  'inputTokensPerRequest',
  'outputTokensPerRequest',
  'cacheablePrefixTokens',
  'currentCacheHitRate',
  'targetCacheHitRate',
  'currentBatchShare',
  'targetBatchShare',
  'routableShare',
  'monthlyGrowthRate',
  'observedMonthlySpend',
] as const

/** Converts a {@link WorkloadInput} into a WorkloadSpec. */
export function workload(input: WorkloadInput): WorkloadSpec {
  const out: Record<string, unknown> = { ...input }
  for (const field of DECIMAL_FIELDS) {
    const value = input[field]
    if (value !== undefined && value !== null) out[field] = dec(value)
  }
  return out as unknown as WorkloadSpec
}

/** A plan request with a 12-month term from 2027-01-01 unless overridden. */
export function planRequest(
  workloads: WorkloadInput[],
  levers: LeverSpec[],
  rest: Partial<Omit<PlanRequest, 'workloads' | 'levers'>> = {},
): PlanRequest {
  return {
    term: rest.term ?? { start: '2027-01-01', months: 12 },
    levers,
    workloads: workloads.map(workload),
    commitment: rest.commitment ?? null,
  }
}

/** A lever starting at `startMonth` with `rampMonths` ramp (both default 0). */
export function lever(name: LeverSpec['lever'], startMonth = 0, rampMonths = 0): LeverSpec {
  return { lever: name, startMonth, rampMonths }
}

import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { uniformInt } from 'pure-rand/distribution/uniformInt'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator'
import { dec } from '../money.js'
import type { PlanRequest, WorkloadSpec } from '../plan-request.js'
import { HAIKU_45, OPUS_45, OPUS_47, SONNET_5, SONNET_45 } from './fixtures.js'

/**
 * Seeded synthetic portfolios for benchmarks and tests (`bench/engine.bench.ts`, the HTTP benchmark, the shard
 * tests): realistic mixes of models, routing, caching, batch and growth on the test price book.
 */

const BASES = [OPUS_45, OPUS_47, SONNET_45, SONNET_5, HAIKU_45]
const CHEAPER: Record<string, string[]> = {
  [OPUS_45.modelId]: [SONNET_45.modelId, HAIKU_45.modelId],
  [OPUS_47.modelId]: [SONNET_5.modelId, HAIKU_45.modelId],
  [SONNET_45.modelId]: [HAIKU_45.modelId],
  [SONNET_5.modelId]: [HAIKU_45.modelId],
  [HAIKU_45.modelId]: [],
}

function pick<T>(rng: RandomGenerator, items: readonly T[]): T {
  return items[uniformInt(rng, 0, items.length - 1)]!
}

/** A decimal string with `places` decimals, uniform in [min, max]. */
function decimal(rng: RandomGenerator, min: number, max: number, places: number): string {
  const scale = 10 ** places
  return (uniformInt(rng, Math.round(min * scale), Math.round(max * scale)) / scale).toFixed(places)
}

function syntheticWorkload(rng: RandomGenerator, i: number): WorkloadSpec {
  const base = pick(rng, BASES)
  const routes = CHEAPER[base.modelId]!
  const routed = routes.length > 0 && uniformFloat64(rng) < 0.7
  const input = uniformInt(rng, 500, 150_000)
  const prefix = uniformFloat64(rng) < 0.7 ? uniformInt(rng, 0, input) : 0
  const cachesToday = uniformFloat64(rng) < 0.3
  const userWaiting = uniformFloat64(rng) < 0.5
  return {
    name: `workload-${i}`,
    kind: pick(rng, ['chat', 'overnight_report', 'classification', 'enrichment', null]),
    model: pick(rng, [base.modelId, ...base.aliases]),
    routeToModel: routed ? pick(rng, routes) : null,
    routableShare: routed ? dec(decimal(rng, 0.1, 0.9, 2)) : null,
    requestsPerMonth: dec(String(uniformInt(rng, 1_000, 5_000_000))),
    inputTokensPerRequest: dec(String(input)),
    outputTokensPerRequest: dec(String(uniformInt(rng, 50, 4_000))),
    cacheablePrefixTokens: dec(String(prefix)),
    currentCacheHitRate: cachesToday ? dec(decimal(rng, 0.2, 0.8, 2)) : null,
    targetCacheHitRate: uniformFloat64(rng) < 0.8 ? dec(decimal(rng, 0.5, 0.95, 2)) : null,
    cacheTtl: uniformFloat64(rng) < 0.8 ? '5m' : '1h',
    userWaiting,
    currentBatchShare: uniformFloat64(rng) < 0.3 ? dec(decimal(rng, 0, 0.5, 2)) : null,
    targetBatchShare: userWaiting ? null : dec(decimal(rng, 0.5, 1, 2)),
    // Growth rates to three decimals between -1% and +4% a month: at most 51 distinct rates, as real plans have.
    monthlyGrowthRate: dec(decimal(rng, -0.01, 0.04, 3)),
    // US-only inference only where every model the workload may run on offers it (else the request is a 422).
    inferenceGeo: base === OPUS_47 && !routed && uniformFloat64(rng) < 0.3 ? 'us' : 'global',
    observedMonthlySpend: uniformFloat64(rng) < 0.3 ? dec(String(uniformInt(rng, 100, 500_000))) : null,
  }
}

/** A seeded synthetic portfolio of `size` workloads over 36 months with all three levers ramping. */
export function syntheticPlan(size: number, seed: number): PlanRequest {
  const rng = xoroshiro128plus(seed)
  return {
    term: { start: '2027-01-01', months: 36 },
    levers: [
      { lever: 'routing', startMonth: 0, rampMonths: 3 },
      { lever: 'caching', startMonth: 2, rampMonths: 6 },
      { lever: 'batch', startMonth: -1, rampMonths: 4 },
    ],
    workloads: Array.from({ length: size }, (_, i) => syntheticWorkload(rng, i)),
    commitment: {
      confidence: dec('0.9'),
      structure: 'annual',
      proposedCommit: dec('5000000'),
      discountTiers: [
        { minCommit: dec('1000000'), discountRate: dec('0.05') },
        { minCommit: dec('10000000'), discountRate: dec('0.1') },
        { minCommit: dec('100000000'), discountRate: dec('0.15') },
      ],
      uncertainty: { growthStdDev: dec('0.01'), adoptionSlipMonths: 2, minRealization: dec('0.8') },
      simulations: 2000,
      seed: 7,
    },
  }
}

/**
 * Engine benchmark: full previewPlan (projection, contract years, waterfall, Shapley, 2,000-run Monte Carlo with
 * uncertainty per contract year, an annual commitment's options, warnings, presentation) on seeded synthetic
 * portfolios of 100 and 10,000 workloads over 36 months, building what the preview's default `include` sends (per-
 * workload years, not per-workload monthly series; a third line records the plan with those series too).
 *
 *     npx tsx bench/engine.bench.ts            (add --expose-gc through NODE_OPTIONS for cleaner memory figures)
 *
 * Targets on a 2-core machine: 10,000 workloads < 1.5 s, 100 workloads < 50 ms (median of the timed runs).
 */
import { pathToFileURL } from 'node:url'
import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64'
import { uniformInt } from 'pure-rand/distribution/uniformInt'
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus'
import type { RandomGenerator } from 'pure-rand/types/RandomGenerator'
import { dec } from '../src/domain/money.js'
import { type PlanParts, previewPlan } from '../src/domain/plan.js'
import type { PlanRequest, WorkloadSpec } from '../src/domain/plan-request.js'
import { HAIKU_45, OPUS_45, OPUS_47, SONNET_5, SONNET_45, TEST_BOOK } from '../src/domain/testing/fixtures.js'

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

const gc = (globalThis as { gc?: () => void }).gc

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}

/** What the preview's default `include` builds: per-workload contract years, no per-workload monthly series. */
const DEFAULT_PARTS: PlanParts = { workloadMonths: false, workloadYears: true }

function bench(
  label: string,
  size: number,
  warmup: number,
  runs: number,
  targetMs: number,
  parts: PlanParts = DEFAULT_PARTS,
): boolean {
  const request = syntheticPlan(size, 20270101)
  for (let i = 0; i < warmup; i++) previewPlan(request, TEST_BOOK, parts)
  const times: number[] = []
  const cpu: number[] = []
  let heapDelta = 0
  let rssDelta = 0
  for (let i = 0; i < runs; i++) {
    gc?.()
    const before = process.memoryUsage()
    const cpuBefore = process.cpuUsage()
    const start = performance.now()
    const preview = previewPlan(request, TEST_BOOK, parts)
    times.push(performance.now() - start)
    const used = process.cpuUsage(cpuBefore)
    cpu.push((used.user + used.system) / 1000)
    const after = process.memoryUsage()
    heapDelta = Math.max(heapDelta, after.heapUsed - before.heapUsed)
    rssDelta = Math.max(rssDelta, after.rss - before.rss)
    if (preview.workloads.length !== size) throw new Error('unexpected preview')
  }
  const m = median(times)
  const ok = m < targetMs
  console.log(
    `${label.padEnd(18)} median ${m.toFixed(1).padStart(8)} ms  (min ${Math.min(...times).toFixed(1)}, max ${Math.max(...times).toFixed(1)}, ${runs} runs; process CPU median ${median(cpu).toFixed(1)} ms)  ` +
      `heap Δ ${mb(heapDelta)}  rss Δ ${mb(rssDelta)}  target < ${targetMs} ms ${ok ? 'OK' : 'MISSED'}`,
  )
  return ok
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`node ${process.version}, ${gc ? 'with' : 'without'} --expose-gc`)
  const small = bench('100 workloads', 100, 20, 31, 50)
  const large = bench('10,000 workloads', 10_000, 2, 7, 1500)
  // For the record: the same plan with every workload's 36-month series built and presented too.
  bench('10,000 + series', 10_000, 1, 3, Number.POSITIVE_INFINITY, {
    workloadMonths: true,
    workloadYears: true,
  })
  // Timings depend on the machine and its load: the figures are for the record, and only `--strict` turns a
  // missed target into a failing exit code (CI runs without it, so a busy runner never fails a build).
  if ((!small || !large) && process.argv.includes('--strict')) process.exitCode = 1
}

import { CORNER_COUNT, LEVER_BIT } from './levers.js'
import { Decimal, ONE, ZERO } from './money.js'
import { LEVERS, type Lever, type LeverSpec } from './plan-request.js'

/**
 * Adoption schedules (docs/cost-model.md, projection over the term): a lever with start month s and ramp k is adopted to
 * 0 before month s and min(1, (m − s + 1) / max(k, 1)) from then on.
 */

/** Adoption fraction of a lever in month m as an exact ratio [numerator, denominator] (0/1 before the start). */
export function adoptionRatio(
  spec: Pick<LeverSpec, 'startMonth' | 'rampMonths'>,
  month: number,
): [number, number] {
  if (month < spec.startMonth) return [0, 1]
  const n = month - spec.startMonth + 1
  const d = Math.max(spec.rampMonths, 1)
  return n >= d ? [1, 1] : [n, d]
}

/** Adoption fraction of a lever in month m, as a decimal (k = 3: 1/3, 2/3, 1). */
export function adoptionFraction(spec: Pick<LeverSpec, 'startMonth' | 'rampMonths'>, month: number): Decimal {
  const [n, d] = adoptionRatio(spec, month)
  if (n === 0) return ZERO
  if (n === d) return ONE
  return new Decimal(n).div(d)
}

/**
 * Adoption fraction in floating point for the Monte Carlo, with the start moved by `slip` months and the fraction
 * scaled by `realization`.
 */
export function adoptionFractionFloat(
  startMonth: number,
  rampMonths: number,
  month: number,
  slip = 0,
  realization = 1,
): number {
  const start = startMonth + slip
  if (month < start) return 0
  const f = (month - start + 1) / Math.max(rampMonths, 1)
  return Math.min(f, 1) * realization
}

/** One distinct vector of adoption fractions, with the products the multilinear cost needs. */
export interface AdoptionVector {
  /** Fraction per lever (0 for levers not in the schedule's subset). */
  fractions: Readonly<Record<Lever, Decimal>>
  /** F_T = Π_{lever ∈ T} f_lever per lever subset mask T (F_∅ = 1). */
  products: readonly Decimal[]
  /** Bits of the levers fully adopted. */
  fullMask: number
  /** Levers strictly between 0 and 1, as (bit, fraction). */
  partial: readonly { bit: number; fraction: Decimal }[]
}

/** F_T = Π_{lever ∈ T} f_lever for every subset mask T of the three levers. */
export function fractionProducts(fractions: Readonly<Record<Lever, Decimal>>): Decimal[] {
  const f = [fractions.routing, fractions.caching, fractions.batch]
  const products: Decimal[] = [ONE]
  for (let t = 1; t < CORNER_COUNT; t++) {
    const low = t & -t
    const rest = products[t ^ low]!
    const x = f[Math.log2(low)]!
    products.push(rest.isZero() || x.isZero() ? ZERO : x.eq(ONE) ? rest : rest.eq(ONE) ? x : rest.times(x))
  }
  return products
}

/**
 * The adoption of a subset of the scenario's levers over the term, as a list of distinct fraction vectors and the
 * vector each month uses: a 36-month term with a few ramps has only a handful of distinct vectors, so every
 * per-vector figure is computed once rather than once per month.
 */
export interface AdoptionSchedule {
  /** Lever subset applied (as a {@link LEVER_BIT} mask); the scenario's other levers are not applied. */
  mask: number
  vectors: readonly AdoptionVector[]
  /** Index into `vectors` for each month of the term. */
  monthVector: readonly number[]
  /** Index of the all-zero vector, or -1 if no month has it. */
  zeroVector: number
  /** Index of the vector with every lever of `mask` fully adopted, or -1 if no month has it. */
  fullVector: number
}

/**
 * Builds the schedule of the levers in `mask` (each on its own start and ramp; levers outside `mask`, or not in
 * the scenario, stay at 0) over `months` months.
 */
export function adoptionSchedule(
  levers: readonly LeverSpec[],
  months: number,
  mask: number,
): AdoptionSchedule {
  const applied = levers.filter((l) => mask & LEVER_BIT[l.lever])
  const byKey = new Map<string, number>()
  const vectors: AdoptionVector[] = []
  const monthVector: number[] = []
  let zeroVector = -1
  let fullVector = -1
  for (let m = 0; m < months; m++) {
    const ratios = applied.map((l) => adoptionRatio(l, m))
    const key = ratios.map(([n, d]) => `${n}/${d}`).join(',')
    let index = byKey.get(key)
    if (index === undefined) {
      index = vectors.length
      byKey.set(key, index)
      const fractions: Record<Lever, Decimal> = { routing: ZERO, caching: ZERO, batch: ZERO }
      applied.forEach((l) => {
        fractions[l.lever] = adoptionFraction(l, m)
      })
      let fullMask = 0
      const partial: { bit: number; fraction: Decimal }[] = []
      // Canonical lever order, so that nothing computed from a vector depends on the scenario's order.
      for (const lever of LEVERS) {
        const f = fractions[lever]
        if (f.eq(ONE)) fullMask |= LEVER_BIT[lever]
        else if (!f.isZero()) partial.push({ bit: LEVER_BIT[lever], fraction: f })
      }
      vectors.push({ fractions, products: fractionProducts(fractions), fullMask, partial })
      if (ratios.every(([n]) => n === 0)) zeroVector = index
      if (ratios.every(([n, d]) => n === d)) fullVector = index
    }
    monthVector.push(index)
  }
  return { mask, vectors, monthVector, zeroVector, fullVector }
}

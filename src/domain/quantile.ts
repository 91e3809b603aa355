import { type Decimal, ZERO } from './money.js'

/**
 * The p-quantile of ascending-sorted values by linear interpolation between order statistics (Hyndman & Fan
 * type 7, the default of R and NumPy, and Excel's PERCENTILE.INC): h = (n − 1)·p, Q = x⌊h⌋ + (h − ⌊h⌋)·(x⌊h⌋+1 −
 * x⌊h⌋). When the neighbouring values are equal the result is that value itself, exactly.
 */
export function quantileSorted(sorted: readonly Decimal[], p: Decimal): Decimal {
  const n = sorted.length
  if (n === 0) return ZERO
  const h = p.times(n - 1)
  const lo = h.floor()
  const i = lo.toNumber()
  const x = sorted[Math.min(i, n - 1)]!
  const frac = h.minus(lo)
  if (frac.isZero() || i + 1 >= n) return x
  const next = sorted[i + 1]!
  if (next.eq(x)) return x
  return x.plus(frac.times(next.minus(x)))
}

import { formatPercent, formatUsd } from '../format.js'
import { type Decimal, ONE } from '../money.js'

/**
 * The recommendation's explanation of the simulation: how the simulated median (P50) of the optimized term spend
 * relates to the deterministic figure, and which uncertainty moved it. Each source of uncertainty is simulated on
 * its own with the same seed (growth shocks; adoption slips; partial realization) and its median quoted beside the
 * combined one: slips and partial realization only ever delay or shrink savings, so they push spend up; growth
 * shocks scatter it both ways (and, compounding, skew it up).
 */

/** The median ratio k (simulated ÷ deterministic) with one source of uncertainty on, for each source given. */
export interface UncertaintyDrivers {
  growth?: { median: Decimal; stdDev: Decimal }
  slip?: { median: Decimal; maxMonths: number }
  realization?: { median: Decimal; minimum: Decimal }
}

const move = (ratio: Decimal) => {
  const change = ratio.minus(ONE)
  if (change.abs().lt('0.00005')) return 'leaves it where it is'
  return `moves it ${change.isNegative() ? '' : '+'}${formatPercent(change, 1)}`
}

/** The sentence. `p50` and `deterministic` are the term's simulated median and deterministic optimized spend. */
export function simulationExplanation(
  p50: Decimal,
  deterministic: Decimal,
  drivers: UncertaintyDrivers,
): string {
  const parts: string[] = []
  if (drivers.slip)
    parts.push(
      `adoption slipping up to ${drivers.slip.maxMonths} month${drivers.slip.maxMonths === 1 ? '' : 's'} on its own ${move(drivers.slip.median)}`,
    )
  if (drivers.realization)
    parts.push(
      `savings realized as little as ${formatPercent(drivers.realization.minimum)} of plan on their own ${move(drivers.realization.median)}`,
    )
  if (drivers.growth)
    parts.push(
      `growth scattered by ${formatPercent(drivers.growth.stdDev)} a month on its own ${move(drivers.growth.median)}`,
    )
  if (parts.length === 0) {
    return `No uncertainty was given: every simulated run is the deterministic optimized term spend, ${formatUsd(deterministic)}, so every percentile equals it.`
  }
  const where = deterministic.isZero()
    ? 'the deterministic figure is 0'
    : p50.eq(deterministic)
      ? `equal to the deterministic ${formatUsd(deterministic, 'dollars')}`
      : `${formatPercent(p50.div(deterministic).minus(ONE).abs(), 1)} ${p50.gt(deterministic) ? 'above' : 'below'} the deterministic ${formatUsd(deterministic, 'dollars')}`
  return `The simulated median (P50) optimized term spend, ${formatUsd(p50, 'dollars')}, is ${where}: ${parts.join('; ')}. Slips and partial realization only delay or shrink savings, so they raise spend; growth shocks scatter it both ways.`
}

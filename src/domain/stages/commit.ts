import { type CommitmentAnalysis, commitmentOptions } from '../commitment/options.js'
import { settlement } from '../commitment/settlement.js'
import { tierLadder } from '../commitment/tiers.js'
import type { ContractYearSpan } from '../contract-years.js'
import type { Decimal } from '../money.js'
import type { ValidPlan } from '../validation.js'
import type { SimulationOutcome } from './simulate.js'

/**
 * Stage 6: the commitment — the settlement (the term, or the contract years under `structure: annual`), the tier
 * ladder, and every option evaluated over the simulated runs.
 */
export function commitPlan(
  plan: ValidPlan,
  years: readonly ContractYearSpan[],
  simulation: SimulationOutcome,
  baselineTermSpend: Decimal,
): CommitmentAnalysis {
  const c = plan.commitment
  const annual = c.structure === 'annual'
  const s = settlement(
    c.structure,
    c.overage,
    annual ? simulation.years : [simulation.term],
    c.confidence,
    annual ? years.map((y) => y.months) : [plan.months],
  )
  return commitmentOptions({
    settlement: s,
    ladder: tierLadder(c.tiers),
    confidence: c.confidence,
    term: simulation.term,
    proposedCommit: c.proposedCommit,
    proposedCommitByYear: annual ? c.proposedCommitByYear : null,
    baselineTermSpend,
  })
}

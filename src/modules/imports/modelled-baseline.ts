import { computePlan, type Decimal, type PriceBook, type WorkloadSpec } from '../../domain/index.js'

/**
 * The planner's own baseline of each workload, per month: the engine computes a one-month plan of the
 * workloads with no lever (one simulation run, no per-workload series), so the figure is exactly what the
 * projection of a stored scenario shows as each workload's month-0 baseline. An import compares it with the
 * spend it observed. A 10,000-workload portfolio takes about 0.3 s.
 *
 * @throws PlanValidationError when the engine refuses a workload (its issues point at `/workloads/i/…`)
 */
export function modelledMonthlySpend(workloads: readonly WorkloadSpec[], book: PriceBook): Decimal[] {
  const plan = computePlan(
    {
      term: { start: '2027-01-01', months: 1 },
      levers: [],
      workloads: [...workloads],
      commitment: { simulations: 1 },
    },
    book,
    { workloadMonths: false, workloadYears: false },
  )
  return plan.workloads.map((w) => w.baseline.termSpend)
}

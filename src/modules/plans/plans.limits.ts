/**
 * Limits of one preview request. They bound the CPU time (the engine runs on the event loop) and the
 * size of the answer; they are documented in the OpenAPI description and enforced before any work.
 */
export const PREVIEW_LIMITS = {
  /** Workloads in one inline portfolio. */
  maxWorkloads: 10_000,
  /** Workloads × term months: 10,000 workloads over 36 months, or 3,000 over 120. */
  maxWorkloadMonths: 360_000,
  /** Commitment term, months. */
  maxTermMonths: 120,
  /** Monte Carlo runs. */
  maxSimulations: 20_000,
  /** Request body, bytes (a 10,000-workload portfolio is about 6 MB of JSON). */
  maxBodyBytes: 16 * 1024 * 1024,
} as const

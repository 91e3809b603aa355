import type { WarningCode } from '../../domain/index.js'

/**
 * How the report explains each warning code to a buyer, in plain language (docs/warnings.md is the reference):
 * a heading, what the warning's `amount` is, and what to do. The warning's own `message` — one sentence quoting
 * the figures — is shown beside them.
 */
export interface WarningText {
  title: string
  /** What the amount is, as a label before it (none when the code has no amount). */
  amount: string | null
  advice: string
}

export const WARNING_TEXTS: Readonly<Record<WarningCode, WarningText>> = {
  STRANDED_COMMITMENT: {
    title: 'A commitment that would strand money',
    amount: 'Expected stranded (paid, not used)',
    advice:
      'Do not sign that figure. The recommended commitment is sized on the optimized forecast; if the vendor insists ' +
      'on more, negotiate the discount against the stranded amount, or ask for a shorter term.',
  },
  LEVER_AFTER_COMMIT_START: {
    title: 'Savings that arrive after the commitment starts',
    amount: 'Saving over the term (Shapley)',
    advice:
      'Pull the lever before signing, or size the commitment on the optimized forecast (the recommendation is). A ' +
      'commitment that starts later or ramps up suits a late saving better.',
  },
  UNPULLED_BATCH: {
    title: 'Batch savings left on the table',
    amount: 'Yearly saving at today’s volume',
    advice:
      'Nobody waits on this work: list the batch lever with a start month, or mark the workload as waited on if it ' +
      'truly cannot wait.',
  },
  UNPULLED_CACHING: {
    title: 'Prompt caching not used',
    amount: 'Yearly saving available at today’s volume',
    advice:
      'Estimate a realistic cache hit rate, set it as the target and list the caching lever. An opportunity, not a risk.',
  },
  CACHE_PREFIX_TOO_SHORT: {
    title: 'A prompt prefix too short to cache',
    amount: 'Yearly planned saving that will not happen',
    advice:
      'Lengthen the shared prefix to the model’s minimum cacheable length, or drop the caching target for this workload.',
  },
  CACHE_TRAFFIC_TOO_SPARSE: {
    title: 'Too little traffic to keep the cache warm',
    amount: null,
    advice:
      'Lower the hit rate to what the traffic supports, use the 1-hour cache, or merge workloads that send the same prefix.',
  },
  BATCH_ON_INTERACTIVE: {
    title: 'Batch planned for work someone waits on',
    amount: 'Batch saving not to count on',
    advice:
      'Batch results may take up to 24 hours: set the batch target to the share that can truly wait, or split the workload.',
  },
  BASELINE_MISMATCH: {
    title: 'Modelled spend differs from the observed spend',
    amount: 'Monthly difference, modelled against observed',
    advice:
      'Check the workload’s volume, tokens, model, cache hit rate and batch share against the invoice before relying on ' +
      'any figure built on them.',
  },
  TIER_CLIFF: {
    title: 'Close to a discount tier',
    amount: 'Amount at stake (see the sentence)',
    advice:
      'Weigh committing the tier’s minimum (a tier option) against its shortfall probability; a tier that falls short ' +
      'too often is not worth reaching for at this forecast.',
  },
  MODEL_RETIRING: {
    title: 'A model retires during the term',
    amount: null,
    advice:
      'Plan the migration now: re-run the plan on the successor model to see what the term will really cost.',
  },
}

/** The text of a code; a code this release does not know (codes are additive) reads generically. */
export function warningText(code: string): WarningText {
  return (
    (WARNING_TEXTS as Readonly<Record<string, WarningText>>)[code] ?? {
      title: code,
      amount: 'Amount',
      advice: 'See docs/warnings.md.',
    }
  )
}

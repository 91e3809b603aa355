import { z } from 'zod'
import { FOCUS_DATASETS } from './focus.service.js'

export const FocusQuery = z.object({
  dataset: z
    .enum(FOCUS_DATASETS)
    .default('cost-and-usage')
    .describe(
      '`cost-and-usage` (default): the projected monthly spend per workload as FOCUS 1.3 Cost and Usage rows, ' +
        'with the recommended commitment’s purchase and drawdown; `contract-commitment`: the recommended ' +
        'commitment as FOCUS 1.3 Contract Commitment rows.',
    ),
})

/** A FOCUS dataset as CSV, for the OpenAPI document. */
export const FocusCsv = z
  .string()
  .describe(
    'RFC 4180 CSV, UTF-8, one header row of FOCUS 1.3 Column IDs (then `x_` custom columns); the mapping is in ' +
      'docs/spreadsheets.md.',
  )

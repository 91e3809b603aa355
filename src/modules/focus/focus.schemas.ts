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

/** The demo scenario's `contract-commitment` dataset, as the API writes it. */
const CONTRACT_COMMITMENT_CSV_EXAMPLE =
  '"BillingCurrency","ContractCommitmentCategory","ContractCommitmentCost",' +
  '"ContractCommitmentDescription","ContractCommitmentId","ContractCommitmentPeriodEnd",' +
  '"ContractCommitmentPeriodStart","ContractCommitmentQuantity","ContractCommitmentType",' +
  '"ContractCommitmentUnit","ContractId","ContractPeriodEnd","ContractPeriodStart"\r\n' +
  '"USD","Spend",973414.00,' +
  '"Committed spend for the term 2027-01-01 to 2029-12-31 (the recommendation: Recommended: commit $973' +
  ',414 at 5% off, the spend the optimized plan consumes with 90% confidence)",' +
  '"urn:commit-planner:scenario:4f8af89e-34c0-4295-ac9a-5980dee9b245:commitment:term",' +
  '"2030-01-01T00:00:00Z","2027-01-01T00:00:00Z",,"Committed Spend",,' +
  '"urn:commit-planner:scenario:4f8af89e-34c0-4295-ac9a-5980dee9b245:contract","2030-01-01T00:00:00Z",' +
  '"2027-01-01T00:00:00Z"\r\n'

/** A FOCUS dataset as CSV, for the OpenAPI document. */
export const FocusCsv = z
  .string()
  .describe(
    'RFC 4180 CSV, UTF-8, one header row of FOCUS 1.3 Column IDs (then `x_` custom columns); the mapping is in ' +
      'docs/spreadsheets.md.',
  )
  .meta({ example: CONTRACT_COMMITMENT_CSV_EXAMPLE })

import type { ColumnType, TableColumn } from '../tables/table-columns.js'

/**
 * The columns of the FOCUS export, in the order it writes them: the FOCUS 1.3 columns in the specification's
 * own (alphabetical) order, then this service's `x_` custom columns. Each is a FOCUS Column ID of the dataset
 * (focus-13.ts lists their feature levels). Decimal columns are written as bare numbers, Date/Time columns as
 * `YYYY-MM-DDTHH:mm:ssZ` (UTC; an end is exclusive), empty cells are FOCUS nulls.
 */

const COST_AND_USAGE = [
  ['BilledCost', 'money'],
  ['BillingAccountId', 'text'],
  ['BillingAccountName', 'text'],
  ['BillingCurrency', 'text'],
  ['BillingPeriodEnd', 'text'],
  ['BillingPeriodStart', 'text'],
  ['ChargeCategory', 'text'],
  ['ChargeClass', 'text'],
  ['ChargeDescription', 'text'],
  ['ChargeFrequency', 'text'],
  ['ChargePeriodEnd', 'text'],
  ['ChargePeriodStart', 'text'],
  ['CommitmentDiscountCategory', 'text'],
  ['CommitmentDiscountId', 'text'],
  ['CommitmentDiscountName', 'text'],
  ['CommitmentDiscountQuantity', 'money'],
  ['CommitmentDiscountStatus', 'text'],
  ['CommitmentDiscountType', 'text'],
  ['CommitmentDiscountUnit', 'text'],
  ['ConsumedQuantity', 'money'],
  ['ConsumedUnit', 'text'],
  ['ContractApplied', 'text'],
  ['ContractedCost', 'money'],
  ['EffectiveCost', 'money'],
  ['HostProviderName', 'text'],
  ['InvoiceIssuerName', 'text'],
  ['ListCost', 'money'],
  ['PricingCategory', 'text'],
  ['PricingQuantity', 'money'],
  ['PricingUnit', 'text'],
  ['ProviderName', 'text'],
  ['PublisherName', 'text'],
  ['RegionId', 'text'],
  ['RegionName', 'text'],
  ['ResourceId', 'text'],
  ['ServiceCategory', 'text'],
  ['ServiceName', 'text'],
  ['ServiceProviderName', 'text'],
  ['ServiceSubcategory', 'text'],
  ['x_WorkloadId', 'text'],
  ['x_WorkloadName', 'text'],
  ['x_Team', 'text'],
  ['x_Model', 'text'],
  ['x_RouteToModel', 'text'],
] as const satisfies readonly (readonly [string, ColumnType])[]

const CONTRACT_COMMITMENT = [
  ['BillingCurrency', 'text'],
  ['ContractCommitmentCategory', 'text'],
  ['ContractCommitmentCost', 'money'],
  ['ContractCommitmentDescription', 'text'],
  ['ContractCommitmentId', 'text'],
  ['ContractCommitmentPeriodEnd', 'text'],
  ['ContractCommitmentPeriodStart', 'text'],
  ['ContractCommitmentQuantity', 'money'],
  ['ContractCommitmentType', 'text'],
  ['ContractCommitmentUnit', 'text'],
  ['ContractId', 'text'],
  ['ContractPeriodEnd', 'text'],
  ['ContractPeriodStart', 'text'],
] as const satisfies readonly (readonly [string, ColumnType])[]

export type CostColumn = (typeof COST_AND_USAGE)[number][0]
export type CommitmentColumn = (typeof CONTRACT_COMMITMENT)[number][0]

/** A row of the Cost and Usage dataset: its cells by column (absent = null). */
export type CostRow = Partial<Record<CostColumn, string>>
/** A row of the Contract Commitment dataset. */
export type CommitmentRow = Partial<Record<CommitmentColumn, string>>

const columnsOf = <Name extends string>(list: readonly (readonly [Name, ColumnType])[]) =>
  list.map(
    ([name, type]): TableColumn<Partial<Record<Name, string>>> => ({
      name,
      type,
      value: (row) => row[name] ?? null,
    }),
  )

/** The Cost and Usage dataset's columns, in export order. */
export const COST_AND_USAGE_COLUMNS = columnsOf(COST_AND_USAGE)
/** The Contract Commitment dataset's columns, in export order. */
export const CONTRACT_COMMITMENT_COLUMNS = columnsOf(CONTRACT_COMMITMENT)

import { z } from 'zod'
import { XLSX_MEDIA_TYPE } from './workbook.service.js'

/** The workbook as OpenAPI describes it: an .xlsx file. */
export const WorkbookResponse = {
  description: 'The workbook (.xlsx).',
  content: {
    [XLSX_MEDIA_TYPE]: {
      schema: z.string().meta({ format: 'binary' }).describe('An Office Open XML spreadsheet.'),
    },
  },
}

export const WORKBOOK_DESCRIPTION =
  'The scenario’s plan as an Excel workbook whose spend is **live formulas** over its own input cells: the ' +
  'price book’s rows the plan uses and the scenario’s levers, tiers and overage (sheet Assumptions), and each ' +
  'workload’s volume, tokens, hit rates, shares, routing and growth (sheet Workloads). Change an input and the ' +
  'plan moves: the monthly, yearly and term spend of every workload and of the portfolio (baseline, optimized ' +
  'as scheduled, fully optimized), the waterfall and each option’s deterministic payment, stranded amount and ' +
  'coverage recalculate — to the projection’s figures within a cent when nothing is changed. The simulation’s ' +
  'figures (percentiles, expected payments), the Shapley values and the warnings are written as values and ' +
  'labelled so. Sheets: Summary (the portfolio’s totals first), Years, Waterfall, Monthly, Workloads, Workload ' +
  'months, Request costs, Options, Warnings, Assumptions; docs/spreadsheets.md lists every formula. No text a ' +
  'user wrote (a workload’s name, a model id) is ever a formula: text is written as text. The plan is the ' +
  'stored one, computed once per revision of its inputs like the projection; the `ETag` names that revision ' +
  '(`If-None-Match` → 304). A spreadsheet can pull it through a signed share link. Writing it is a computation ' +
  'of the API key (of a share link: of the key that made it), like a plan’s: it counts against the key’s ' +
  'concurrent computations (429 `CONCURRENCY_LIMITED` beyond them) and waits in the same bounded queue (503).'

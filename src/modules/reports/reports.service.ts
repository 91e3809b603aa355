import type { AuthContext } from '../../lib/auth-context.js'
import { ConflictError } from '../../lib/errors.js'
import type { Tagged } from '../../lib/write-route.js'
import type { ChartPlan } from '../charts/chart-plan.js'
import type { PortfolioAccess } from '../portfolios/portfolios.service.js'
import type { PriceBookRepository } from '../price-books/price-books.repository.js'
import type { ProjectionService } from '../projections/projections.service.js'
import { type Comparison, comparisonReportHtml } from './comparison.html.js'
import { scenarioReportHtml } from './report.html.js'
import { reportData } from './report-data.js'

/**
 * Names the reports' layout in their ETags: bumped when the report of the same plan changes (a section, the
 * stylesheet), so a browser's cached copy of the old layout is not taken for the new one.
 */
export const REPORT_DESIGN = 'r1'

const SCENARIO_REPRESENTATION = `report.${REPORT_DESIGN}`

export interface ReportServiceDeps {
  projections: Pick<ProjectionService, 'planWithInputs' | 'storedPlan' | 'comparison'>
  priceBooks: Pick<PriceBookRepository, 'findVisible'>
  access: Pick<PortfolioAccess, 'readable'>
}

const changedWhileRead = () =>
  new ConflictError('The plan changed while it was read; retry.', 'PLAN_COMPUTING')

/** The comparison report's ETag for the comparison's own: `"comparison.X"` → `"report.r1.comparison.X"`. */
const comparisonReportTag = (etag: string) => `"report.${REPORT_DESIGN}.${etag.slice(1)}`

/**
 * Printable HTML reports of stored plans (docs/reports.md): a scenario's whole plan, and several scenarios side by
 * side. The figures are the stored plans' (computed once per input revision by the projection service, like the
 * projection itself); each report has a strong ETag per plan revision and report design.
 */
export function createReportService({ projections, priceBooks, access }: ReportServiceDeps) {
  return {
    /**
     * A stored scenario's report as an HTML document. `notModified` short-cuts a conditional read whose ETag still
     * holds.
     * @throws NotFoundError for an unknown portfolio or scenario (another organization's too)
     */
    async scenarioReport(
      auth: AuthContext,
      portfolioId: string,
      scenarioId: string,
      notModified: (etag: string) => boolean,
    ): Promise<Tagged<string | null>> {
      const { body: source, etag } = await projections.planWithInputs(
        auth,
        portfolioId,
        scenarioId,
        SCENARIO_REPRESENTATION,
        notModified,
      )
      if (!source) return { body: null, etag }
      // The price book as the plan was computed with it: the version the plan's key names.
      const book = await priceBooks.findVisible(auth.organizationId, source.book.id)
      if (!book || book.version !== source.book.version) throw changedWhileRead()
      const planTag = etag.slice(SCENARIO_REPRESENTATION.length + 2, -1)
      return { body: scenarioReportHtml(await reportData(source, book, planTag)), etag }
    },

    /**
     * The comparison of `ids` (null: the portfolio's first scenarios, as the comparison) as an HTML document, with
     * each scenario's waterfall. The figures are the comparison's; each waterfall is drawn from the same stored
     * plan, checked to be the one the comparison read (a change in between is a 409 `PLAN_COMPUTING`: retry).
     */
    async comparisonReport(
      auth: AuthContext,
      portfolioId: string,
      ids: readonly string[] | null,
      notModified: (etag: string) => boolean,
    ): Promise<Tagged<string | null>> {
      const portfolio = await access.readable(auth, portfolioId)
      const answer = await projections.comparison(auth, portfolioId, ids, (tag) =>
        notModified(comparisonReportTag(tag)),
      )
      const etag = comparisonReportTag(answer.etag)
      if (!answer.body) return { body: null, etag }
      const comparison: Comparison = answer.body
      const plans = new Map<string, ChartPlan>()
      for (const row of comparison.scenarios) {
        const { body: stored } = await projections.storedPlan(
          auth,
          portfolioId,
          row.scenarioId,
          'report',
          () => false,
        )
        if (!stored) throw changedWhileRead()
        const plan: ChartPlan = {
          ...stored.head,
          months: stored.months,
          years: stored.years,
          options: stored.options,
        }
        const same =
          plan.baseline.termSpend === row.baseline &&
          plan.optimized.termSpend === row.optimized &&
          plan.recommendation.expectedPayment === row.recommendation.expectedPayment &&
          stored.scenario.name === row.name
        if (!same) throw changedWhileRead()
        plans.set(row.scenarioId, plan)
      }
      const html = comparisonReportHtml({
        portfolio: { id: portfolio.id, name: portfolio.name },
        comparison,
        plans,
        revision: etag.slice(`"report.${REPORT_DESIGN}.comparison.`.length, -1),
      })
      return { body: html, etag }
    },
  }
}

export type ReportService = ReturnType<typeof createReportService>

import { type Decimal, PlanValidationError, toCents } from '../../domain/index.js'
import type { AuthContext } from '../../lib/auth-context.js'
import { ConflictError, type FieldIssue, UnprocessableError } from '../../lib/errors.js'
import { PREVIEW_LIMITS } from '../../lib/limits.js'
import { plainJson } from '../../lib/plain-json.js'
import type { Created } from '../../lib/write-route.js'
import type { PortfolioAccess, Transaction } from '../portfolios/portfolios.service.js'
import type { PriceBookRepository } from '../price-books/price-books.repository.js'
import type { StoredPriceBook } from '../price-books/price-books.types.js'
import type { WorkloadRepository } from '../workloads/workloads.repository.js'
import { type CreateWorkloadBody, CreateWorkloadSchema } from '../workloads/workloads.schemas.js'
import type { WorkloadList, WorkloadService, WorkloadView } from '../workloads/workloads.service.js'
import { adaptCostPages, adaptUsagePages, DIMENSION_OF, REPORT_NAME_OF } from './anthropic-usage.adapter.js'
import type {
  AnthropicUsageImportBody,
  ProposedWorkload,
  ReportDimension,
} from './anthropic-usage.schemas.js'
import { presentImport, proposedWorkload } from './imports.presenter.js'
import { modelledMonthlySpend } from './modelled-baseline.js'
import type { UsageDimension } from './observed-usage.js'
import { type DerivedWorkload, type ImportOptions, planImport } from './usage-workloads.js'

export interface ImportServiceDeps {
  access: PortfolioAccess
  priceBooks: Pick<PriceBookRepository, 'findVisible'>
  /** The bulk create every import writes through (validation, idempotency, history, revision, all or nothing). */
  workloads: Pick<WorkloadService, 'create'>
  /** Read-only checks a dry run makes so it answers what the import would. */
  repository: Pick<WorkloadRepository, 'count' | 'namesTaken'>
  transaction: Transaction
}

/** The path an import's `Idempotency-Key` is recorded under. */
const importPath = (portfolioId: string) => `/v1/portfolios/${portfolioId}/imports/anthropic-usage`

export type UsageImportAnswer<W> = ReturnType<typeof presentImport<W>>

function optionsOf(body: AnthropicUsageImportBody): ImportOptions {
  const neutral = (d: ReportDimension) => DIMENSION_OF[d]
  return {
    grouping: body.grouping ? body.grouping.map(neutral) : null,
    namePrefix: body.namePrefix ?? '',
    volume: {
      outputTokensPerRequest: body.volume?.outputTokensPerRequest ?? null,
      inputTokensPerRequest: body.volume?.inputTokensPerRequest ?? null,
    },
    groups: (body.groups ?? []).map((g, i) => ({
      pointer: `/groups/${i}`,
      match: Object.fromEntries(
        Object.entries(g.match).map(([d, v]) => [neutral(d as ReportDimension), v]),
      ) as Partial<Record<UsageDimension, string | null>>,
      name: g.name,
      requests: g.requests,
      userWaiting: g.userWaiting,
      kind: g.kind,
      team: g.team,
      tags: g.tags,
    })),
    userWaiting: body.userWaiting ?? null,
    team: body.team ?? null,
    tags: body.tags ?? null,
    unknownModels: body.unknownModels ?? 'reject',
    label: (d) => REPORT_NAME_OF[d],
  }
}

/**
 * The workloads as the bulk create takes them, checked by its schema and by the engine, with the engine's
 * monthly baseline of each. A workload neither accepts is a 422 pointing at the group it was made from —
 * a figure out of range means the volume given does not fit the tokens (a few requests of billions of tokens).
 */
function checkedWorkloads(derived: readonly DerivedWorkload[], book: StoredPriceBook) {
  const issues: FieldIssue[] = []
  const bodies: CreateWorkloadBody[] = []
  derived.forEach((w) => {
    const parsed = CreateWorkloadSchema.safeParse(w.fields)
    if (parsed.success) bodies.push(parsed.data)
    else
      for (const issue of parsed.error.issues.slice(0, 3))
        issues.push({
          in: 'body',
          pointer: w.pointer,
          code: 'unfit_workload',
          detail: `the workload '${String(w.fields.name)}' made from this group would have ${issue.path.join('.')} ${issue.message}; check volume or groups[].requests`,
        })
  })
  if (issues.length > 0)
    throw new UnprocessableError('The usage cannot become valid workloads.', issues.slice(0, 50))
  try {
    return { bodies, modelled: modelledMonthlySpend(bodies, book) }
  } catch (error) {
    if (!(error instanceof PlanValidationError)) throw error
    throw new UnprocessableError(
      'The planner cannot compute the workloads this usage makes.',
      error.issues.slice(0, 50).map((issue) => {
        const at = /^\/workloads\/(\d+)/.exec(issue.pointer)
        return {
          in: 'body' as const,
          pointer: at ? derived[Number(at[1])]!.pointer : '/usage',
          code: issue.code,
          detail: issue.message,
        }
      }),
    )
  }
}

/** A note on each workload whose modelled baseline is not its observed spend (to the cent). */
function noteDifferences(derived: readonly DerivedWorkload[], modelled: readonly Decimal[]) {
  derived.forEach((w, i) => {
    const model = toCents(modelled[i]!)
    const seen = toCents(w.observedMonthly)
    if (model === seen) return
    w.notes.push({
      code: 'BASELINE_DIFFERS',
      detail: `The planner’s baseline of this workload is $${model} a month, the observed spend $${seen} (${toCents(modelled[i]!.minus(w.observedMonthly))} difference)${w.notes.length > 0 ? '; the notes above say why' : '; negotiated prices, or usage the workload cannot hold'}.`,
    })
  })
}

/**
 * Imports usage reports as baseline workloads of a portfolio (docs/spreadsheets.md): the report read by its
 * adapter, mapped to workloads with the portfolio's default price book, checked as the bulk create checks them,
 * then — unless it is a dry run — created through the workloads service's bulk create, all or nothing.
 */
export function createImportService(deps: ImportServiceDeps) {
  const { access, priceBooks, workloads, repository, transaction } = deps

  async function prepare(auth: AuthContext, portfolioId: string, body: AnthropicUsageImportBody) {
    const portfolio = await access.writable(auth, portfolioId)
    const book = await priceBooks.findVisible(auth.organizationId, portfolio.defaultPriceBook.id)
    if (!book) throw new Error(`portfolio ${portfolioId} names a price book that is gone`)
    const usage = adaptUsagePages(body.usage)
    const cost = body.cost ? adaptCostPages(body.cost) : null
    const plan = planImport(usage, cost, book, optionsOf(body))
    const { bodies, modelled } = checkedWorkloads(plan.workloads, book)
    noteDifferences(plan.workloads, modelled)
    return { book, usage, cost, plan, bodies, modelled }
  }

  return {
    /** What the import would create, written nowhere; fails as the import would (names taken, too many). */
    async preview(
      auth: AuthContext,
      portfolioId: string,
      body: AnthropicUsageImportBody,
    ): Promise<UsageImportAnswer<ProposedWorkload>> {
      const { bodies, ...prepared } = await prepare(auth, portfolioId, body)
      const { taken, existing } = await transaction(async (tx) => ({
        taken: await repository.namesTaken(
          portfolioId,
          bodies.map((w) => w.name),
          null,
          tx,
        ),
        existing: await repository.count(portfolioId, tx),
      }))
      if (taken.length > 0)
        throw new ConflictError(
          `The portfolio already has a workload named '${taken[0]}'; names are unique within a portfolio (use namePrefix).`,
          'NAME_TAKEN',
        )
      if (existing + bodies.length > PREVIEW_LIMITS.maxWorkloads)
        throw new UnprocessableError(
          `The portfolio has ${existing} workloads; ${bodies.length} more would exceed the ${PREVIEW_LIMITS.maxWorkloads.toLocaleString('en-US')} one plan computes.`,
          [
            {
              in: 'body',
              pointer: '/usage',
              code: 'too_many_workloads',
              detail: `at most ${PREVIEW_LIMITS.maxWorkloads - existing} more`,
            },
          ],
          'TOO_MANY_WORKLOADS',
        )
      return presentImport({
        dryRun: true,
        portfolioId,
        ...prepared,
        workloads: bodies.map(proposedWorkload),
      })
    },

    /**
     * Creates the workloads. The `Idempotency-Key` covers this request (path and body): a retry replays the
     * workloads first created, with `replayed` set.
     */
    async create(
      auth: AuthContext,
      portfolioId: string,
      body: AnthropicUsageImportBody,
      idempotencyKey: string | undefined,
    ): Promise<Created<UsageImportAnswer<WorkloadView>>> {
      const { bodies, ...prepared } = await prepare(auth, portfolioId, body)
      const created = (await workloads.create(auth, portfolioId, { workloads: bodies }, idempotencyKey, {
        path: importPath(portfolioId),
        // The request as sent (decimals as text), so the key's fingerprint does not depend on how they are held.
        body: plainJson(body),
      })) as Created<WorkloadList>
      return {
        ...created,
        body: presentImport({ dryRun: false, portfolioId, ...prepared, workloads: created.body.data }),
      }
    },
  }
}

export type ImportService = ReturnType<typeof createImportService>

import { encodePriceBook } from '../../domain/codec.js'
import type { AuthContext } from '../../lib/auth-context.js'
import { attachmentName } from '../../lib/csv.js'
import { ConflictError } from '../../lib/errors.js'
import type { Tagged } from '../../lib/write-route.js'
import type { PriceBookRepository } from '../price-books/price-books.repository.js'
import type { ProjectionService } from '../projections/projections.service.js'
import type { WorkbookOutcome, WorkbookTask } from './workbook.protocol.js'

/**
 * Names the workbook's layout in its ETag: bumped when the workbook of the same plan changes (a sheet, a
 * formula), so a client's cached copy of the old layout is not taken for the new one.
 */
export const WORKBOOK_REPRESENTATION = 'workbook-v1'

/** The media type of an .xlsx file. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Where workbooks are written (`app.compute`): on a worker thread, as a computation of the caller's key. */
export interface WorkbookCompute {
  /** @throws ConcurrencyLimitedError (429) when the key holds every slot */
  admit(key: string): () => void
  /**
   * @throws ComputeOverloadedError (503) when every worker is busy and the queue is full
   * @throws DeadlineExceededError (503) past the computation deadline
   */
  run<Result>(task: unknown, options: { key: string; admitted?: boolean }): Promise<Result>
}

export interface WorkbookServiceDeps {
  projections: Pick<ProjectionService, 'planWithInputs'>
  priceBooks: Pick<PriceBookRepository, 'findVisible'>
  compute: WorkbookCompute
}

/** A workbook for the client: the .xlsx file's bytes and its file name. */
export interface WorkbookFile {
  bytes: Buffer
  /** `Content-Disposition` value: an attachment named after the portfolio and the scenario. */
  disposition: string
}

/**
 * The XLSX workbook of a stored scenario: its plan's inputs as cells and its deterministic figures as live
 * formulas over them (docs/spreadsheets.md, "Workbook"). The plan is the stored one (computed once per input
 * revision, like the projection); the inputs are read with it and checked to be its own. The file is written on
 * the compute pool, off the event loop: a workbook is a computation of the caller's API key (a share link's: the
 * key that made the link), so it takes one of the key's slots (429 beyond them), a place in the pool's queue
 * (503 when full) and the pool's deadline (503 past it).
 */
export function createWorkbookService({ projections, priceBooks, compute }: WorkbookServiceDeps) {
  return {
    async workbook(
      auth: AuthContext,
      portfolioId: string,
      scenarioId: string,
      notModified: (etag: string) => boolean,
    ): Promise<Tagged<WorkbookFile | null>> {
      const { body: source, etag } = await projections.planWithInputs(
        auth,
        portfolioId,
        scenarioId,
        WORKBOOK_REPRESENTATION,
        notModified,
      )
      if (!source) return { body: null, etag }
      // The price book as the plan was computed with it: the version the plan's key names.
      const book = await priceBooks.findVisible(auth.organizationId, source.book.id)
      if (!book || book.version !== source.book.version) {
        throw new ConflictError('The plan changed while it was read; retry.', 'PLAN_COMPUTING')
      }
      const planTag = etag.slice(WORKBOOK_REPRESENTATION.length + 2, -1)
      // The key's slot is claimed once the plan is stored (computing it takes a slot of its own) and before the
      // per-workload figures are read: a refused workbook costs no more reading.
      const release = compute.admit(auth.apiKeyId)
      let bytes: WorkbookOutcome
      try {
        const figures: string[] = []
        for await (const line of source.workloadFigures()) figures.push(line)
        const task: WorkbookTask = {
          kind: 'workbook',
          inputs: {
            portfolioName: source.portfolio.name,
            scenarioName: source.scenario.name,
            planTag,
            book: encodePriceBook(book),
            request: source.request,
            workloads: source.workloads.map(({ team, tags }) => ({ team, tags })),
            head: source.head,
            options: source.options,
            months: source.months,
            years: source.years,
            figures,
          },
        }
        bytes = await compute.run<WorkbookOutcome>(task, { key: auth.apiKeyId, admitted: true })
      } finally {
        release()
      }
      const base = `${source.portfolio.name}-${source.scenario.name}`
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .slice(0, 80)
      return {
        // The worker's buffer, moved here: wrapped, not copied.
        body: {
          bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          disposition: attachmentName(`${base}.xlsx`),
        },
        etag,
      }
    },
  }
}

export type WorkbookService = ReturnType<typeof createWorkbookService>

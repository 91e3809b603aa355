import { PassThrough, type Readable } from 'node:stream'
import type { AuthContext } from '../../lib/auth-context.js'
import { attachmentName } from '../../lib/csv.js'
import { ConflictError } from '../../lib/errors.js'
import type { Tagged } from '../../lib/write-route.js'
import type { PriceBookRepository } from '../price-books/price-books.repository.js'
import type { ProjectionService } from '../projections/projections.service.js'
import { buildWorkbook } from './build.js'
import { workbookData } from './workbook-data.js'

/**
 * Names the workbook's layout in its ETag: bumped when the workbook of the same plan changes (a sheet, a
 * formula), so a client's cached copy of the old layout is not taken for the new one.
 */
export const WORKBOOK_REPRESENTATION = 'workbook-v1'

/** The media type of an .xlsx file. */
export const XLSX_MEDIA_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

export interface WorkbookServiceDeps {
  projections: Pick<ProjectionService, 'planWithInputs'>
  priceBooks: Pick<PriceBookRepository, 'findVisible'>
}

/** A workbook on its way to the client: its bytes as they are written, and its file name. */
export interface WorkbookFile {
  stream: Readable
  /** `Content-Disposition` value: an attachment named after the portfolio and the scenario. */
  disposition: string
}

/**
 * The XLSX workbook of a stored scenario: its plan's inputs as cells and its deterministic figures as live
 * formulas over them (docs/spreadsheets.md, "Workbook"). The plan is the stored one (computed once per input
 * revision, like the projection); the inputs are read with it and checked to be its own. The file is written
 * while it is sent.
 */
export function createWorkbookService({ projections, priceBooks }: WorkbookServiceDeps) {
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
      const data = workbookData(source, book, planTag)
      const stream = new PassThrough()
      buildWorkbook(data, stream).then(
        () => stream.end(),
        (error: unknown) => stream.destroy(error as Error),
      )
      const base = `${source.portfolio.name}-${source.scenario.name}`
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .slice(0, 80)
      return { body: { stream, disposition: attachmentName(`${base}.xlsx`) }, etag }
    },
  }
}

export type WorkbookService = ReturnType<typeof createWorkbookService>

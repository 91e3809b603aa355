import type { Readable } from 'node:stream'
import type { AuthContext } from '../../lib/auth-context.js'
import type { Tagged } from '../../lib/write-route.js'
import type { ProjectionService } from '../projections/projections.service.js'
import { csvTableStream, jsonTableStream } from './table-columns.js'
import { TABLES, type TableName } from './tables.columns.js'

export interface TableServiceDeps {
  projections: Pick<ProjectionService, 'storedPlan'>
}

/** A table ready to send: its text as a stream, and the file name a spreadsheet saves it under. */
export interface TableFile {
  fileName: string
  stream: Readable
}

export type TableFormat = 'csv' | 'json'

/**
 * The tables of stored scenarios. Each is read from the scenario's stored plan (computed once per input
 * revision by the projection service, like the projection itself) and streamed: rows are produced as the
 * client reads them, so the largest table is never held in memory.
 */
export function createTableService({ projections }: TableServiceDeps) {
  return {
    /** One table in one format; `notModified` short-cuts a conditional read whose ETag still holds. */
    async table(
      auth: AuthContext,
      portfolioId: string,
      scenarioId: string,
      table: TableName,
      format: TableFormat,
      notModified: (etag: string) => boolean,
    ): Promise<Tagged<TableFile | null>> {
      const { body: plan, etag } = await projections.storedPlan(
        auth,
        portfolioId,
        scenarioId,
        `table.${table}.${format}`,
        notModified,
      )
      if (!plan) return { body: null, etag }
      const { columns, rows } = TABLES[table]
      const stream =
        format === 'csv'
          ? csvTableStream(columns, rows(plan))
          : jsonTableStream({ table, scenarioId: plan.scenario.id, currency: 'USD' }, columns, rows(plan))
      return { body: { fileName: `${plan.scenario.name}-${table}.${format}`, stream }, etag }
    },
  }
}

export type TableService = ReturnType<typeof createTableService>

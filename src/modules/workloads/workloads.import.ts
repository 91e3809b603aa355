import { PlanValidationError, type PriceBook } from '../../domain/index.js'
import type { AuthContext } from '../../lib/auth-context.js'
import { type FieldIssue, UnprocessableError } from '../../lib/errors.js'
import { PREVIEW_LIMITS } from '../../lib/limits.js'
import { changedFields, type HistoryChange, type HistoryRepository } from '../history/history.repository.js'
import type { IdempotencyService } from '../idempotency/idempotency.service.js'
import type { PortfolioRepository } from '../portfolios/portfolios.repository.js'
import type { PortfolioAccess } from '../portfolios/portfolios.service.js'
import type { PriceBookRepository } from '../price-books/price-books.repository.js'
import { WORKLOAD_CSV_COLUMNS, type WorkloadCsvRow } from './workloads.csv.js'
import type { CsvTable } from './workloads.csv-reader.js'
import {
  type Candidate,
  checkBody,
  exampleFor,
  invalidRows,
  type Rows,
  readRows,
  rowIssue,
  schemaIssues,
} from './workloads.import-rows.js'
import {
  holds,
  newWorkloads,
  type StoredWorkload,
  storedFields,
  type WorkloadRepository,
} from './workloads.repository.js'
import type { CreateWorkloadBody } from './workloads.schemas.js'
import {
  BULK_TRANSACTION_TIMEOUT_MS,
  beginWorkloadChange,
  checkForPlan,
  engineFields,
  presentWorkload,
  writeCreated,
} from './workloads.service.js'

/**
 * The CSV import of workloads: a file of rows → workloads of a portfolio, all or nothing. Each row is
 * mapped to the body a `POST …/workloads` would take and checked exactly as a bulk create checks its
 * workloads — the create's zod schema and wording, the plan's checks against the portfolio's price book,
 * unique names, the portfolio's limit —, and then written as a bulk create writes them (one transaction
 * with the portfolio's history, the workloads revision moved so stored plans are recomputed).
 */

export interface WorkloadImportDeps {
  repository: Pick<WorkloadRepository, 'allOf' | 'namesOf' | 'byNames' | 'insertMany' | 'replaceMany'>
  portfolios: Pick<PortfolioRepository, 'touchWorkloads'>
  access: PortfolioAccess
  priceBooks: Pick<PriceBookRepository, 'findVisible'>
  history: Pick<HistoryRepository, 'record'>
  idempotency: Pick<IdempotencyService, 'run'>
}

/** `create` (default): every row is a new workload. `upsert`: a row whose name exists replaces that workload. */
export type ImportMode = 'create' | 'upsert'

export interface ImportOptions {
  mode: ImportMode
  /** Check everything, write nothing. */
  dryRun: boolean
}

/** What became (or, in a dry run, would become) of one row. */
export interface ImportedRow {
  row: number
  line: number
  name: string
  action: 'created' | 'updated' | 'unchanged'
  /** The workload's id; null for a workload a dry run would create. */
  id: string | null
}

/** The answer of an import. */
export interface ImportReport {
  object: 'workload_import'
  portfolioId: string
  mode: ImportMode
  dryRun: boolean
  /** Data rows read (blank rows are skipped). */
  rows: number
  created: number
  updated: number
  unchanged: number
  workloads: ImportedRow[]
}

/** A stored workload's fields as a create body would give them (what an upsert keeps of it). */
function bodyFieldsOf(workload: StoredWorkload): Record<string, unknown> {
  const fields = engineFields(workload)
  if (workload.team !== null) fields.team = workload.team
  if (workload.tags.length > 0) fields.tags = workload.tags
  return fields
}

/** What the file comes to against the portfolio as it is: rows to create, to replace, unchanged, issues. */
interface ImportPlan {
  creates: Candidate[]
  updates: { candidate: Candidate; current: StoredWorkload; body: CreateWorkloadBody }[]
  unchanged: { candidate: Candidate; current: StoredWorkload }[]
  issues: FieldIssue[]
  existingCount: number
}

export function createWorkloadImportService(deps: WorkloadImportDeps) {
  const { repository, access, priceBooks, history, idempotency } = deps

  /**
   * The rows against the portfolio as it is (in the import's transaction, or outside one for a dry run):
   * names taken (create) or the workloads replaced (upsert), then the plan's checks of every workload as it
   * would be stored, against the portfolio's price book.
   */
  async function planImport(
    organizationId: string,
    portfolioId: string,
    book: PriceBook,
    rows: Rows,
    mode: ImportMode,
    tx?: Parameters<WorkloadRepository['namesOf']>[1],
  ): Promise<ImportPlan> {
    const issues = [...rows.issues]
    const valid = rows.candidates.filter((c) => c.body !== undefined)
    // The portfolio's names (a create) or workloads (an upsert), whole: a portfolio holds at most 10,000,
    // and one query of them is cheaper than one naming the file's 10,000 names.
    const existing =
      mode === 'create'
        ? new Map((await repository.namesOf(portfolioId, tx)).map((name) => [name, null]))
        : new Map((await repository.allOf(organizationId, portfolioId, tx)).map((w) => [w.name, w]))
    const plan: ImportPlan = {
      creates: [],
      updates: [],
      unchanged: [],
      issues,
      existingCount: existing.size,
    }
    const checked: { candidate: Candidate; body: CreateWorkloadBody }[] = []
    for (const candidate of valid) {
      if (!existing.has(candidate.name)) {
        plan.creates.push(candidate)
        checked.push({ candidate, body: candidate.body! })
        continue
      }
      const current = existing.get(candidate.name)
      // A create: the name is taken.
      if (!current) {
        issues.push(
          rowIssue(
            candidate.record,
            'name',
            candidate.name,
            'name_taken',
            'the portfolio already has a workload of this name; rename the row, or import with ?mode=upsert to update that workload',
          ),
        )
        continue
      }
      // Upsert: the columns the file has replace the workload's fields (an empty cell resets one to its
      // default); a column the file does not have is kept as it is.
      const kept = bodyFieldsOf(current)
      for (const header of rows.header) delete kept[header]
      const merged = checkBody({ ...kept, ...candidate.raw })
      if (!('value' in merged)) {
        issues.push(...schemaIssues(candidate.record, rows.header, merged.error))
        continue
      }
      checked.push({ candidate, body: merged.value })
      if (holds(current, storedFields(merged.value))) plan.unchanged.push({ candidate, current })
      else plan.updates.push({ candidate, current, body: merged.value })
    }
    try {
      checkForPlan(
        checked.map((c) => c.body),
        book,
        (i, rest) => `/${checked[i]!.candidate.record.row}${rest}`,
      )
    } catch (error) {
      if (!(error instanceof PlanValidationError)) throw error
      const bad = new Set<Candidate>()
      const byRow = new Map(checked.map((c) => [String(c.candidate.record.row), c]))
      for (const issue of error.issues) {
        const match = /^\/(\d+)(?:\/([^/]+))?/.exec(issue.pointer)
        const entry = byRow.get(match?.[1] ?? '')
        if (!entry) continue
        const column = match?.[2]
        const index = column === undefined ? -1 : rows.header.indexOf(column)
        const cell = index >= 0 ? entry.candidate.record.cells[index] : undefined
        issues.push(rowIssue(entry.candidate.record, column, cell, issue.code, issue.message))
        bad.add(entry.candidate)
      }
      plan.creates = plan.creates.filter((c) => !bad.has(c))
      plan.updates = plan.updates.filter((u) => !bad.has(u.candidate))
      plan.unchanged = plan.unchanged.filter((u) => !bad.has(u.candidate))
    }
    return plan
  }

  /** The portfolio's limit, as a bulk create enforces it. */
  function checkLimit(plan: ImportPlan) {
    const total = plan.existingCount + plan.creates.length
    if (total <= PREVIEW_LIMITS.maxWorkloads) return
    throw new UnprocessableError(
      `The portfolio has ${plan.existingCount} workloads; ${plan.creates.length} more would exceed the ${PREVIEW_LIMITS.maxWorkloads.toLocaleString('en-US')} one plan computes.`,
      [
        {
          in: 'body',
          pointer: '',
          code: 'too_many_workloads',
          detail: `at most ${Math.max(0, PREVIEW_LIMITS.maxWorkloads - plan.existingCount)} more`,
        },
      ],
      'TOO_MANY_WORKLOADS',
    )
  }

  function report(
    portfolioId: string,
    options: ImportOptions,
    rows: number,
    entries: ImportedRow[],
  ): ImportReport {
    entries.sort((a, b) => a.row - b.row)
    const count = (action: ImportedRow['action']) => entries.filter((e) => e.action === action).length
    return {
      object: 'workload_import',
      portfolioId,
      mode: options.mode,
      dryRun: options.dryRun,
      rows,
      created: count('created'),
      updated: count('updated'),
      unchanged: count('unchanged'),
      workloads: entries,
    }
  }

  const entry = (c: Candidate, action: ImportedRow['action'], id: string | null): ImportedRow => ({
    row: c.record.row,
    line: c.record.line,
    name: c.name,
    action,
    id,
  })

  return {
    /**
     * Imports the rows of `table` into the portfolio, all or nothing; a dry run checks the same and writes
     * nothing. A bad row — or a name already taken, in `create` mode — is a 422 listing every problem.
     * @returns what became of each row, and whether this answer is a replay of an earlier one
     */
    async importCsv(
      auth: AuthContext,
      portfolioId: string,
      table: CsvTable,
      options: ImportOptions,
      idempotencyKey: string | undefined,
    ): Promise<{ report: ImportReport; replayed: boolean }> {
      const portfolio = await access.writable(auth, portfolioId)
      const rows = readRows(table)
      const rowCount = table.records.length + table.badRows.size
      // A dry run, or a file with bad rows (whose report lists the database's findings on the other rows
      // too, as the dry run's does), is checked against the portfolio as it is, outside any transaction.
      if (options.dryRun || rows.issues.length > 0) {
        const book = await priceBooks.findVisible(auth.organizationId, portfolio.defaultPriceBook.id)
        if (!book) throw new Error(`portfolio ${portfolioId} names a price book that is gone`)
        const plan = await planImport(auth.organizationId, portfolioId, book, rows, options.mode)
        if (plan.issues.length > 0) throw invalidRows(plan.issues, table.header)
        checkLimit(plan)
        return {
          replayed: false,
          report: report(portfolioId, options, rowCount, [
            ...plan.creates.map((c) => entry(c, 'created', null)),
            ...plan.updates.map((u) => entry(u.candidate, 'updated', u.current.id)),
            ...plan.unchanged.map((u) => entry(u.candidate, 'unchanged', u.current.id)),
          ]),
        }
      }
      const result = await idempotency.run(
        {
          organizationId: auth.organizationId,
          key: idempotencyKey,
          method: 'POST',
          path: `/v1/portfolios/${portfolioId}/workloads/import`,
          // The same file with the same mode is the same request.
          body: { mode: options.mode, header: table.header, rows: table.records.map((r) => r.cells) },
        },
        async (tx) => {
          const book = await beginWorkloadChange(deps, auth, portfolioId, tx)
          const plan = await planImport(auth.organizationId, portfolioId, book, rows, options.mode, tx)
          if (plan.issues.length > 0) throw invalidRows(plan.issues, table.header)
          checkLimit(plan)
          const created = newWorkloads(
            auth.organizationId,
            portfolioId,
            plan.creates.map((c) => c.body!),
          )
          await writeCreated(deps, auth, created, tx)
          const replaced = await repository.replaceMany(
            auth.organizationId,
            portfolioId,
            plan.updates.map((u) => ({ id: u.current.id, version: u.current.version, input: u.body })),
            tx,
          )
          if (replaced.length !== plan.updates.length)
            throw new Error('a locked workload changed during an import')
          const changes: HistoryChange[] = replaced.map((after, i) => ({
            portfolioId,
            resourceType: 'workload',
            resourceId: after.id,
            action: 'updated',
            ...(changedFields(presentWorkload(plan.updates[i]!.current), presentWorkload(after)) ?? {
              before: {},
              after: {},
            }),
          }))
          await history.record(tx, auth, changes)
          const body = report(portfolioId, options, rowCount, [
            ...plan.creates.map((c, i) => entry(c, 'created', created[i]!.id)),
            ...plan.updates.map((u) => entry(u.candidate, 'updated', u.current.id)),
            ...plan.unchanged.map((u) => entry(u.candidate, 'unchanged', u.current.id)),
          ])
          return { statusCode: 200, body, headers: {} }
        },
        { timeoutMs: BULK_TRANSACTION_TIMEOUT_MS },
      )
      return { report: result.body as ImportReport, replayed: result.replayed }
    },

    /**
     * The template: the headers and one example row that imports into this portfolio as it is (a name it
     * does not have yet, models of its price book).
     */
    async template(
      auth: AuthContext,
      portfolioId: string,
    ): Promise<{ columns: typeof WORKLOAD_CSV_COLUMNS; rows: WorkloadCsvRow[] }> {
      const portfolio = await access.readable(auth, portfolioId)
      const book = await priceBooks.findVisible(auth.organizationId, portfolio.defaultPriceBook.id)
      if (!book) throw new Error(`portfolio ${portfolioId} names a price book that is gone`)
      const row = exampleFor(book)
      const taken = new Set(
        (await repository.byNames(portfolioId, candidateNames(row.name))).map((w) => w.name),
      )
      row.name = candidateNames(row.name).find((name) => !taken.has(name)) ?? row.name
      return { columns: WORKLOAD_CSV_COLUMNS, rows: [row] }
    },
  }
}

/** `nightly-digest`, then `nightly-digest-2` … for a template row whose name the portfolio already has. */
const candidateNames = (name: string) => [name, ...Array.from({ length: 9 }, (_, i) => `${name}-${i + 2}`)]

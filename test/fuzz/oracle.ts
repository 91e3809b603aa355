import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { parse as parseCsv } from 'csv-parse/sync'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { ProblemSchema } from '../../src/lib/problem.js'
import { isProblemCode, PROBLEM_CODES } from '../../src/lib/problem-codes.js'
import type { OpenApiDocument } from './openapi.js'

/** What is wrong with one response; `undefined` from a check means nothing. */
export interface Violation {
  kind:
    | '5xx'
    | 'non-problem error'
    | 'undocumented problem code'
    | 'problem code with the wrong status'
    | 'internals leaked'
    | 'invalid 2xx'
    | '2xx not in openapi.yaml'
    | 'unexpected status'
    | 'undocumented error status'
    | '405 without Allow'
    | 'rows changed by a rejected write'
    | 'prototype polluted'
  detail: string
}

// What an error body must never show: stack frames, SQL, Prisma's names and error codes.
const LEAK = /\bat .+\.(ts|js):\d+|prisma|SELECT |INSERT INTO|P20\d\d|node_modules/i

/** Checks an error response: an RFC 9457 problem of ours, with a documented code. */
export function checkError(response: LightMyRequestResponse): Violation[] {
  const status = response.statusCode
  const violations: Violation[] = []
  if (status >= 500) violations.push({ kind: '5xx', detail: `status ${status}` })
  const type = String(response.headers['content-type'] ?? '')
  if (!type.startsWith('application/problem+json')) {
    return [...violations, { kind: 'non-problem error', detail: `content-type '${type}'` }]
  }
  let json: unknown
  try {
    json = JSON.parse(response.body)
  } catch {
    return [...violations, { kind: 'non-problem error', detail: 'body is not JSON' }]
  }
  const parsed = ProblemSchema.safeParse(json)
  if (!parsed.success) {
    return [
      ...violations,
      { kind: 'non-problem error', detail: `not a Problem: ${parsed.error.issues[0]?.message}` },
    ]
  }
  const problem = parsed.data
  if (problem.status !== status) {
    violations.push({
      kind: 'non-problem error',
      detail: `problem.status ${problem.status} ≠ HTTP ${status}`,
    })
  }
  if (!isProblemCode(problem.code)) {
    violations.push({
      kind: 'undocumented problem code',
      detail: `code '${problem.code}' is not in src/lib/problem-codes.ts`,
    })
  } else if (!(PROBLEM_CODES[problem.code].statuses as readonly number[]).includes(status)) {
    violations.push({
      kind: 'problem code with the wrong status',
      detail: `code '${problem.code}' with ${status} (problem-codes.ts: ${PROBLEM_CODES[problem.code].statuses.join(', ')})`,
    })
  }
  if (LEAK.test(response.body))
    violations.push({ kind: 'internals leaked', detail: response.body.slice(0, 200) })
  if (status === 405 && !response.headers.allow) violations.push({ kind: '405 without Allow', detail: '' })
  return violations
}

interface CommittedResponse {
  content?: Record<string, { schema?: unknown }>
}

/**
 * Validates 2xx responses against the committed `openapi.yaml` — the contract clients were
 * generated from — with Ajv's JSON Schema 2020-12 validator (OpenAPI 3.1's dialect), resolving
 * `#/components/schemas/...` references inside the document.
 */
export class ContractValidator {
  private readonly ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true })
  private readonly validators = new Map<string, ValidateFunction | null>()

  constructor(private readonly committed: OpenApiDocument) {
    addFormats.default(this.ajv)
    this.ajv.addSchema({ ...committed, $id: 'https://openapi.invalid/committed.json' })
  }

  /** The operation's documented statuses in the committed document (undefined: no such operation). */
  statuses(method: string, path: string): number[] | undefined {
    const responses = this.committed.paths[path]?.[method.toLowerCase()]?.responses
    return responses ? Object.keys(responses).map(Number) : undefined
  }

  check(method: string, path: string, response: LightMyRequestResponse): Violation[] {
    const status = response.statusCode
    const documented = this.committed.paths[path]?.[method.toLowerCase()]?.responses as
      | Record<string, CommittedResponse>
      | undefined
    if (!documented) {
      return [
        {
          kind: '2xx not in openapi.yaml',
          detail: `openapi.yaml has no ${method} ${path} (npm run openapi:dump)`,
        },
      ]
    }
    const entry = documented[String(status)]
    if (!entry) {
      return [
        {
          kind: 'unexpected status',
          detail: `${status}; openapi.yaml documents ${Object.keys(documented).join(', ')}`,
        },
      ]
    }
    if (!entry.content) {
      return response.body === '' || method === 'HEAD'
        ? []
        : [{ kind: 'invalid 2xx', detail: `documented without a body, got ${response.body.slice(0, 100)}` }]
    }
    if (method === 'HEAD') return []
    const type = String(response.headers['content-type'] ?? '')
    const media = type.split(';')[0]!.trim().toLowerCase()
    if (media !== 'application/json') {
      if (!entry.content[media]) {
        return [
          {
            kind: 'invalid 2xx',
            detail: `content-type '${type}'; openapi.yaml documents ${Object.keys(entry.content).join(', ')}`,
          },
        ]
      }
      return checkFile(media, response)
    }
    const validate = this.validator(method, path, status)
    if (!validate) return []
    let body: unknown
    try {
      body = JSON.parse(response.body)
    } catch {
      return [{ kind: 'invalid 2xx', detail: 'body is not JSON' }]
    }
    if (validate(body)) return []
    const errors = (validate.errors ?? [])
      .slice(0, 3)
      .map((e) => `${e.instancePath || '/'} ${e.message}`)
      .join('; ')
    return [{ kind: 'invalid 2xx', detail: errors }]
  }

  private validator(method: string, path: string, status: number): ValidateFunction | null {
    const key = `${method} ${path} ${status}`
    if (!this.validators.has(key)) {
      const pointer = [
        'paths',
        path,
        method.toLowerCase(),
        'responses',
        String(status),
        'content',
        'application/json',
        'schema',
      ]
        .map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1'))
        .join('/')
      const exists =
        this.committed.paths[path]?.[method.toLowerCase()]?.responses?.[String(status)]?.content?.[
          'application/json'
        ]?.schema
      this.validators.set(
        key,
        exists ? this.ajv.compile({ $ref: `https://openapi.invalid/committed.json#/${pointer}` }) : null,
      )
    }
    return this.validators.get(key) ?? null
  }
}

/** A plain decimal number, as numeric CSV cells are written. */
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/
/** First characters that make a spreadsheet run a cell as a formula (src/lib/csv.ts neutralizes them). */
const FORMULA_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/

/**
 * Checks a 2xx body that is not JSON, by its media type: a CSV parses (RFC 4180, a header row, every record
 * as wide as the header) and no cell but a plain number starts like a formula; a workbook is a zip; an SVG
 * is an `<svg>` document; a PNG has the PNG signature.
 */
function checkFile(media: string, response: LightMyRequestResponse): Violation[] {
  const bytes = response.rawPayload
  const invalid = (detail: string): Violation[] => [{ kind: 'invalid 2xx', detail }]
  switch (media) {
    case 'text/csv': {
      let rows: string[][]
      try {
        rows = parseCsv(response.body, { bom: true }) as string[][]
      } catch (error) {
        return invalid(`not RFC 4180 CSV: ${(error as Error).message}`)
      }
      if (rows.length === 0) return invalid('CSV without a header row')
      const hostile = rows.flat().find((cell) => FORMULA_START.test(cell) && !PLAIN_DECIMAL.test(cell))
      return hostile === undefined
        ? []
        : invalid(`CSV cell runs as a formula: ${JSON.stringify(hostile.slice(0, 60))}`)
    }
    case 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet':
      return bytes.subarray(0, 4).toString('latin1') === 'PK\x03\x04' ? [] : invalid('workbook is not a zip')
    case 'image/svg+xml':
      return /^(<\?xml[^>]*>\s*)?<svg[\s>]/.test(response.body) ? [] : invalid('not an SVG document')
    case 'image/png':
      return bytes.subarray(0, 8).equals(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]))
        ? []
        : invalid('not a PNG')
    case 'text/html':
      return /^<!doctype html>/i.test(response.body) ? [] : invalid('not an HTML document')
    default:
      return invalid(`no check for ${media}`)
  }
}

/**
 * Counts the rows of every table of the app's schema in one statement (table names from
 * information_schema, so a new table is counted without anyone listing it).
 */
/**
 * Tables of derived data, left out of the count: a stored plan (PlanSnapshot) is a cache of what the
 * inputs compute to — a read that computes one, or records that its inputs cannot be computed (a 422),
 * changes nothing a client wrote; nor does a table's read that splits a stored part into lines (PlanPartLine).
 */
const DERIVED_TABLES = new Set(['PlanSnapshot', 'PlanPartLine'])

export async function rowCounter(app: FastifyInstance): Promise<() => Promise<Record<string, number>>> {
  const tables = (
    await app.db.prisma.$queryRawUnsafe<{ name: string }[]>(
      `SELECT table_name AS name FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`,
    )
  ).filter(({ name }) => !DERIVED_TABLES.has(name))
  if (tables.length === 0) throw new Error('No tables found in the current schema')
  const quote = (name: string) => `"${name.replaceAll('"', '""')}"`
  const sql = `SELECT ${tables
    .map(({ name }, i) => `(SELECT count(*)::int FROM ${quote(name)}) AS c${i}`)
    .join(', ')}`
  return async () => {
    const [row] = await app.db.prisma.$queryRawUnsafe<Record<string, number>[]>(sql)
    return Object.fromEntries(tables.map(({ name }, i) => [name, Number(row?.[`c${i}`])]))
  }
}

/** The tables whose counts differ, as `Table: before → after`. */
export function countChanges(before: Record<string, number>, after: Record<string, number>): string[] {
  return Object.keys({ ...before, ...after })
    .filter((table) => before[table] !== after[table])
    .map((table) => `${table}: ${before[table]} → ${after[table]}`)
}

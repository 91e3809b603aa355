import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
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
    const validate = this.validator(method, path, status)
    if (!validate || method === 'HEAD') return []
    const type = String(response.headers['content-type'] ?? '')
    if (!type.startsWith('application/json'))
      return [{ kind: 'invalid 2xx', detail: `content-type '${type}'` }]
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

/**
 * Counts the rows of every table of the app's schema in one statement (table names from
 * information_schema, so a new table is counted without anyone listing it).
 */
/**
 * Tables of derived data, left out of the count: a stored plan (PlanSnapshot) is a cache of what the
 * inputs compute to — a read that computes one, or records that its inputs cannot be computed (a 422),
 * changes nothing a client wrote.
 */
const DERIVED_TABLES = new Set(['PlanSnapshot'])

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

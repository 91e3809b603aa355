import fc from 'fast-check'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import { bearer, type Tenant } from '../helpers/app.js'
import { documentExamples, stringsIn } from './arbitraries.js'
import { fixtureFor, PATH_FIXTURES } from './fixtures.js'
import { type OpenApiDocument, operationsOf, routeMatcher } from './openapi.js'
import { ContractValidator, checkError, countChanges, rowCounter, type Violation } from './oracle.js'
import { type PlanContext, type PlannedRequest, requestArbitrary, type UrlText } from './plans.js'
import { replaceTokens, type TokenKind, tokensIn } from './tokens.js'

export interface FuzzOptions {
  app: FastifyInstance
  /** The document the app serves: what requests are generated from. */
  served: OpenApiDocument
  /** The committed openapi.yaml: what 2xx responses are checked against. */
  committed: OpenApiDocument
  /** The organization the fuzzer works in (its admin key sends the requests). */
  tenant: Tenant
  /** Another organization, whose resources the fuzzer must never reach. */
  other: Tenant
  seed: number
  /** Requests to send, spread evenly over the operations. */
  runs: number
  integerCaps?: Record<string, number>
  maxArrayItems?: number
}

/** One request as sent and its response, short enough to print. */
export interface Exchange {
  index: number
  operation: string
  label: string
  method: string
  url: string
  headers: Record<string, string>
  body: string
  status: number
  response: string
}

export interface Finding extends Violation {
  exchange: Exchange
}

export interface FuzzReport {
  seed: number
  requests: number
  supportRequests: number
  refusedByInject: number
  seconds: number
  perOperation: Map<string, { requests: number; statuses: Map<number, number> }>
  statuses: Map<number, number>
  labels: Map<string, number>
  /** Milliseconds spent per generator (request, checks and fixture work). */
  millis: Map<string, number>
  /** Error statuses an operation answered that its OpenAPI responses do not list, counted (each a finding too). */
  undocumentedStatuses: Map<string, number>
  findings: Finding[]
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']

const increment = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1)

/** Shows a text with its control characters and lone surrogates escaped, cut to `max`. */
function excerpt(text: string, max = 300): string {
  const shown = JSON.stringify(text.length > max ? text.slice(0, max) : text)
  return text.length > max ? `${shown}… (${text.length.toLocaleString('en-US')} characters)` : shown
}

/** Percent-encodes text for a URL; text a URL cannot carry (a lone surrogate) is sent as it is. */
function encode(text: string): string {
  try {
    return encodeURIComponent(text)
  } catch {
    return text
  }
}

/** Every string leaf of a JSON value, by the name of the property holding it. */
function harvest(value: unknown, into: Map<string, string[]>, name = ''): void {
  if (typeof value === 'string') {
    if (!name || value.length > 200) return
    const list = into.get(name) ?? []
    if (!list.includes(value)) list.push(value)
    if (list.length > 20) list.shift()
    into.set(name, list)
    // The list envelope's convention: a page's `nextCursor` is the next request's `startingAfter`.
    if (name === 'nextCursor') harvest(value, into, 'startingAfter')
  } else if (Array.isArray(value)) for (const item of value) harvest(item, into, name)
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) harvest(item, into, key)
}

/**
 * Sends generated requests to every operation of the served OpenAPI document, one at a time, and
 * checks each response: no 5xx; every error an RFC 9457 problem with a documented code; every 2xx
 * valid against the committed contract; a rejected write leaves every table's row count as it was;
 * nothing pollutes Object.prototype.
 */
export async function fuzz(options: FuzzOptions): Promise<FuzzReport> {
  const { app, served, committed, tenant, other, seed, runs } = options
  const started = Date.now()
  const operations = operationsOf(served)
  for (const op of operations) for (const p of op.pathParams) fixtureFor(op.path, p.name)

  const dictionary = [...stringsIn(documentExamples(served))].filter((s) => s.length <= 100)
  const methodsByPath = new Map<string, Set<string>>()
  for (const op of operations)
    methodsByPath.set(op.path, (methodsByPath.get(op.path) ?? new Set()).add(op.method))
  const ctx: PlanContext = {
    doc: served,
    dictionary,
    fixtureKeys: Object.keys(PATH_FIXTURES),
    maxArrayItems: options.maxArrayItems ?? 3,
    integerCaps: options.integerCaps ?? {},
    otherMethods: (path) => ALL_METHODS.filter((m) => !methodsByPath.get(path)?.has(m)),
  }

  // Plans first (reproducible from the seed alone), then sent in round-robin order over operations.
  const quota = Math.ceil(runs / operations.length)
  const perOp = operations.map((op, i) =>
    fc.sample(requestArbitrary(op, ctx), { seed: seed + i * 7919, numRuns: quota }),
  )
  const plans: PlannedRequest[] = []
  for (let round = 0; round < quota; round++)
    for (const list of perOp) if (list[round]) plans.push(list[round]!)

  const contract = new ContractValidator(committed)
  const routeOf = routeMatcher(served)
  const countRows = await rowCounter(app)
  const report: FuzzReport = {
    seed,
    requests: 0,
    supportRequests: 0,
    refusedByInject: 0,
    seconds: 0,
    perOperation: new Map(operations.map((op) => [op.id, { requests: 0, statuses: new Map() }])),
    statuses: new Map(),
    labels: new Map(),
    millis: new Map(),
    undocumentedStatuses: new Map(),
    findings: [],
  }

  // Fixture values: the tenant's own (replaced when a DELETE removes one) and the other tenant's.
  const own = new Map<string, string[]>()
  const foreign = new Map<string, string>()
  const harvested = new Map<string, string[]>()
  const huge = new Map<number, string>()
  const etags = new Map<string, string>()
  let dirty = true
  let lastCounts: Record<string, number> | undefined
  let counter = 0

  async function ownValue(key: string): Promise<string> {
    const pool = own.get(key) ?? []
    while (pool.length < 2) {
      pool.push(await PATH_FIXTURES[key]!.create({ app, doc: served, tenant }))
      report.supportRequests++
      dirty = true
    }
    own.set(key, pool)
    return pool[counter++ % pool.length]!
  }

  async function foreignValue(key: string): Promise<string> {
    let value = foreign.get(key)
    if (value === undefined) {
      value = await PATH_FIXTURES[key]!.create({ app, doc: served, tenant: other })
      report.supportRequests++
      dirty = true
      foreign.set(key, value)
    }
    return value
  }

  /** Resolves the tokens of one text; `used` collects the own fixture values it took. */
  async function resolve(text: string, url: string, used: [string, string][]): Promise<string> {
    const values = new Map<string, string>()
    for (const { kind, arg } of tokensIn(text)) {
      const id = `${kind}:${arg}`
      if (values.has(id)) continue
      values.set(id, await tokenValue(kind, arg, url, used))
    }
    return replaceTokens(text, (kind, arg) => values.get(`${kind}:${arg}`) ?? '')
  }

  async function tokenValue(
    kind: TokenKind,
    arg: string,
    url: string,
    used: [string, string][],
  ): Promise<string> {
    switch (kind) {
      case 'own': {
        const value = await ownValue(arg)
        used.push([arg, value])
        return value
      }
      case 'foreign':
        return foreignValue(arg)
      case 'harvest': {
        const list = harvested.get(arg)
        return list && list.length > 0 ? list[counter++ % list.length]! : arg
      }
      case 'huge': {
        const length = Number(arg)
        if (!huge.has(length)) huge.set(length, 'x'.repeat(length))
        return huge.get(length)!
      }
      case 'etag': {
        // The last ETag this URL answered with (GET or a successful write), else a fresh GET.
        const known = etags.get(url)
        if (known) return known
        const response = await app.inject({ method: 'GET', url, headers: bearer(tenant.keys.admin) })
        report.supportRequests++
        const etag = String(response.headers.etag ?? '"no-etag"')
        if (response.headers.etag) etags.set(url, etag)
        return etag
      }
      default:
        return ''
    }
  }

  const urlText = async (part: UrlText, used: [string, string][]) =>
    'raw' in part ? resolve(part.raw, '', used) : encode(await resolve(part.text, '', used))

  for (const [index, plan] of plans.entries()) {
    const op = plan.operation
    const planStarted = performance.now()
    const used: [string, string][] = []
    let path = op.path
    for (const [name, value] of Object.entries(plan.path))
      path = path.replace(`{${name}}`, await urlText(value, used))
    const pairs: string[] = []
    for (const [name, value] of plan.query)
      pairs.push(`${await urlText(name, used)}=${await urlText(value, used)}`)
    const url = pairs.length > 0 ? `${path}?${pairs.join('&')}` : path
    const headers: Record<string, string> = {}
    for (const [name, value] of Object.entries(plan.headers)) headers[name] = await resolve(value, path, used)
    if (plan.auth === 'key') headers.authorization = `Bearer ${tenant.keys.admin}`
    else if (plan.auth === 'unknown key') headers.authorization = `Bearer ccp_${'0'.repeat(40)}`
    else if (plan.auth === 'malformed')
      headers.authorization = pick(['Basic Zm9vOmJhcg==', 'Bearer', 'Bearer a b', 'bearer  '], index)
    let body: string | undefined
    if (plan.body) {
      body = await resolve(plan.body.text, path, used)
      if (plan.body.contentType !== undefined) headers['content-type'] = plan.body.contentType
    }

    const write = WRITES.has(plan.method)
    let before: Record<string, number> | undefined
    if (write) before = dirty ? await countRows() : lastCounts
    let response: LightMyRequestResponse
    try {
      response = await app.inject({
        method: plan.method as 'GET',
        url,
        headers,
        ...(body !== undefined ? { payload: body } : {}),
      })
    } catch {
      // light-my-request refuses what no HTTP client could send (an invalid header character).
      report.refusedByInject++
      continue
    }
    report.requests++
    const stats = report.perOperation.get(op.id)!
    stats.requests++
    increment(stats.statuses, response.statusCode)
    increment(report.statuses, response.statusCode)
    increment(report.labels, plan.label)

    const violations: Violation[] = []
    const status = response.statusCode
    if (status === 412) etags.delete(path)
    if (status >= 400) {
      violations.push(...checkError(response))
      const documented = contract.statuses(plan.method, op.path)
      if (plan.method === op.method && documented && !documented.includes(status)) {
        increment(report.undocumentedStatuses, `${op.id} ${status}`)
        violations.push({
          kind: 'undocumented error status',
          detail: `${status}; openapi.yaml documents ${documented.join(', ')} for ${op.id}`,
        })
      }
      if (status === 401 && plan.auth === 'key')
        violations.push({
          kind: 'unexpected status',
          detail: "401 with the fuzzer's valid key (was it revoked?)",
        })
    } else if (status >= 200 && status < 300) {
      // A hostile path may reach another route (`/v1/price-books/.` is the list): judge by that one.
      const reached = routeOf(plan.method, path)
      const reachedOp = operations.find((o) => o.method === plan.method && o.path === reached)
      if (!reached || !reachedOp) {
        violations.push({
          kind: 'unexpected status',
          detail: `${status} for ${plan.method} ${path}, which no documented operation serves`,
        })
      } else {
        violations.push(...contract.check(plan.method, reached, response))
        if (plan.auth !== 'key' && !reachedOp.public)
          violations.push({ kind: 'unexpected status', detail: `${status} with auth '${plan.auth}'` })
      }
      if (response.body && String(response.headers['content-type']).startsWith('application/json')) {
        try {
          harvest(JSON.parse(response.body), harvested)
        } catch {
          // The contract check reports a body that is not JSON.
        }
      }
      if (response.headers.etag) etags.set(path, String(response.headers.etag))
      if (plan.method === 'DELETE') {
        for (const [key, value] of used)
          own.set(
            key,
            (own.get(key) ?? []).filter((v) => v !== value),
          )
        etags.delete(path)
      }
    } else if (
      status === 304 &&
      headers['if-none-match'] !== undefined &&
      ['GET', 'HEAD'].includes(plan.method)
    ) {
      // A conditional read may answer "not modified" (`*` matches any current representation, RFC 9110
      // §13.1.2); the operation must document the 304, with no body.
      violations.push(...contract.check(plan.method, op.path, response))
    } else {
      violations.push({ kind: 'unexpected status', detail: `${status}` })
    }
    if (write) {
      lastCounts = await countRows()
      dirty = false
      if (status >= 400 && before) {
        const changes = countChanges(before, lastCounts)
        if (changes.length > 0)
          violations.push({ kind: 'rows changed by a rejected write', detail: changes.join(', ') })
      }
    }
    // biome-ignore lint/suspicious/noExplicitAny: probing for prototype pollution
    if (({} as any).polluted !== undefined || Object.keys(Object.prototype).length > 0) {
      violations.push({ kind: 'prototype polluted', detail: Object.keys(Object.prototype).join(', ') })
      // biome-ignore lint/suspicious/noExplicitAny: undo it so later requests are judged on their own
      delete (Object.prototype as any).polluted
    }
    const key = `${op.id} ${plan.label}`
    report.millis.set(key, (report.millis.get(key) ?? 0) + performance.now() - planStarted)
    if (violations.length > 0) {
      const exchange: Exchange = {
        index,
        operation: op.id,
        label: plan.label,
        method: plan.method,
        url,
        headers: Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'authorization')),
        body: body === undefined ? '' : body,
        status,
        response: `${response.headers['content-type'] ?? ''} ${response.body}`,
      }
      for (const violation of violations) report.findings.push({ ...violation, exchange })
    }
  }
  report.seconds = (Date.now() - started) / 1000
  return report
}

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!

/** The figures, for CI logs. */
export function formatFigures(report: FuzzReport, database: string): string {
  const count = (kind: string) => report.findings.filter((f) => f.kind === kind).length
  const lines = [
    `fuzz on ${database}: ${report.requests.toLocaleString('en-US')} requests (+${report.supportRequests} fixture/ETag requests, ` +
      `${report.refusedByInject} refused by inject) in ${report.seconds.toFixed(1)} s, seed ${report.seed}`,
    '',
    `${'operation'.padEnd(22)} ${'requests'.padStart(8)}  statuses`,
  ]
  for (const [id, stats] of report.perOperation) {
    const statuses = [...stats.statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ')
    lines.push(`${id.padEnd(22)} ${String(stats.requests).padStart(8)}  ${statuses}`)
  }
  lines.push(
    '',
    `statuses: ${[...report.statuses]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ')}`,
    `5xx: ${count('5xx')}   non-problem errors: ${count('non-problem error')}   undocumented codes: ${count('undocumented problem code')}` +
      `   invalid 2xx: ${count('invalid 2xx') + count('2xx not in openapi.yaml')}   rejected writes that changed rows: ${count('rows changed by a rejected write')}` +
      `   other findings: ${report.findings.length - count('5xx') - count('non-problem error') - count('undocumented problem code') - count('invalid 2xx') - count('2xx not in openapi.yaml') - count('rows changed by a rejected write')}`,
    `generators: ${[...report.labels]
      .sort(([, a], [, b]) => b - a)
      .map(([l, n]) => `${l} ${n}`)
      .join(' · ')}`,
  )
  const slowest = [...report.millis].sort(([, a], [, b]) => b - a).slice(0, 8)
  lines.push(`slowest: ${slowest.map(([k, ms]) => `${k} ${(ms / 1000).toFixed(1)} s`).join(' · ')}`)
  if (report.undocumentedStatuses.size > 0) {
    lines.push(
      `error statuses missing from an operation's documented responses: ${[...report.undocumentedStatuses].map(([k, n]) => `${k} ×${n}`).join(', ')}`,
    )
  }
  return lines.join('\n')
}

/** Every finding, grouped by what went wrong, with up to three requests each to reproduce it. */
export function formatFindings(report: FuzzReport): string {
  const groups = new Map<string, Finding[]>()
  for (const finding of report.findings) {
    const code = /"code":"([^"]+)"/.exec(finding.exchange.response)?.[1] ?? ''
    const key = `${finding.kind} — ${finding.exchange.operation} — ${finding.exchange.label} — ${finding.exchange.status} ${code}`
    groups.set(key, [...(groups.get(key) ?? []), finding])
  }
  const lines = [
    `${report.findings.length} findings in ${groups.size} groups (reproduce with FUZZ_SEED=${report.seed}):`,
  ]
  for (const [key, findings] of groups) {
    lines.push('', `■ ${key} (×${findings.length})`)
    for (const { detail, exchange } of findings.slice(0, 3)) {
      lines.push(
        `  #${exchange.index} ${exchange.method} ${excerpt(exchange.url, 200)}`,
        ...(Object.keys(exchange.headers).length > 0
          ? [`    headers: ${excerpt(JSON.stringify(exchange.headers), 200)}`]
          : []),
        ...(exchange.body ? [`    body: ${excerpt(exchange.body)}`] : []),
        `    → ${exchange.status} ${excerpt(exchange.response)}`,
        `    ${detail}`,
      )
    }
  }
  return lines.join('\n')
}

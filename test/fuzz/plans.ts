import fc from 'fast-check'
import { type GenContext, mutatedArbitrary, valueArbitrary } from './arbitraries.js'
import { fixtureKey, uniquified } from './fixtures.js'
import type { Operation, Parameter } from './openapi.js'
import { token } from './tokens.js'

/** A value for one slot of a URL: text to percent-encode when sent, or text sent as it is. */
export type UrlText = { text: string } | { raw: string }

/**
 * One request the fuzzer will send, with tokens (see tokens.ts) where values are only known at
 * send time. `label` names the generator that made it (`valid`, `body: NUL in a string`, …).
 */
export interface PlannedRequest {
  operation: Operation
  label: string
  method: string
  path: Record<string, UrlText>
  query: [UrlText, UrlText][]
  headers: Record<string, string>
  /** The body as sent (JSON text or not), and its content type (absent: no Content-Type header). */
  body?: { text: string; contentType?: string }
  /** Whose credentials: the fuzzing tenant's admin key, none, or a bad one. */
  auth: 'key' | 'none' | 'unknown key' | 'malformed'
}

/** How the fuzzer splits its requests between generators (relative weights). */
const WEIGHTS = {
  valid: 20,
  example: 20,
  body: 18,
  rawBody: 8,
  path: 10,
  query: 8,
  header: 6,
  auth: 3,
  method: 3,
}

// ---------------------------------------------------------------------------------------------
// Catalogs of hostile values.

/** Path segments, already percent-encoded as sent. */
const PATH_SEGMENTS = [
  '%00',
  'a%00b',
  '%ZZ',
  '%',
  '%E0%A4%A',
  '%C0%AF',
  '%ED%A0%80',
  '%F0%9F%98',
  '%FF',
  '%2F',
  '%252F',
  '..',
  '.',
  '%20',
  'null',
  'undefined',
  '0',
  '-1',
  "'%20OR%201=1--",
  '%3Cscript%3E',
  '%C3%A9t%C3%A9',
  'x'.repeat(101),
  'x'.repeat(201),
  'x'.repeat(5_000),
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-4000-8000-00000000000g',
]

/** Query values, already percent-encoded as sent. */
const QUERY_VALUES = [
  '',
  '%00',
  'a%00b',
  '%ZZ',
  '%ED%A0%80',
  'abc',
  '1.5',
  '-1',
  '0',
  '101',
  '1e309',
  'NaN',
  'Infinity',
  '%20',
  '9007199254740993',
  'x'.repeat(201),
  'x'.repeat(10_000),
  token.huge(1_048_576),
  '%E2%80%AE',
]

const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64url')

/** Tampered pagination cursors: garbage, base64 of garbage, dates out of range, ids that are not UUIDs. */
const CURSORS = [
  'garbage',
  b64('garbage'),
  b64('|'),
  b64('||||'),
  b64('2026-01-01T00:00:00.000Z'),
  b64('2026-01-01T00:00:00.000Z|not-a-uuid'),
  b64('2026-01-01T00:00:00.000Z|------------------------------------'),
  b64('0000-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000'),
  b64('-000001-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000'),
  b64('+275760-09-13T00:00:00.000Z|00000000-0000-4000-8000-000000000000'),
  b64('+275760-09-13T00:00:00.001Z|00000000-0000-4000-8000-000000000000'),
  b64('9999-12-31T23:59:59.999Z|00000000-0000-4000-8000-000000000000'),
  b64('1969-12-31T23:59:59.999Z|00000000-0000-4000-8000-000000000000'),
  b64('2026-02-30T00:00:00.000Z|00000000-0000-4000-8000-000000000000'),
  b64('0|00000000-0000-4000-8000-000000000000'),
  b64('8640000000000001|00000000-0000-4000-8000-000000000000'),
  b64('2026-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000\u0000'),
  b64('2026-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000|extra'),
  Buffer.from('2026-01-01T00:00:00.000Z|00000000-0000-4000-8000-000000000000').toString('base64'),
  encodeURIComponent(Buffer.from([0xff, 0xfe, 0x00, 0xd8]).toString('base64')),
  '%2B%2F%3D',
]

/** Header values for any documented header parameter. */
const HEADER_VALUES = [
  '',
  ' ',
  '*',
  'x'.repeat(201),
  'x'.repeat(256),
  'x'.repeat(10_000),
  token.huge(1_048_576),
  'W/"abc:1"',
  '"abc:1"',
  '"abc"',
  '"abc:99999999999"',
  '"abc:-1"',
  'key with spaces',
  'a,b',
  'caf\u00e9',
  'fuzz-key-1',
  'fuzz-key-2',
]

const MALFORMED_JSON = [
  '{',
  '{"a":',
  '{"a":1,}',
  "{'a':1}",
  '\uFEFF{}',
  ' ',
  'null',
  '[]',
  '"text"',
  '123',
  'true',
  '{"a":1}{"b":2}',
  '{"a":"\\ud800"}',
  '{"a":"\\u0000"}',
  '{"a":1e309}',
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"polluted":true}}}',
  '\u0000',
  '{"a":"\\x41"}',
]

const CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=latin1',
  'application/jsonx',
  'APPLICATION/JSON',
  'application/json;;',
  '*/*',
  'application/problem+json',
  'application/merge-patch+json',
  'application/octet-stream',
]

const WRONG_VALUES: unknown[] = [0, -1, 1.5, 'text', '', true, false, null, [], {}, [1, 'a'], { a: 1 }]

const NUL_TEXTS = ['\u0000', 'a\u0000', '\u0000b', 'x\u0000y']
const SURROGATES = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'a\uD800b', '\uDC00\uD800']
const PROTO_KEYS = ['__proto__', 'constructor', 'prototype']

/** Bodies larger than the default 1 MiB limit and the preview's 16 MiB one. */
const OVERSIZED = [1_100_000, 17_000_000]

// ---------------------------------------------------------------------------------------------
// Walking JSON values.

type Path = (string | number)[]

interface Node {
  path: Path
  value: unknown
}

function nodesOf(value: unknown, path: Path = [], into: Node[] = []): Node[] {
  into.push({ path, value })
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) nodesOf(item, [...path, i], into)
  } else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) nodesOf(item, [...path, key], into)
  return into
}

/** A copy of `root` with the node at `path` replaced by what `change` returns (the root too). */
function replaceAt(root: unknown, path: Path, change: (value: unknown) => unknown): unknown {
  if (path.length === 0) return change(root)
  const [head, ...rest] = path
  if (Array.isArray(root)) return root.map((item, i) => (i === head ? replaceAt(item, rest, change) : item))
  const copy: Record<string, unknown> = {}
  for (const [key, item] of Object.entries(root as Record<string, unknown>)) {
    Object.defineProperty(copy, key, {
      value: key === head ? replaceAt(item, rest, change) : item,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  }
  return copy
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

/** Sets an own property, even `__proto__`, so JSON.stringify writes it. */
function withKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy = { ...target }
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true })
  return copy
}

function renameKey(target: Record<string, unknown>, from: string, to: string): Record<string, unknown> {
  const copy: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(target))
    Object.defineProperty(copy, key === from ? to : key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  return copy
}

const pick = <T>(list: readonly T[], n: number): T => list[n % list.length]!

/** Mutations of a valid JSON body into invalid ones; each picks where to strike from `n`. */
const BODY_ATTACKS: { label: string; apply(body: unknown, n: number, m: number): unknown }[] = [
  {
    label: 'body: a field missing',
    apply(body, n, m) {
      const objects = nodesOf(body).filter(
        (node) => isObject(node.value) && Object.keys(node.value).length > 0,
      )
      if (objects.length === 0) return {}
      const node = pick(objects, n)
      const keys = Object.keys(node.value as object)
      const drop = pick(keys, m)
      return replaceAt(body, node.path, (v) =>
        Object.fromEntries(Object.entries(v as object).filter(([key]) => key !== drop)),
      )
    },
  },
  {
    label: 'body: an unknown field',
    apply(body, n, m) {
      const objects = nodesOf(body).filter((node) => isObject(node.value))
      if (objects.length === 0) return { unexpectedField: 1 }
      return replaceAt(body, pick(objects, n).path, (v) =>
        withKey(
          v as Record<string, unknown>,
          pick(['unexpectedField', 'id', 'organizationId', 'version', 'createdAt'], m),
          pick(WRONG_VALUES, m),
        ),
      )
    },
  },
  {
    label: 'body: a value of the wrong type',
    apply(body, n, m) {
      const nodes = nodesOf(body)
      const node = pick(nodes, n)
      const replacements = WRONG_VALUES.filter(
        (v) => typeof v !== typeof node.value || Array.isArray(v) !== Array.isArray(node.value),
      )
      return replaceAt(body, node.path, () => pick(replacements, m))
    },
  },
  {
    label: 'body: NUL in a string',
    apply(body, n, m) {
      const strings = nodesOf(body).filter((node) => typeof node.value === 'string')
      if (strings.length === 0 || m % 4 === 0) {
        const objects = nodesOf(body).filter(
          (node) => isObject(node.value) && Object.keys(node.value).length > 0,
        )
        if (objects.length === 0) return pick(NUL_TEXTS, m)
        const node = pick(objects, n)
        return replaceAt(body, node.path, (v) =>
          renameKey(
            v as Record<string, unknown>,
            pick(Object.keys(v as object), m),
            `${pick(Object.keys(v as object), m)}\u0000`,
          ),
        )
      }
      return replaceAt(body, pick(strings, n).path, (v) => `${v as string}${pick(NUL_TEXTS, m)}`)
    },
  },
  {
    label: 'body: a lone surrogate',
    apply(body, n, m) {
      const strings = nodesOf(body).filter((node) => typeof node.value === 'string')
      if (strings.length === 0 || m % 4 === 0) {
        const objects = nodesOf(body).filter((node) => isObject(node.value))
        if (objects.length === 0) return pick(SURROGATES, m)
        return replaceAt(body, pick(objects, n).path, (v) =>
          withKey(v as Record<string, unknown>, pick(SURROGATES, m), 'x'),
        )
      }
      return replaceAt(body, pick(strings, n).path, (v) => `${v as string}${pick(SURROGATES, m)}`)
    },
  },
  {
    label: 'body: a 1 MB string',
    apply(body, n) {
      const strings = nodesOf(body).filter((node) => typeof node.value === 'string')
      const target = strings.length > 0 ? pick(strings, n) : pick(nodesOf(body), n)
      return replaceAt(body, target.path, () => token.huge(1_048_576 + 16))
    },
  },
  {
    label: 'body: a JSON number where a decimal string is expected',
    apply(body, n, m) {
      const decimals = nodesOf(body).filter(
        (node) => typeof node.value === 'string' && /^-?\d+(\.\d+)?$/.test(node.value),
      )
      if (decimals.length === 0) return replaceAt(body, pick(nodesOf(body), n).path, () => 1234.56)
      return replaceAt(body, pick(decimals, n).path, (v) => (m % 3 === 0 ? 1234.56 : Number(v)))
    },
  },
  {
    label: 'body: NaN, Infinity, 1e309, -0 and other raw numbers',
    apply(body, n, m) {
      const leaves = nodesOf(body).filter((node) => node.value === null || typeof node.value !== 'object')
      const target = leaves.length > 0 ? pick(leaves, n) : pick(nodesOf(body), n)
      return replaceAt(body, target.path, () => token.raw(m % 11))
    },
  },
  {
    label: 'body: deep nesting',
    apply(body, n, m) {
      const nodes = nodesOf(body)
      // Mostly 10,000 levels; now and then 100,000.
      return replaceAt(body, pick(nodes, n).path, () => token.raw(m % 8 === 0 ? 13 : 11 + (m % 2)))
    },
  },
  {
    label: 'body: __proto__ / constructor keys',
    apply(body, n, m) {
      const objects = nodesOf(body).filter((node) => isObject(node.value))
      const key = pick(PROTO_KEYS, m)
      const value = key === 'constructor' ? { prototype: { polluted: true } } : { polluted: true }
      if (objects.length === 0) return withKey({}, key, value)
      return replaceAt(body, pick(objects, n).path, (v) => withKey(v as Record<string, unknown>, key, value))
    },
  },
  {
    label: 'body: too many items',
    apply(body, n) {
      const arrays = nodesOf(body).filter((node) => Array.isArray(node.value) && node.value.length > 0)
      if (arrays.length === 0) return [body, body]
      return replaceAt(body, pick(arrays, n).path, (v) =>
        Array.from({ length: 25 }, () => (v as unknown[])[0]),
      )
    },
  },
  {
    label: 'body: not an object',
    apply(_body, n) {
      return pick(WRONG_VALUES, n)
    },
  },
]

// ---------------------------------------------------------------------------------------------
// Generators.

export interface PlanContext extends GenContext {
  /** Methods a path does not have, for 405 probes. */
  otherMethods(path: string): string[]
}

/** Valid values for path parameters: mostly the tenant's own fixtures, sometimes schema values. */
function pathArbitrary(op: Operation, ctx: PlanContext): fc.Arbitrary<Record<string, UrlText>> {
  if (op.pathParams.length === 0) return fc.constant({})
  return fc.record(
    Object.fromEntries(
      op.pathParams.map((p) => [
        p.name,
        fc.oneof(
          { weight: 8, arbitrary: fc.constant<UrlText>({ text: token.own(fixtureKey(op.path, p.name)) }) },
          {
            weight: 1,
            arbitrary: valueArbitrary(p.schema ?? {}, ctx, p.name).map((v): UrlText => ({ text: String(v) })),
          },
        ),
      ]),
    ),
  )
}

function queryArbitrary(params: Parameter[], ctx: PlanContext): fc.Arbitrary<[UrlText, UrlText][]> {
  if (params.length === 0) return fc.constant([])
  return fc
    .tuple(
      ...params.map((p) =>
        p.required
          ? valueArbitrary(p.schema ?? {}, ctx, p.name).map((v) => [p.name, v] as const)
          : fc.option(
              valueArbitrary(p.schema ?? {}, ctx, p.name).map((v) => [p.name, v] as const),
              { nil: undefined, freq: 2 },
            ),
      ),
    )
    .map((pairs) =>
      pairs
        .filter((pair): pair is readonly [string, unknown] => pair !== undefined)
        .map(([name, value]): [UrlText, UrlText] => [{ text: name }, { text: String(value) }]),
    )
}

/** Valid header parameters: `If-Match` mostly from a fresh GET, the rest from their schemas. */
function headersArbitrary(params: Parameter[], ctx: PlanContext): fc.Arbitrary<Record<string, string>> {
  if (params.length === 0) return fc.constant({})
  return fc
    .tuple(
      ...params.map((p) => {
        const fromSchema = valueArbitrary(p.schema ?? {}, ctx, p.name).map(String)
        const value =
          p.name.toLowerCase() === 'if-match'
            ? fc.oneof(
                { weight: 6, arbitrary: fc.constant(token.etag()) },
                { weight: 1, arbitrary: fromSchema },
              )
            : fc.oneof(
                { weight: 3, arbitrary: fromSchema },
                { weight: 1, arbitrary: fc.constantFrom('fuzz-key-1', 'fuzz-key-2') },
              )
        return fc.option(
          value.map((v) => [p.name.toLowerCase(), v] as const),
          { nil: undefined, freq: p.required ? 1_000_000 : 4 },
        )
      }),
    )
    .map((pairs) => Object.fromEntries(pairs.filter((pair) => pair !== undefined)))
}

const json = (value: unknown) => ({ text: JSON.stringify(value) ?? 'null', contentType: 'application/json' })

/** The arbitrary of every request the fuzzer may send to one operation. */
export function requestArbitrary(op: Operation, ctx: PlanContext): fc.Arbitrary<PlannedRequest> {
  const validBody = op.body ? valueArbitrary(op.body, ctx) : undefined
  // Examples are often POSTed again and again: most get fresh values where a pattern (a slug) is asked.
  const exampleBody =
    op.body && op.bodyExamples.length > 0
      ? fc
          .tuple(
            fc.oneof(...op.bodyExamples.map((example) => mutatedArbitrary(example, op.body!, ctx))),
            fc.nat(),
          )
          .map(([value, seed]) => (seed % 4 === 0 ? value : uniquified(ctx.doc, value, op.body!, seed)))
      : undefined
  const anyValidBody = validBody && exampleBody ? fc.oneof(validBody, exampleBody) : validBody
  const base = fc.record({
    path: pathArbitrary(op, ctx),
    query: queryArbitrary(op.queryParams, ctx),
    headers: headersArbitrary(op.headerParams, ctx),
    body: anyValidBody ?? fc.constant(undefined),
  })
  const plan = (
    label: string,
    parts: {
      path: Record<string, UrlText>
      query: [UrlText, UrlText][]
      headers: Record<string, string>
      body: unknown
    },
    overrides: Partial<PlannedRequest> = {},
  ): PlannedRequest => ({
    operation: op,
    label,
    method: op.method,
    path: parts.path,
    query: parts.query,
    headers: parts.headers,
    ...(op.body && parts.body !== undefined ? { body: json(parts.body) } : {}),
    auth: 'key',
    ...overrides,
  })
  const n = fc.nat({ max: 1_000_000 })

  const generators: [number, fc.Arbitrary<PlannedRequest> | undefined][] = [
    [
      WEIGHTS.valid,
      fc
        .record({
          path: pathArbitrary(op, ctx),
          query: queryArbitrary(op.queryParams, ctx),
          headers: headersArbitrary(op.headerParams, ctx),
          body: validBody ?? fc.constant(undefined),
        })
        .map((parts) => plan('valid', parts)),
    ],
    [
      WEIGHTS.example,
      exampleBody
        ? fc
            .record({
              path: pathArbitrary(op, ctx),
              query: queryArbitrary(op.queryParams, ctx),
              headers: headersArbitrary(op.headerParams, ctx),
              body: exampleBody,
            })
            .map((parts) => plan('example (mutated)', parts))
        : undefined,
    ],
    [
      WEIGHTS.body,
      op.body
        ? fc.tuple(base, fc.nat({ max: BODY_ATTACKS.length - 1 }), n, n).map(([parts, attack, a, b]) => {
            const chosen = BODY_ATTACKS[attack]!
            return plan(chosen.label, { ...parts, body: chosen.apply(parts.body, a, b) })
          })
        : undefined,
    ],
    [
      WEIGHTS.rawBody,
      fc.tuple(base, fc.nat({ max: 3 }), n).map(([parts, kind, a]) => {
        const text = JSON.stringify(parts.body ?? {})
        switch (kind) {
          case 0:
            return plan('raw body: malformed JSON', parts, {
              body: {
                text: a % 3 === 0 ? text.slice(0, a % Math.max(1, text.length)) : pick(MALFORMED_JSON, a),
                contentType: 'application/json',
              },
            })
          case 1:
            return plan('raw body: wrong content type', parts, {
              body: a % 7 === 0 ? { text } : { text, contentType: pick(CONTENT_TYPES, a) },
            })
          case 2:
            return plan('raw body: oversized', parts, {
              body: { text: `"${token.huge(pick(OVERSIZED, a))}"`, contentType: 'application/json' },
            })
          default:
            return plan(
              'raw body: empty',
              parts,
              a % 2 === 0 ? { body: { text: '', contentType: 'application/json' } } : { body: { text: '' } },
            )
        }
      }),
    ],
    [
      op.pathParams.length > 0 ? WEIGHTS.path : 0,
      fc
        .tuple(base, n, n, fc.uuid(), fc.string({ maxLength: 30, unit: 'binary' }))
        .map(([parts, which, a, uuid, text]) => {
          const param = pick(op.pathParams, which)
          const key = fixtureKey(op.path, param.name)
          const choices: [string, UrlText][] = [
            ['a foreign id', { text: token.foreign(key) }],
            ['a random UUID', { text: uuid }],
            ['random text', { text }],
            ...PATH_SEGMENTS.map((segment): [string, UrlText] => [
              segment.includes('%00') ? 'NUL' : 'hostile segment',
              { raw: segment },
            ]),
          ]
          const [what, value] = pick(choices, a)
          return plan(`path: ${what}`, { ...parts, path: { ...parts.path, [param.name]: value } })
        }),
    ],
    [
      op.queryParams.length > 0 ? WEIGHTS.query : 0,
      fc.tuple(base, n, n, n).map(([parts, which, a, kind]) => {
        const param = pick(op.queryParams, which)
        const others = parts.query.filter(([name]) => 'text' in name && name.text !== param.name)
        switch (kind % 5) {
          case 0:
            return plan('query: hostile value', {
              ...parts,
              query: [...others, [{ text: param.name }, { raw: pick(QUERY_VALUES, a) }]],
            })
          case 1:
            return plan('query: tampered cursor', {
              ...parts,
              query: [...others, [{ text: param.name }, { raw: pick(CURSORS, a) }]],
            })
          case 2:
            return plan('query: repeated parameter', {
              ...parts,
              query: [
                ...others,
                [{ text: param.name }, { text: '1' }],
                [{ text: param.name }, { text: '2' }],
              ],
            })
          case 3:
            return plan('query: unknown or prototype keys', {
              ...parts,
              query: [
                ...parts.query,
                [
                  {
                    raw: pick(
                      [
                        'unknown',
                        '__proto__[polluted]',
                        'constructor[prototype][polluted]',
                        `${param.name}[]`,
                        '%00',
                        '%ZZ',
                      ],
                      a,
                    ),
                  },
                  { text: '1' },
                ],
              ],
            })
          default:
            return plan('query: a foreign reference', {
              ...parts,
              query: [
                ...others,
                [
                  { text: param.name },
                  {
                    text: pick(
                      ctx.fixtureKeys.map((k) => token.foreign(k)),
                      a,
                    ),
                  },
                ],
              ],
            })
        }
      }),
    ],
    [
      op.headerParams.length > 0 ? WEIGHTS.header : 0,
      fc.tuple(base, n, n).map(([parts, which, a]) => {
        const param = pick(op.headerParams, which)
        // ETags of the resource in the path with a stale or impossible version, and another one's.
        const ids = op.pathParams.map((p) => token.own(fixtureKey(op.path, p.name)))
        const etags = ids.flatMap((id) => [
          `"${id}:0"`,
          `"${id}:999999999"`,
          `W/"${id}:1"`,
          `"${id}:1", "${id}:2"`,
        ])
        const foreign = op.pathParams.map((p) => `"${token.foreign(fixtureKey(op.path, p.name))}:1"`)
        return plan('header: hostile value', {
          ...parts,
          headers: {
            ...parts.headers,
            [param.name.toLowerCase()]: pick([...HEADER_VALUES, ...etags, ...foreign], a),
          },
        })
      }),
    ],
    [
      WEIGHTS.auth,
      fc
        .tuple(base, fc.constantFrom<PlannedRequest['auth']>('none', 'unknown key', 'malformed'))
        .map(([parts, auth]) => plan(`auth: ${auth}`, parts, { auth })),
    ],
    [
      ctx.otherMethods(op.path).length > 0 ? WEIGHTS.method : 0,
      fc
        .tuple(base, n)
        .map(([parts, a]) =>
          plan('method: not allowed', parts, { method: pick(ctx.otherMethods(op.path), a) }),
        ),
    ],
  ]
  return fc.oneof(
    ...generators
      .filter((g): g is [number, fc.Arbitrary<PlannedRequest>] => g[0] > 0 && g[1] !== undefined)
      .map(([weight, arbitrary]) => ({ weight, arbitrary })),
  )
}

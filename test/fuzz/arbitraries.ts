import fc from 'fast-check'
import { deref, type JsonSchema, type OpenApiDocument } from './openapi.js'
import { token, withoutMarks } from './tokens.js'

/**
 * fast-check arbitraries derived from the JSON Schemas of the OpenAPI document (there is no
 * maintained zod 4 → fast-check bridge, and the document is what clients code against anyway).
 * Values are valid for the schema — types, required and optional properties, no extra ones where
 * `additionalProperties` is false, string patterns, formats and lengths, enums, number bounds, array
 * sizes, `anyOf`/`oneOf`, `nullable` and `$ref` — though not necessarily for the service's own rules
 * (a decimal string is just a string to the schema). Strings without a pattern are drawn partly
 * from a dictionary (the document's example strings, decimals, fixture ids) so that values the
 * service accepts come up often enough to exercise its happy paths.
 */
export interface GenContext {
  doc: OpenApiDocument
  /** Strings worth trying where a schema allows any text. */
  dictionary: readonly string[]
  /** Path-fixture keys whose ids may stand in any free-text string (`price-books/{id}`). */
  fixtureKeys: readonly string[]
  /** Most items generated beyond an array's `minItems`. */
  maxArrayItems: number
  /**
   * Upper bounds on integers by property name, so that valid requests stay cheap (a plan with
   * 20,000 simulations over 120 months takes seconds); values above them are still sent, as
   * boundary and invalid values, by the attacks.
   */
  integerCaps: Readonly<Record<string, number>>
}

const MAX_DEPTH = 24

/** Decimal strings of the shapes the API uses for money, counts and rates. */
export const decimalStrings: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('0', '1', '0.5', '0.9', '0.02', '0.05', '1024', '4500', '300000', '2.7', '1234.56'),
  fc.nat({ max: 1_000_000 }).map(String),
  fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x.toFixed(3)),
  fc.tuple(fc.nat({ max: 99_999 }), fc.nat({ max: 99 })).map(([a, b]) => `${a}.${b}`),
)

const codePoints = (text: string) => [...text].length

function compile(pattern: string): RegExp {
  try {
    return new RegExp(pattern, 'u')
  } catch {
    return new RegExp(pattern)
  }
}

const typesOf = (schema: JsonSchema): string[] =>
  schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type]

function weighted<T>(...choices: [number, fc.Arbitrary<T> | undefined][]): fc.Arbitrary<T> {
  const present = choices.filter((c): c is [number, fc.Arbitrary<T>] => c[1] !== undefined && c[0] > 0)
  if (present.length === 1) return present[0]![1]
  return fc.oneof(...present.map(([weight, arbitrary]) => ({ weight, arbitrary })))
}

function stringArbitrary(
  schema: JsonSchema,
  ctx: GenContext,
  name: string | undefined,
): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0
  const max = schema.maxLength ?? Number.POSITIVE_INFINITY
  const pattern = schema.pattern === undefined ? undefined : compile(schema.pattern)
  const fits = (text: string) =>
    codePoints(text) >= min && codePoints(text) <= max && (!pattern || pattern.test(text))
  const fromDictionary = ctx.dictionary.filter(fits)

  let formatted: fc.Arbitrary<string> | undefined
  switch (schema.format) {
    case 'date':
      formatted = weighted(
        [1, fc.constantFrom('2027-01-01', '2026-06-30', '2000-01-01', '2199-12-31', '2028-02-29')],
        [
          3,
          fc
            .date({
              min: new Date('1990-01-01T00:00:00Z'),
              max: new Date('2199-12-31T00:00:00Z'),
              noInvalidDate: true,
            })
            .map((d) => d.toISOString().slice(0, 10)),
        ],
      )
      break
    case 'date-time':
      formatted = fc
        .date({
          min: new Date('1990-01-01T00:00:00Z'),
          max: new Date('2199-12-31T00:00:00Z'),
          noInvalidDate: true,
        })
        .map((d) => d.toISOString())
      break
    case 'uuid':
      formatted = fc.uuid()
      break
    case 'email':
      formatted = fc.emailAddress()
      break
    case 'uri':
    case 'url':
      formatted = fc.webUrl()
      break
  }

  const free = pattern === undefined && formatted === undefined
  const tokens = [
    ...(free || schema.format === 'uuid'
      ? ctx.fixtureKeys.flatMap((key) => [token.own(key), token.foreign(key)])
      : []),
    ...(free && name ? [token.harvest(name)] : []),
  ]
  const text = fc
    .string({ minLength: min, maxLength: Math.min(max, min + 24), unit: 'grapheme' })
    .map((s) => withoutMarks(s).replaceAll('\u0000', ''))
    .filter(fits)
  return weighted<string>(
    [formatted ? 6 : 0, formatted?.filter(fits)],
    [pattern && !formatted ? 6 : 0, pattern ? fc.stringMatching(pattern).filter(fits) : undefined],
    [free ? 3 : 0, free ? text : undefined],
    [free ? 2 : 0, free ? decimalStrings.filter(fits) : undefined],
    [
      fromDictionary.length > 0 ? 3 : 0,
      fromDictionary.length > 0 ? fc.constantFrom(...fromDictionary) : undefined,
    ],
    [tokens.length > 0 ? 1 : 0, tokens.length > 0 ? fc.constantFrom(...tokens) : undefined],
    // A schema whose pattern matches nothing fc can build still yields something to send.
    [!free && !formatted && !pattern ? 1 : 0, fc.constant('x'.repeat(Math.max(1, min)))],
  )
}

function bounds(schema: JsonSchema, integer: boolean): [number, number] {
  const step = integer ? 1 : Number.EPSILON
  let min =
    schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + step : -1_000_000)
  let max =
    schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - step : 1_000_000)
  min = Math.max(min, Number.MIN_SAFE_INTEGER)
  max = Math.min(max, Number.MAX_SAFE_INTEGER)
  return [integer ? Math.ceil(min) : min, integer ? Math.floor(max) : max]
}

function integerArbitrary(
  schema: JsonSchema,
  ctx: GenContext,
  name: string | undefined,
): fc.Arbitrary<number> {
  const [min, uncappedMax] = bounds(schema, true)
  const cap = name === undefined ? undefined : ctx.integerCaps[name]
  const max = cap === undefined ? uncappedMax : Math.max(min, Math.min(uncappedMax, cap))
  const clamp = (n: number) => Math.min(max, Math.max(min, n))
  return weighted(
    [5, fc.integer({ min, max: Math.min(max, min + 64) })],
    [2, fc.constantFrom(...new Set([min, max, clamp(0), clamp(1)]))],
    [2, fc.integer({ min, max })],
  )
}

function numberArbitrary(schema: JsonSchema): fc.Arbitrary<number> {
  const [min, max] = bounds(schema, false)
  const inRange = [0, 0.5, 1, 0.9, 0.02].filter((n) => n >= min && n <= max)
  return weighted(
    [3, fc.double({ min, max, noNaN: true, noDefaultInfinity: true })],
    [2, fc.integer({ min: Math.ceil(Math.max(min, -1e9)), max: Math.floor(Math.min(max, 1e9)) })],
    [inRange.length > 0 ? 2 : 0, inRange.length > 0 ? fc.constantFrom(...inRange) : undefined],
  )
}

function objectArbitrary(schema: JsonSchema, ctx: GenContext, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {}
  const parts: Record<string, fc.Arbitrary<unknown>> = {}
  for (const [key, sub] of Object.entries(properties)) parts[key] = valueArbitrary(sub, ctx, key, depth + 1)
  const requiredKeys = (schema.required ?? []).filter((key) => key in properties)
  const record = fc.record(parts, { requiredKeys } as { requiredKeys: never[] })
  const extra = schema.additionalProperties
  if (extra === undefined || typeof extra === 'boolean') return record
  return fc
    .tuple(
      record,
      fc.dictionary(
        fc.string({ minLength: 1, maxLength: 12 }),
        valueArbitrary(extra, ctx, undefined, depth + 1),
        { maxKeys: 3 },
      ),
    )
    .map(([known, more]) => ({ ...more, ...(known as object) }))
}

/**
 * An arbitrary of values valid for `schema`; `name` is the property the value goes in (it selects
 * integer caps and harvested values).
 */
export function valueArbitrary(
  schema: JsonSchema,
  ctx: GenContext,
  name?: string,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (depth > MAX_DEPTH) return fc.constant(null)
  const s = deref(ctx.doc, schema)
  if (s.nullable)
    return fc.oneof(fc.constant(null), valueArbitrary({ ...s, nullable: false }, ctx, name, depth))
  if (s.const !== undefined) return fc.constant(s.const)
  if (s.enum) return fc.constantFrom(...s.enum)
  const branches = s.anyOf ?? s.oneOf
  if (branches) return fc.oneof(...branches.map((b) => valueArbitrary(b, ctx, name, depth + 1)))
  if (s.allOf) {
    const merged: JsonSchema = {}
    const properties: Record<string, JsonSchema> = {}
    const required: string[] = []
    for (const part of s.allOf.map((p) => deref(ctx.doc, p))) {
      Object.assign(merged, part)
      Object.assign(properties, part.properties)
      required.push(...(part.required ?? []))
    }
    Object.assign(merged, { properties, required })
    return valueArbitrary(merged, ctx, name, depth + 1)
  }
  const types = typesOf(s)
  if (types.length > 1)
    return fc.oneof(...types.map((type) => valueArbitrary({ ...s, type }, ctx, name, depth)))
  switch (types[0] ?? (s.properties ? 'object' : s.items ? 'array' : undefined)) {
    case 'null':
      return fc.constant(null)
    case 'boolean':
      return fc.boolean()
    case 'integer':
      return integerArbitrary(s, ctx, name)
    case 'number':
      return numberArbitrary(s)
    case 'string':
      return stringArbitrary(s, ctx, name)
    case 'array': {
      const minLength = s.minItems ?? 0
      const maxLength = Math.min(s.maxItems ?? Number.POSITIVE_INFINITY, minLength + ctx.maxArrayItems)
      return fc.array(valueArbitrary(s.items ?? {}, ctx, name, depth + 1), { minLength, maxLength })
    }
    case 'object':
      return objectArbitrary(s, ctx, depth)
    default:
      return fc.jsonValue({ maxDepth: 2 })
  }
}

const ABSENT = Symbol('absent')

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)

function jsonType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'array'
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number'
  return typeof value
}

/** The branch of an `anyOf`/`oneOf` that a value of this JSON type would take. */
function branchFor(doc: OpenApiDocument, schema: JsonSchema, value: unknown): JsonSchema {
  const s = deref(doc, schema)
  const branches = s.anyOf ?? s.oneOf
  if (!branches) return s
  const type = jsonType(value)
  for (const branch of branches) {
    const b = branchFor(doc, branch, value)
    const types = typesOf(b)
    const accepts =
      types.includes(type) ||
      (type === 'integer' && types.includes('number')) ||
      (types.length === 0 && type === 'object' && b.properties !== undefined)
    if (accepts) return b
  }
  return s
}

type Path = (string | number)[]

/** A copy of `root` with the value at `path` set (ABSENT: removed). */
function setAt(root: unknown, path: Path, value: unknown): unknown {
  if (path.length === 0) return value
  const [head, ...rest] = path
  if (Array.isArray(root)) {
    const copy = [...root]
    if (rest.length === 0 && value === ABSENT) copy.splice(head as number, 1)
    else copy[head as number] = setAt(root[head as number], rest, value)
    return copy
  }
  const copy = { ...(root as Record<string, unknown>) }
  if (rest.length === 0 && value === ABSENT) delete copy[head as string]
  else copy[head as string] = setAt(copy[head as string], rest, value)
  return copy
}

/**
 * Every place one change can be made to `value` under `schema`, as an arbitrary of the whole
 * changed value: a value regenerated from its schema, an optional property dropped, a missing
 * optional property added, an array item dropped or added.
 */
function mutationSites(
  root: unknown,
  value: unknown,
  schema: JsonSchema,
  ctx: GenContext,
  path: Path,
  name: string | undefined,
  sites: fc.Arbitrary<unknown>[],
): void {
  if (path.length > MAX_DEPTH) return
  const s = branchFor(ctx.doc, schema, value)
  if (path.length > 0) sites.push(valueArbitrary(s, ctx, name).map((v) => setAt(root, path, v)))
  if (isPlainObject(value)) {
    const properties = s.properties ?? {}
    const required = new Set(s.required ?? [])
    for (const [key, sub] of Object.entries(properties)) {
      if (key in value) {
        if (!required.has(key)) sites.push(fc.constant(setAt(root, [...path, key], ABSENT)))
        mutationSites(root, value[key], sub, ctx, [...path, key], key, sites)
      } else {
        sites.push(valueArbitrary(sub, ctx, key).map((v) => setAt(root, [...path, key], v)))
      }
    }
  } else if (Array.isArray(value)) {
    const item = s.items ?? {}
    if (value.length > 0) sites.push(fc.constant(setAt(root, [...path, value.length - 1], ABSENT)))
    sites.push(valueArbitrary(item, ctx, name).map((v) => setAt(root, [...path, value.length], v)))
    for (const [i, element] of value.entries())
      mutationSites(root, element, item, ctx, [...path, i], name, sites)
  }
}

/**
 * Mutations of a known-good value (an operation's example): the value itself now and then, and
 * mostly the value with exactly one change (see {@link mutationSites}), so most of them are still
 * accepted and the ones that are not say which single change the service refuses.
 */
export function mutatedArbitrary(
  example: unknown,
  schema: JsonSchema,
  ctx: GenContext,
): fc.Arbitrary<unknown> {
  const sites: fc.Arbitrary<unknown>[] = []
  mutationSites(example, example, schema, ctx, [], undefined, sites)
  if (sites.length === 0) return fc.constant(example)
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant(example) },
    { weight: 4, arbitrary: fc.oneof(...sites) },
  )
}

/** Every string in `value` (the document's examples), for the dictionary. */
export function stringsIn(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') into.add(value)
  else if (Array.isArray(value)) for (const item of value) stringsIn(item, into)
  else if (isPlainObject(value)) for (const item of Object.values(value)) stringsIn(item, into)
  return into
}

/** Every `example`, `examples` and `default` in the document, for the dictionary. */
export function documentExamples(doc: OpenApiDocument): unknown[] {
  const found: unknown[] = []
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) for (const item of node) visit(item)
    else if (isPlainObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'example' || key === 'default') found.push(value)
        else if (key === 'examples')
          found.push(...(Array.isArray(value) ? value : Object.values(value as object)))
        else visit(value)
      }
    }
  }
  visit(doc.paths)
  visit(doc.components)
  return found
}

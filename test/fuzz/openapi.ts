import { readFile } from 'node:fs/promises'
import type { FastifyInstance } from 'fastify'
import { parse } from 'yaml'

/** The parts of a JSON Schema (OpenAPI 3.1 dialect) the fuzzer reads. */
export interface JsonSchema {
  $ref?: string
  type?: string | string[]
  enum?: unknown[]
  const?: unknown
  anyOf?: JsonSchema[]
  oneOf?: JsonSchema[]
  allOf?: JsonSchema[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  additionalProperties?: boolean | JsonSchema
  items?: JsonSchema
  minItems?: number
  maxItems?: number
  minLength?: number
  maxLength?: number
  pattern?: string
  format?: string
  minimum?: number
  maximum?: number
  exclusiveMinimum?: number
  exclusiveMaximum?: number
  default?: unknown
  example?: unknown
  examples?: unknown[]
  nullable?: boolean
  description?: string
}

export interface Parameter {
  in: 'path' | 'query' | 'header' | 'cookie'
  name: string
  required?: boolean
  schema?: JsonSchema
  example?: unknown
  examples?: Record<string, { value?: unknown }>
}

interface MediaType {
  schema?: JsonSchema
  example?: unknown
  examples?: Record<string, { value?: unknown }>
}

export interface RawOperation {
  operationId?: string
  parameters?: Parameter[]
  requestBody?: { required?: boolean; content?: Record<string, MediaType> }
  responses?: Record<string, { description?: string; content?: Record<string, MediaType> }>
  security?: unknown[]
}

export interface OpenApiDocument {
  openapi: string
  paths: Record<string, Record<string, RawOperation>>
  components?: { schemas?: Record<string, JsonSchema> }
}

/** One operation of the document, with what the fuzzer needs to build requests for it. */
export interface Operation {
  /** `getPriceBook` (or `GET /path` when the document gives no id). */
  id: string
  method: string
  /** The path template, `/v1/price-books/{id}`. */
  path: string
  pathParams: Parameter[]
  queryParams: Parameter[]
  headerParams: Parameter[]
  /** The JSON request body's schema, when the operation takes one. */
  body?: JsonSchema
  bodyRequired: boolean
  /** Examples of the request body: the media type's own, then the schema's (after `$ref`). */
  bodyExamples: unknown[]
  /** The documented example of a `text/csv` request body (a CSV import), when the operation takes one. */
  csvBodyExample?: string
  /** HTTP statuses the operation documents. */
  statuses: number[]
  /** True when the operation needs no API key (`security: []`). */
  public: boolean
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options'])

/** The document the app generates from its routes (what clients see at `/openapi.json`). */
export function servedDocument(app: FastifyInstance): OpenApiDocument {
  // A deep copy: the fuzzer must never change the app's own document object.
  return structuredClone(app.swagger() as unknown as OpenApiDocument)
}

/** The committed `openapi.yaml`, the contract every 2xx response is checked against. */
export async function committedDocument(): Promise<OpenApiDocument> {
  const text = await readFile(new URL('../../openapi.yaml', import.meta.url), 'utf8')
  return parse(text) as OpenApiDocument
}

/** Follows `$ref`s to `#/components/schemas/...` until a schema that is not a reference. */
export function deref(doc: OpenApiDocument, schema: JsonSchema): JsonSchema {
  let current = schema
  for (let hops = 0; current.$ref !== undefined; hops++) {
    const name = current.$ref.replace(/^#\/components\/schemas\//, '')
    const target = doc.components?.schemas?.[name]
    if (!target || hops > 32) throw new Error(`Unresolvable $ref ${current.$ref}`)
    current = target
  }
  return current
}

function examplesOf(media: MediaType | undefined, doc: OpenApiDocument): unknown[] {
  if (!media) return []
  const found: unknown[] = []
  if (media.example !== undefined) found.push(media.example)
  for (const example of Object.values(media.examples ?? {}))
    if (example.value !== undefined) found.push(example.value)
  if (media.schema) {
    const schema = deref(doc, media.schema)
    if (schema.example !== undefined) found.push(schema.example)
    for (const example of schema.examples ?? []) found.push(example)
  }
  return found
}

/** Every operation of the document, in document order. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = []
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      if (!METHODS.has(method)) continue
      const params = raw.parameters ?? []
      const json = raw.requestBody?.content?.['application/json']
      const csv = examplesOf(raw.requestBody?.content?.['text/csv'], doc).find((e) => typeof e === 'string')
      operations.push({
        id: raw.operationId ?? `${method.toUpperCase()} ${path}`,
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        headerParams: params.filter((p) => p.in === 'header'),
        ...(json?.schema ? { body: json.schema } : {}),
        bodyRequired: raw.requestBody?.required === true,
        bodyExamples: examplesOf(json, doc),
        ...(typeof csv === 'string' ? { csvBodyExample: csv } : {}),
        statuses: Object.keys(raw.responses ?? {})
          .map(Number)
          .filter(Number.isInteger),
        public: Array.isArray(raw.security) && raw.security.length === 0,
      })
    }
  }
  return operations
}

/**
 * The path template a concrete path reaches, as the router would pick it: dot segments resolved,
 * a trailing slash ignored, static segments preferred over parameters. `undefined`: none.
 */
export function routeMatcher(doc: OpenApiDocument): (method: string, path: string) => string | undefined {
  const templates = Object.entries(doc.paths).map(([template, item]) => ({
    template,
    methods: new Set(Object.keys(item).map((m) => m.toUpperCase())),
    segments: template.split('/'),
  }))
  return (method, path) => {
    let normalized: string
    try {
      normalized = new URL(path, 'http://fuzz.invalid').pathname
    } catch {
      return undefined
    }
    if (normalized.length > 1 && normalized.endsWith('/')) normalized = normalized.slice(0, -1)
    const segments = normalized.split('/')
    const candidates = templates.filter(
      (t) =>
        t.methods.has(method.toUpperCase()) &&
        t.segments.length === segments.length &&
        t.segments.every((part, i) => (/^\{.+\}$/.test(part) ? segments[i] !== '' : part === segments[i])),
    )
    // Fewer parameters first: the router prefers a static segment to a parameter.
    candidates.sort(
      (a, b) =>
        a.segments.filter((p) => p.startsWith('{')).length -
        b.segments.filter((p) => p.startsWith('{')).length,
    )
    return candidates[0]?.template
  }
}

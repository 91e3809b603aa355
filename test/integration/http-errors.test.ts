import { connect } from 'node:net'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ProblemSchema } from '../../src/lib/problem.js'
import { bearer, buildTestApp, call, createTenant, expectProblem, type Tenant } from '../helpers/app.js'

let app: FastifyInstance
let tenant: Tenant
let port: number

beforeAll(async () => {
  app = await buildTestApp()
  tenant = await createTenant(app, 'http-errors')
  await app.listen({ port: 0, host: '127.0.0.1' })
  port = (app.server.address() as { port: number }).port
})
afterAll(async () => app?.close())

interface RawResponse {
  status: number
  headers: Record<string, string>
  body: string
}

/**
 * Sends `request` byte for byte over a new TCP connection (half-closing it after when `end`), and
 * reads everything the server writes until it closes the connection.
 */
function rawExchange(request: string, { end = true } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1')
    const chunks: Buffer[] = []
    const timer = setTimeout(() => {
      socket.destroy()
      reject(new Error(`no close within 10 s; got: ${Buffer.concat(chunks).toString('latin1')}`))
    }, 10_000)
    socket.on('data', (chunk) => chunks.push(chunk))
    socket.on('error', () => {})
    socket.on('close', () => {
      clearTimeout(timer)
      resolve(Buffer.concat(chunks).toString('utf8'))
    })
    socket.write(request)
    if (end) socket.end()
  })
}

/** Parses one complete HTTP/1.1 response, checking its framing (Content-Length matches the body). */
function parseResponse(text: string): RawResponse {
  const split = text.indexOf('\r\n\r\n')
  expect(split, `a complete header block in: ${text.slice(0, 200)}`).toBeGreaterThan(0)
  const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n')
  const match = /^HTTP\/1\.1 (\d{3}) .+$/.exec(statusLine)
  expect(match, statusLine).not.toBeNull()
  const headers = Object.fromEntries(
    lines.map((line) => {
      const colon = line.indexOf(':')
      return [line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]
    }),
  )
  const body = text.slice(split + 4)
  expect(Number(headers['content-length'])).toBe(Buffer.byteLength(body))
  return { status: Number(match?.[1]), headers, body }
}

/** Checks a raw response is the one problem shape with this status and code; returns the problem. */
function expectRawProblem(response: RawResponse, status: number, code: string) {
  expect({ status: response.status, body: response.body }).toMatchObject({ status })
  expect(response.headers['content-type']).toMatch(/^application\/problem\+json/)
  const problem = ProblemSchema.parse(JSON.parse(response.body))
  expect(problem).toMatchObject({ status, code })
  expect(response.headers['x-request-id']).toBe(problem.requestId)
  return problem
}

const auth = () => `Authorization: Bearer ${tenant.keys.write}\r\n`

describe("the router's errors are problems", () => {
  it('400 INVALID_URL for a malformed percent-encoding', async () => {
    for (const url of ['/v1/price-books/%ZZ', '/v1/price-books/%E0%A4%A', '/v1/models/%ED%A0%80']) {
      const response = await call(app, { method: 'GET', url, headers: bearer(tenant.keys.read) })
      const problem = expectProblem(response, 400, 'INVALID_URL')
      expect(problem.instance).toBe(url)
      expect(response.headers['x-request-id']).toBe(problem.requestId)
    }
  })

  it('414 URI_TOO_LONG for a path parameter over the router limit, 400 just under it', async () => {
    const over = expectProblem(
      await call(app, {
        method: 'GET',
        url: `/v1/price-books/${'a'.repeat(201)}`,
        headers: bearer(tenant.keys.read),
      }),
      414,
      'URI_TOO_LONG',
    )
    expect(over.detail).toContain('200')
    // Within the router's limit, the route's own schema (at most 100 characters) answers.
    expectProblem(
      await call(app, {
        method: 'GET',
        url: `/v1/price-books/${'a'.repeat(200)}`,
        headers: bearer(tenant.keys.read),
      }),
      400,
      'VALIDATION_FAILED',
    )
  })
})

describe("the HTTP parser's errors are complete HTTP/1.1 responses with a problem body", () => {
  it('431 HEADERS_TOO_LARGE for request headers over 16 KiB', async () => {
    const response = parseResponse(
      await rawExchange(
        `GET /v1/models?x=1 HTTP/1.1\r\nHost: localhost\r\nX-Padding: ${'a'.repeat(17_000)}\r\n\r\n`,
      ),
    )
    const problem = expectRawProblem(response, 431, 'HEADERS_TOO_LARGE')
    expect(problem.instance).toBe('/v1/models')
    expect(response.headers.connection).toBe('close')
  })

  it('400 INCOMPLETE_REQUEST for a body shorter than its Content-Length', async () => {
    const body = '{"slug":"short"}'
    const response = parseResponse(
      await rawExchange(
        `POST /v1/price-books HTTP/1.1\r\nHost: localhost\r\n${auth()}Content-Type: application/json\r\n` +
          `Content-Length: ${body.length + 50}\r\n\r\n${body}`,
      ),
    )
    expectRawProblem(response, 400, 'INCOMPLETE_REQUEST')
    expect(await app.db.prisma.priceBook.count({ where: { slug: 'short' } })).toBe(0)
  })

  it('400 INVALID_CONTENT_LENGTH for a Content-Length that is not a number', async () => {
    const response = parseResponse(
      await rawExchange(`POST /v1/price-books HTTP/1.1\r\nHost: localhost\r\nContent-Length: ten\r\n\r\n`),
    )
    expectRawProblem(response, 400, 'INVALID_CONTENT_LENGTH')
  })

  it('400 MALFORMED_REQUEST for bytes that are not HTTP', async () => {
    const response = parseResponse(await rawExchange('HELLO THERE\r\n\r\n'))
    const problem = expectRawProblem(response, 400, 'MALFORMED_REQUEST')
    expect(problem.instance).toBe('/')
  })

  it('keeps serving after each of them', async () => {
    const response = parseResponse(
      await rawExchange(`GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`),
    )
    expect(response.status).toBe(200)
  })
})

describe("the content-type parser's errors are problems", () => {
  it.each([
    ['an empty JSON body', 'application/json', '', 400, 'EMPTY_JSON_BODY'],
    ['a __proto__ key', 'application/json', '{"__proto__":{"admin":true}}', 400, 'MALFORMED_JSON'],
    ['a JSON Patch document', 'application/json-patch+json', '[]', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ['no media type at all', 'application', '{}', 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ])('%s', async (_label, contentType, payload, status, code) => {
    const response = await call(app, {
      method: 'POST',
      url: '/v1/price-books',
      headers: { ...bearer(tenant.keys.write), 'content-type': contentType },
      payload,
    })
    expectProblem(response, status, code)
  })

  it('400 INVALID_CONTENT_LENGTH when the announced length does not match the body', async () => {
    const body = '{"slug":"long"}'
    const response = parseResponse(
      await rawExchange(
        `POST /v1/price-books HTTP/1.1\r\nHost: localhost\r\n${auth()}Content-Type: application/json\r\n` +
          `Content-Length: ${body.length - 3}\r\nConnection: close\r\n\r\n${body}`,
      ),
    )
    // The announced bytes are the whole body (a truncated JSON text) and the rest the start of a
    // second request that is not HTTP: whichever the server sees first is answered, as a problem.
    expect(response.status).toBe(400)
    const { code } = ProblemSchema.parse(JSON.parse(response.body))
    expectRawProblem(response, 400, code)
    expect(['MALFORMED_JSON', 'MALFORMED_REQUEST']).toContain(code)
  })
})

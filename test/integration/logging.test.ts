import { Writable } from 'node:stream'
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bearer, buildTestApp, createTenant, type Tenant } from '../helpers/app.js'

/** Every line the app logged, as written (JSON text). */
function captureLogs() {
  const lines: string[] = []
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean))
      done()
    },
  })
  return { stream, lines }
}

describe.each(['debug', 'trace'])('logs at LOG_LEVEL=%s', (level) => {
  let app: FastifyInstance
  let tenant: Tenant
  const logs = captureLogs()

  beforeAll(async () => {
    app = await buildTestApp({ LOG_LEVEL: level, MAX_EVENT_LOOP_DELAY_MS: '0' }, { logStream: logs.stream })
    tenant = await createTenant(app, `logging-${level}`)
  })
  afterAll(async () => {
    await app.close()
  })

  it('hold no API key, secret or signature, and still say who called with what', async () => {
    const signature = `sig-${level}-a1b2c3d4e5f6a7b8c9d0`
    const token = `tok-${level}-0f1e2d3c4b5a69788796`
    const bodySecret = `body-secret-${level}-5f4e3d2c1b0a`
    const unknownKey = `ccp_unknown${level}Key0123456789abcdefghijklmnopqrstuv`
    const cookie = `session=cookie-${level}-99887766`
    const idempotencyKey = `idem-${level}-visible`
    const userAgent = `logging-test/${level}`

    const responses = [
      // A real key, in each of the two places keys are accepted.
      await app.inject({
        method: 'GET',
        url: `/v1/models?sig=${signature}&token=${token}`,
        headers: { ...bearer(tenant.keys.read), 'user-agent': userAgent, cookie },
      }),
      await app.inject({
        method: 'GET',
        url: '/v1/price-books',
        headers: { 'x-api-key': tenant.keys.write },
      }),
      // A body holding a secret, rejected (unknown field) after authentication.
      await app.inject({
        method: 'POST',
        url: `/v1/price-books?token=${token}`,
        headers: { ...bearer(tenant.keys.write), 'idempotency-key': idempotencyKey },
        payload: { slug: 'logged', name: 'Logged', effectiveFrom: '2027-01-01', secret: bodySecret },
      }),
      // A key that does not exist, and an admin key used to create a key (whose secret is returned).
      await app.inject({ method: 'GET', url: '/v1/price-books', headers: { 'x-api-key': unknownKey } }),
      await app.inject({
        method: 'POST',
        url: '/v1/api-keys',
        headers: bearer(tenant.keys.admin),
        payload: { name: 'logged', scopes: ['read'] },
      }),
    ]
    expect(responses.map((r) => r.statusCode)).toEqual([200, 200, 400, 401, 201])
    const issued = (responses[4]!.json() as { secret?: string }).secret
    expect(issued).toBeTruthy()

    const text = logs.lines.join('\n')
    const secrets = {
      readKey: tenant.keys.read,
      writeKey: tenant.keys.write,
      adminKey: tenant.keys.admin,
      issuedKey: issued,
      unknownKey,
      signature,
      token,
      bodySecret,
      cookie,
    }
    expect(Object.entries(secrets).filter(([, value]) => value && text.includes(value))).toEqual([])

    // Useful all the same: the request lines carry the chosen headers, credentials censored.
    const requests = logs.lines
      .map((line) => JSON.parse(line) as { req?: { url: string; headers?: Record<string, string> } })
      .flatMap((line) => (line.req ? [line.req] : []))
    expect(requests).toContainEqual(
      expect.objectContaining({
        url: '/v1/models?sig=[REDACTED]&token=[REDACTED]',
        headers: expect.objectContaining({
          authorization: '[REDACTED]',
          cookie: '[REDACTED]',
          'user-agent': userAgent,
        }),
      }),
    )
    expect(requests).toContainEqual(
      expect.objectContaining({ headers: expect.objectContaining({ 'x-api-key': '[REDACTED]' }) }),
    )
    expect(requests).toContainEqual(
      expect.objectContaining({
        headers: expect.objectContaining({
          'idempotency-key': idempotencyKey,
          'content-type': 'application/json',
        }),
      }),
    )
  })
})

describe('HTTP parser errors', () => {
  it('are logged without the raw request bytes, which hold the credentials', async () => {
    const logs = captureLogs()
    const app = await buildTestApp({ LOG_LEVEL: 'trace' }, { logStream: logs.stream })
    try {
      const tenant = await createTenant(app, 'logging-431')
      const address = await app.listen({ port: 0, host: '127.0.0.1' })
      const port = Number(new URL(address).port)
      const { createConnection } = await import('node:net')
      await new Promise<void>((resolve, reject) => {
        const socket = createConnection({ port, host: '127.0.0.1' }, () => {
          socket.write(
            `GET /v1/models HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer ${tenant.keys.admin}\r\n` +
              `X-Padding: ${'a'.repeat(17_000)}\r\n\r\n`,
          )
        })
        socket.on('data', () => socket.end())
        socket.on('close', () => resolve())
        socket.on('error', reject)
      })
      const text = logs.lines.join('\n')
      expect(text).toContain('HEADERS_TOO_LARGE')
      expect(text).not.toContain(tenant.keys.admin)
      // Nor as the bytes pino would print of a Buffer.
      expect(text).not.toContain('rawPacket')
    } finally {
      await app.close()
    }
  })
})

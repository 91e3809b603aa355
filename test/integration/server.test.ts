import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { buildTestApp, createTenant, databaseKind, databaseUrl, testConfig } from '../helpers/app.js'
import { freePort, ROOT, startServer, waitUntilReady } from '../helpers/server-process.js'

const BOOTSTRAP = 'server-test-bootstrap-key-0123456789abcdef'

describe('the server process', () => {
  it('refuses to start on a bad configuration and lists every problem', async () => {
    const server = startServer({ PORT: 'eighty', BOOTSTRAP_ADMIN_KEY: 'short', LOG_LEVEL: 'loud' })
    expect(await server.exited).toBe(1)
    expect(server.output()).toContain('Invalid configuration')
    for (const name of ['PORT', 'BOOTSTRAP_ADMIN_KEY', 'LOG_LEVEL']) expect(server.output()).toContain(name)
  })

  it('starts on the embedded database, serves the docs and the models, keeps data across a restart, and stops on SIGTERM', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ccp-data-'))
    try {
      const port = await freePort()
      const env = {
        PORT: String(port),
        DATA_DIR: dataDir,
        BOOTSTRAP_ADMIN_KEY: BOOTSTRAP,
        LOG_LEVEL: 'info',
        // Not under test here, and a loaded CI machine lags at start: no load shedding.
        MAX_EVENT_LOOP_DELAY_MS: '0',
      }
      const base = `http://127.0.0.1:${port}`
      const auth = { authorization: `Bearer ${BOOTSTRAP}` }

      const first = startServer(env)
      await waitUntilReady(first)
      expect((await fetch(`${base}/docs/`)).status).toBe(200)
      const models = await fetch(`${base}/v1/models`, { headers: auth })
      expect(models.status).toBe(200)
      expect(((await models.json()) as { data: unknown[] }).data.length).toBeGreaterThan(20)
      const created = await fetch(`${base}/v1/price-books`, {
        method: 'POST',
        headers: { ...auth, 'content-type': 'application/json' },
        body: JSON.stringify({
          slug: 'survives',
          name: 'Survives',
          effectiveFrom: '2027-01-01',
          basedOn: 'anthropic-list',
        }),
      })
      expect(created.status).toBe(201)
      first.child.kill('SIGTERM')
      expect(await first.exited).toBe(0)

      const second = startServer(env)
      await waitUntilReady(second)
      const again = await fetch(`${base}/v1/price-books/survives`, { headers: auth })
      expect(again.status).toBe(200)
      expect(((await again.json()) as { models: unknown[] }).models.length).toBeGreaterThan(20)
      second.child.kill('SIGTERM')
      expect(await second.exited).toBe(0)
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  }, 180_000)
})

describe('npm run apikey', () => {
  it('prints a new key for an organization, stores only its hash, and the key works', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'ccp-cli-'))
    try {
      const cli = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'scripts/apikey.ts',
          'create',
          '--org',
          'acme',
          '--scope',
          'write',
          '--name',
          'procurement',
        ],
        { cwd: ROOT, env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir }, encoding: 'utf8' },
      )
      expect(cli.status, cli.stderr).toBe(0)
      const secret = cli.stdout.trim()
      expect(secret).toMatch(/^ccp_[0-9A-Za-z]{46}$/)
      expect(cli.stderr).toContain("organization 'acme'")
      const bad = spawnSync(
        process.execPath,
        ['--import', 'tsx', 'scripts/apikey.ts', 'create', '--org', 'acme', '--scope', 'root'],
        {
          cwd: ROOT,
          env: { PATH: process.env.PATH ?? '', DATA_DIR: dataDir },
          encoding: 'utf8',
        },
      )
      expect(bad.status).toBe(2)
      expect(bad.stderr).toContain("unknown scope 'root'")

      const app = await buildTestApp({ DATABASE_URL: undefined, DATA_DIR: dataDir })
      try {
        const rows = await app.db.prisma.apiKey.findMany()
        expect(JSON.stringify(rows)).not.toContain(secret)
        expect(rows).toEqual([
          expect.objectContaining({ name: 'procurement', scopes: ['write'], prefix: secret.slice(0, 12) }),
        ])
        const response = await app.inject({
          method: 'GET',
          url: '/v1/models',
          headers: { authorization: `Bearer ${secret}` },
        })
        expect(response.statusCode).toBe(200)
      } finally {
        await app.close()
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})

describe(`graceful shutdown on ${databaseKind}`, () => {
  it('a server process sent SIGTERM in the middle of 50 concurrent creates commits every acknowledged one and half-writes none', async () => {
    // The run's database: its PostgreSQL database, or a PGlite folder of our own (one process at a time).
    const dataDir = await mkdtemp(join(tmpdir(), 'ccp-sigterm-'))
    const dbEnv: Record<string, string> = databaseUrl ? { DATABASE_URL: databaseUrl } : { DATA_DIR: dataDir }
    try {
      const setup = await buildTestApp(dbEnv)
      const tenant = await createTenant(setup, 'sigterm')
      await setup.close()

      const port = await freePort()
      // Load shedding off: 50 creates at once lag the event loop, and this test is about the shutdown.
      const server = startServer({
        PORT: String(port),
        LOG_LEVEL: 'info',
        MAX_EVENT_LOOP_DELAY_MS: '0',
        ...dbEnv,
      })
      await waitUntilReady(server)
      const slugs = Array.from({ length: 50 }, (_, i) => `sigterm-${i}`)
      let acknowledgedSoFar = 0
      const outcomes = slugs.map(async (slug, i) => {
        // Staggered, so that some arrive after the signal as well.
        await new Promise((resolve) => setTimeout(resolve, i * 60))
        const status = await fetch(`http://127.0.0.1:${port}/v1/price-books`, {
          method: 'POST',
          headers: { authorization: `Bearer ${tenant.keys.write}`, 'content-type': 'application/json' },
          body: JSON.stringify({ slug, name: slug, effectiveFrom: '2027-01-01', basedOn: 'anthropic-list' }),
        }).then(
          (response) => response.status,
          () => 'no answer' as const,
        )
        // SIGTERM once a few creates are acknowledged, with the rest in flight or yet to arrive.
        if (status === 201 && ++acknowledgedSoFar === 5) {
          server.child.kill('SIGTERM')
        }
        return { slug, status }
      })
      const results = await Promise.all(outcomes)
      if (acknowledgedSoFar < 5) server.child.kill('SIGTERM') // never reached: the assertions below say so
      expect(await server.exited, server.output()).toBe(0)

      // Acknowledged = 201; the only other outcomes a shutdown may give are 503 (closing) or no answer.
      expect(
        results.filter((r) => ![201, 503, 'no answer'].includes(r.status)),
        server.output().slice(-4000),
      ).toEqual([])
      const acknowledged = results.filter((r) => r.status === 201).map((r) => r.slug)
      expect(acknowledged.length, JSON.stringify(results)).toBeGreaterThanOrEqual(5)
      // The signal came mid-stream: later creates were turned away.
      expect(acknowledged.length, JSON.stringify(results)).toBeLessThan(slugs.length)

      const after = await buildTestApp(dbEnv)
      try {
        const books = await after.db.prisma.priceBook.findMany({
          where: { organizationId: tenant.organizationId },
          select: { slug: true, _count: { select: { models: true } } },
        })
        const base = await after.db.prisma.modelPrice.count({
          where: { priceBook: { slug: 'anthropic-list' } },
        })
        const committed = new Set(books.map((b) => b.slug))
        expect(
          acknowledged.filter((slug) => !committed.has(slug)),
          'acknowledged, not committed',
        ).toEqual([])
        // None half-written: every book that exists, acknowledged or not, has all its models.
        expect(
          books.filter((b) => b._count.models !== base),
          'half-written',
        ).toEqual([])
      } finally {
        await after.close()
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  }, 120_000)

  it('lets an in-flight write finish and commit, and turns new requests away', async () => {
    // `holder` owns the database, so it outlives the app that is shut down and can be checked after.
    const holder = await buildTestApp()
    const tenant = await createTenant(holder, 'shutdown')
    const live = await buildApp(testConfig(), { database: holder.db })
    let began!: () => void
    const started = new Promise<void>((resolve) => {
      began = resolve
    })
    // A slow write standing in for any long request: it waits, then commits a row.
    live.post('/slow-write', { config: { auth: 'none' } }, async () => {
      began()
      await new Promise((r) => setTimeout(r, 1500))
      await live.db.prisma.portfolio.create({
        data: { organizationId: tenant.organizationId, name: 'written during shutdown' },
      })
      return { ok: true }
    })
    const address = await live.listen({ port: 0, host: '127.0.0.1' })
    try {
      const inFlight = fetch(`${address}/slow-write`, { method: 'POST' })
      await started
      const closing = live.close()
      const late = await fetch(`${address}/healthz`).then(
        (r) => r.status,
        () => 'refused',
      )
      expect([503, 'refused']).toContain(late)
      expect((await inFlight).status).toBe(200)
      await closing
      const rows = await holder.db.prisma.portfolio.findMany({
        where: { organizationId: tenant.organizationId },
      })
      expect(rows.map((r) => r.name)).toEqual(['written during shutdown'])
    } finally {
      await holder.close()
    }
  })
})

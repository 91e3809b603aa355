import { spawnSync } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildApp } from '../../src/app.js'
import { buildTestApp, createTenant, databaseKind, testConfig } from '../helpers/app.js'
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
      const env = { PORT: String(port), DATA_DIR: dataDir, BOOTSTRAP_ADMIN_KEY: BOOTSTRAP, LOG_LEVEL: 'info' }
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
  })
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
    live.post('/slow-write', async () => {
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

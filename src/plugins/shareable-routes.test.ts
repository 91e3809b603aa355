import Fastify from 'fastify'
import { validatorCompiler } from 'fastify-type-provider-zod'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { shareableRoutesPlugin } from './shareable-routes.js'

const shareable = { auth: { apiKey: 'read' as const, signedLink: true as const } }
const handler = async () => 'ok'

async function appWith(register: (app: ReturnType<typeof Fastify>) => void) {
  const app = Fastify()
  app.setValidatorCompiler(validatorCompiler)
  await app.register(shareableRoutesPlugin, { resolvableParams: ['portfolioId'] })
  register(app)
  return app
}

describe('shareable routes', () => {
  it('are the routes the router picks for a path, and only those that allow links', async () => {
    const app = await appWith((a) => {
      a.get('/v1/portfolios/:portfolioId/workloads/:table', { config: shareable }, handler)
      a.get(
        '/v1/portfolios/:portfolioId/workloads/template',
        { config: { auth: { apiKey: 'read' } } },
        handler,
      )
      a.get('/v1/portfolios/:portfolioId', { config: { auth: { apiKey: 'read' } } }, handler)
      a.post('/v1/portfolios/:portfolioId/export', { config: shareable }, handler)
    })
    await app.ready()
    expect(app.shareableRoute('/v1/portfolios/p1/workloads/months/')).toMatchObject({
      url: '/v1/portfolios/:portfolioId/workloads/:table',
      params: { portfolioId: 'p1', table: 'months' },
    })
    // The router prefers the static segment: that route takes no links, so neither does the path.
    expect(app.shareableRoute('/v1/portfolios/p1/workloads/template')).toBeNull()
    expect(app.shareableRoute('/v1/portfolios/p1')).toBeNull()
    expect(app.shareableRoute('/v1/portfolios/p1/export')).toBeNull()
    expect(app.shareableRoute('/v1/nowhere')).toBeNull()
    expect(app.shareableRoute('/v1/portfolios/%zz/workloads/months')).toBeNull()
    await app.close()
  })

  it('stop the start-up for an id a link cannot check, or a query that uses a link’s parameter', async () => {
    const unchecked = await appWith((a) => a.get('/v1/things/:thingId', { config: shareable }, handler))
    await expect(unchecked.ready()).rejects.toThrow(/cannot check who may read ':thingId'/)
    const clashing = await appWith((a) =>
      a.get(
        '/v1/portfolios/:portfolioId/report',
        { config: shareable, schema: { querystring: z.object({ exp: z.string() }) } },
        handler,
      ),
    )
    await expect(clashing.ready()).rejects.toThrow(/'exp' is a share-link parameter/)
  })
})

import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'
import type { Database } from '../db/client.js'

declare module 'fastify' {
  interface FastifyInstance {
    db: Database
  }
}

/**
 * Exposes the opened database as `app.db` and, when the app opened it, closes it last, after in-flight requests finished
 * (Fastify runs onClose hooks in reverse registration order and this plugin is registered first).
 */
export const dbPlugin = fp(
  async (app: FastifyInstance, opts: { database: Database; closeOnShutdown: boolean }) => {
    app.decorate('db', opts.database)
    if (opts.closeOnShutdown) {
      app.addHook('onClose', async () => {
        await opts.database.close()
      })
    }
  },
  { name: 'db', fastify: '5.x' },
)

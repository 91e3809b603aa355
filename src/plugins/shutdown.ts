import type { FastifyInstance } from 'fastify'
import fp from 'fastify-plugin'

/**
 * Lets a shutdown finish promptly. Node only closes the keep-alive connections that are idle when
 * closing starts; a connection whose request is still in flight would otherwise stay open until its
 * keep-alive timeout, holding the shutdown. So once closing has begun, every response asks the
 * client to close its connection.
 */
export const shutdownPlugin = fp(
  async (app: FastifyInstance) => {
    let closing = false
    app.addHook('preClose', async () => {
      closing = true
    })
    app.addHook('onSend', async (_request, reply) => {
      if (closing) reply.header('connection', 'close')
    })
  },
  { name: 'shutdown', fastify: '5.x' },
)

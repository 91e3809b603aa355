import { errorCodes, type FastifyInstance, type FastifyRequest } from 'fastify'
import { validatorCompiler } from 'fastify-type-provider-zod'
import { authOf } from '../../lib/auth-context.js'
import { PREVIEW_LIMITS } from '../../lib/limits.js'

/**
 * The body handling of every route that takes a plan preview request (`POST /v1/plans/preview` and the routes
 * that draw its charts). The body is parsed, checked and validated on a worker thread, not here: a
 * 10,000-workload body is several MB of JSON, whose parsing and validation would hold the event loop for most
 * of a second. So JSON bodies reach the handler as raw bytes, and the route's validator lets them through; the
 * body schema stays declared for the OpenAPI document, and the worker runs it.
 *
 * Call it in an encapsulated plugin (it replaces that plugin's JSON parser) and spread what it returns into
 * each such route's options. A key's computation slot is claimed before its body (up to 16 MiB) is read, so one
 * key cannot hold memory with many uploads at once; it is given back when the request ends, however it ends.
 * The handler finds the body (a Buffer, or null without one) in `request.body`.
 */
export function previewBodyRoute(app: FastifyInstance, admit: (request: FastifyRequest) => () => void) {
  const slots = new WeakMap<FastifyRequest, () => void>()
  const releaseSlot = async (request: FastifyRequest) => {
    slots.get(request)?.()
    slots.delete(request)
  }
  app.removeContentTypeParser('application/json')
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: PREVIEW_LIMITS.maxBodyBytes },
    (_request, body: Buffer, done) => {
      // As Fastify's own JSON parser answers an empty body.
      if (body.length === 0) done(new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY(), undefined)
      else done(null, body)
    },
  )
  return {
    bodyLimit: PREVIEW_LIMITS.maxBodyBytes,
    // The body passes through (the worker validates it); the other parts are validated here as usual.
    validatorCompiler: (route: { httpPart?: string }) =>
      route.httpPart === 'body'
        ? (body: unknown) => ({ value: body })
        : validatorCompiler(route as unknown as Parameters<typeof validatorCompiler>[0]),
    preParsing: async (request: FastifyRequest) => {
      slots.set(request, admit(request))
    },
    onResponse: releaseSlot,
    onRequestAbort: releaseSlot,
  }
}

/** The slot claim of a preview route: the caller's API key's (see {@link previewBodyRoute}). */
export const admitByKey =
  (admitKey: (auth: ReturnType<typeof authOf>) => () => void) =>
  (request: FastifyRequest): (() => void) =>
    admitKey(authOf(request))

import type { FastifyInstance, RouteOptions } from 'fastify'
import fp from 'fastify-plugin'
import { z } from 'zod'
import type { RouteAuth } from '../lib/auth-context.js'
import { canonicalPath, RESERVED_QUERY_NAMES } from '../lib/share-link-signature.js'

/** A GET route that a share link may open (its policy says `signedLink: true`), matched for one path. */
export interface ShareableRoute {
  /** Fastify's URL of the route (`/v1/portfolios/:portfolioId/workloads`). */
  url: string
  auth: Exclude<RouteAuth, 'none'>
  /** The path's parameters, as the router decoded them. */
  params: Record<string, string>
  /** The route's own schemas of its path parameters and query, when it declares them. */
  paramsSchema: z.ZodType | undefined
  querySchema: z.ZodType | undefined
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The shareable GET route the app's router serves `path` (no query) with, or null. */
    shareableRoute(path: string): ShareableRoute | null
  }
}

export interface ShareableRoutesOptions {
  /**
   * Path parameters naming a resource that `POST /v1/share-links` can check the caller's organization may
   * read. A shareable route with another id parameter stops the start-up: a link to it could not be checked
   * when it is made.
   */
  resolvableParams: readonly string[]
}

const isZod = (schema: unknown): schema is z.ZodType => schema instanceof z.ZodType
const paramNames = (url: string) => url.split('/').flatMap((s) => (s.startsWith(':') ? [s.slice(1)] : []))

/**
 * Keeps the routes a share link may open and finds the one a path names **with the app's router**
 * (`findRoute`), so a link is made for exactly the route a request to it will reach: the router picks the
 * route, and this only tells which of the shareable ones it picked (the route whose parameters, put back
 * in its URL, give the path). Register it before any plugin that adds routes.
 */
export const shareableRoutesPlugin = fp(
  async (app: FastifyInstance, opts: ShareableRoutesOptions) => {
    const routes: RouteOptions[] = []
    app.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method]
      const auth = route.config?.auth
      if (methods.includes('GET') && auth !== undefined && auth !== 'none' && auth.signedLink)
        routes.push(route)
    })
    app.addHook('onReady', async () => {
      const problems: string[] = []
      for (const route of routes) {
        for (const name of paramNames(route.url)) {
          if (/id$/i.test(name) && !opts.resolvableParams.includes(name)) {
            problems.push(`${route.url}: share links cannot check who may read ':${name}'`)
          }
        }
        const query = route.schema?.querystring
        if (query instanceof z.ZodObject) {
          for (const key of Object.keys(query.shape)) {
            if (RESERVED_QUERY_NAMES.has(key))
              problems.push(`${route.url}: '${key}' is a share-link parameter`)
          }
        }
      }
      if (problems.length > 0) throw new Error(`Routes that cannot be shared: ${problems.join('; ')}`)
    })

    app.decorate('shareableRoute', (path: string): ShareableRoute | null => {
      const wanted = canonicalPath(path)
      const found = wanted === null ? null : app.findRoute({ method: 'GET', url: wanted })
      if (!found || wanted === null) return null
      const params = found.params as Record<string, string>
      for (const route of routes) {
        const names = paramNames(route.url)
        if (names.length !== Object.keys(params).length || !names.every((n) => Object.hasOwn(params, n)))
          continue
        const rebuilt = route.url
          .split('/')
          .map((s) => (s.startsWith(':') ? encodeURIComponent(params[s.slice(1)]!) : s))
          .join('/')
        if (canonicalPath(rebuilt) !== wanted) continue
        return {
          url: route.url,
          auth: route.config!.auth as Exclude<RouteAuth, 'none'>,
          params,
          paramsSchema: isZod(route.schema?.params) ? route.schema.params : undefined,
          querySchema: isZod(route.schema?.querystring) ? route.schema.querystring : undefined,
        }
      }
      return null
    })
  },
  { name: 'shareable-routes', fastify: '5.x' },
)

import type { FastifyInstance } from 'fastify'
import type { RouteAuth } from '../../src/lib/auth-context.js'

/** One served route and the auth policy it declares. */
export interface RouteEntry {
  method: string
  /** Fastify's URL (`/v1/price-books/:id`). */
  url: string
  /** The same as an OpenAPI path template (`/v1/price-books/{id}`, `*` → `{*}`). */
  template: string
  auth: RouteAuth | undefined
}

/** Every route of `app` (one entry per method), with its declared auth policy (the app's own inventory). */
export function routeInventory(app: FastifyInstance): RouteEntry[] {
  return app.routeInventory().map((route) => ({
    ...route,
    template: route.url
      .split('/')
      .map((part) => (part.startsWith(':') ? `{${part.slice(1)}}` : part === '*' ? '{*}' : part))
      .join('/'),
  }))
}

import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { ValidationError } from '../../lib/errors.js'
import type { ShareableRoute } from '../../plugins/shareable-routes.js'
import { resolveTarget } from './share-link-targets.js'

/** A router that knows one shareable route, whatever the path. */
const routerOf = (route: Partial<ShareableRoute>) => ({
  shareableRoute: (): ShareableRoute => ({
    url: '/v1/things/:name',
    auth: { apiKey: 'read', signedLink: true },
    params: {},
    paramsSchema: undefined,
    querySchema: undefined,
    ...route,
  }),
})

const issueOf = (attempt: () => unknown) => {
  try {
    attempt()
  } catch (error) {
    if (error instanceof ValidationError) return error.errors?.[0]
    throw error
  }
  return undefined
}

describe('resolveTarget', () => {
  const tables = routerOf({ querySchema: z.object({ format: z.enum(['csv', 'json']).optional() }) })

  it('shares a resource that has a format as CSV unless told otherwise', () => {
    expect(resolveTarget(tables, { path: '/v1/things/a' }).params).toEqual([['format', 'csv']])
    expect(resolveTarget(tables, { path: '/v1/things/a', format: 'json' }).params).toEqual([
      ['format', 'json'],
    ])
    expect(resolveTarget(tables, { path: '/v1/things/a?format=json' }).params).toEqual([['format', 'json']])
    expect(
      issueOf(() => resolveTarget(tables, { path: '/v1/things/a?format=json', format: 'csv' })),
    ).toMatchObject({
      pointer: '/format',
      code: 'conflict',
    })
    expect(issueOf(() => resolveTarget(tables, { path: '/v1/things/a', format: 'xlsx' }))).toMatchObject({
      pointer: '/path',
      code: 'invalid_parameter',
    })
    expect(issueOf(() => resolveTarget(routerOf({}), { path: '/v1/things/a', format: 'csv' }))).toMatchObject(
      {
        pointer: '/format',
        code: 'not_applicable',
      },
    )
  })

  it('refuses a path that would not fit once percent-encoded, rather than failing to store it', () => {
    const free = routerOf({ querySchema: z.object({ q: z.string() }) })
    // 915 characters as sent, 5,415 once each `é` is `%C3%A9`.
    const issue = issueOf(() => resolveTarget(free, { path: `/v1/things/a?q=${'é'.repeat(900)}` }))
    expect(issue).toMatchObject({ pointer: '/path', code: 'too_long' })
  })
})

import { z } from 'zod'
import { SHARE_LINK_LIMITS } from '../../lib/limits.js'
import { pageSchema } from '../../lib/pagination.js'

const EXAMPLE_ID = '6f1c2a9e-4b7d-4e21-9a3f-2c5d8e7b1a04'
const EXAMPLE_PATH =
  '/v1/portfolios/0b6f3d2e-8c1a-4f5e-9d7b-3a2c1e0f9b8d/scenarios/5e4d3c2b-1a09-4f8e-8d7c-6b5a4f3e2d1c/tables/months'
const EXAMPLE_EXPIRES = '2027-01-04T09:15:00.000Z'

const { defaultTtlSeconds, minTtlSeconds, maxTtlSeconds, maxPathLength } = SHARE_LINK_LIMITS

export const CreateShareLinkSchema = z
  .strictObject({
    path: z
      .string()
      .min(1)
      .max(maxPathLength)
      .describe(
        // The document appends the list of those operations, from the routes' policies (src/plugins/swagger.ts).
        'The resource to share: the path of a GET operation that allows share links, with its query ' +
          'parameters if any (`/v1/portfolios/{id}/scenarios/{id}/focus?dataset=cost-and-usage`). It must ' +
          'name a resource your organization can read now.',
      ),
    format: z
      .string()
      .min(1)
      .max(20)
      .optional()
      .describe(
        'Shorthand for the `format` parameter (`csv` or `json`) of a resource that has one; when omitted, such ' +
          'a resource is shared as `csv`. Not accepted for a resource without a `format` parameter.',
      ),
    expiresInSeconds: z
      .number()
      .int()
      .min(minTtlSeconds)
      .max(maxTtlSeconds)
      .default(defaultTtlSeconds)
      .describe(
        `How long the link works, seconds: ${minTtlSeconds}–${maxTtlSeconds.toLocaleString('en-US')} (7 days); ` +
          `default ${defaultTtlSeconds} (15 minutes).`,
      ),
  })
  .meta({
    id: 'CreateShareLink',
    example: { path: EXAMPLE_PATH, format: 'csv', expiresInSeconds: 900 },
  })

export type CreateShareLinkBody = z.output<typeof CreateShareLinkSchema>

const EXAMPLE_SHARE_LINK = {
  id: EXAMPLE_ID,
  path: `${EXAMPLE_PATH}?format=csv`,
  format: 'csv',
  apiKeyId: '2d3e4f50-6172-4839-a4b5-c6d7e8f90a1b',
  createdAt: '2027-01-04T09:00:00.123Z',
  expiresAt: EXAMPLE_EXPIRES,
}

export const ShareLinkSchema = z
  .object({
    id: z.uuid(),
    path: z.string().describe('The shared resource: its path and its own parameters, in canonical form.'),
    format: z
      .string()
      .nullable()
      .describe('The `format` parameter of the shared resource (`csv`, `json`), or null when it has none.'),
    apiKeyId: z.uuid().describe('The API key that made the link: revoking the key stops the link too.'),
    createdAt: z.string(),
    expiresAt: z.string().describe('When the link stops working (whole seconds).'),
  })
  .meta({ id: 'ShareLink', example: EXAMPLE_SHARE_LINK })

export const CreatedShareLinkSchema = ShareLinkSchema.extend({
  url: z
    .string()
    .describe(
      'The absolute URL to fetch with a plain GET, without a key (`=IMPORTDATA(url)` in Google Sheets, ' +
        '`Web.Contents(url)` in Power Query). It carries the signature: treat it as a password.',
    ),
}).meta({
  id: 'CreatedShareLink',
  example: {
    url:
      `https://planner.example.com${EXAMPLE_PATH}?format=csv&link=${EXAMPLE_ID}&exp=1799054100` +
      '&sig=9f2b6c1e0d4a7b3c5e8f1a2d4c6b8e0f3a5c7d9e1b2f4a6c8e0d2b4f6a8c0e1d',
    ...EXAMPLE_SHARE_LINK,
  },
})

export const ShareLinkPageSchema = pageSchema(ShareLinkSchema).meta({
  id: 'ShareLinkPage',
  example: { object: 'list', data: [EXAMPLE_SHARE_LINK], hasMore: false, nextCursor: null },
})

export const ShareLinkParams = z.object({ id: z.uuid().describe('Share link id.') })

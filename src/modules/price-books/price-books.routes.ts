import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { z } from 'zod'
import { authOf } from '../../lib/auth-context.js'
import { PageQuerySchema } from '../../lib/pagination.js'
import { problemResponses } from '../../lib/problem.js'
import {
  expectedVersion,
  IfMatchHeaders,
  idempotencyHeaders,
  sendCreated,
  sendTagged,
} from '../../lib/write-route.js'
import {
  CreatePriceBookSchema,
  ModelListSchema,
  ModelLookupSchema,
  ModelParams,
  ModelsQuerySchema,
  PriceBookModelParams,
  PriceBookPageSchema,
  PriceBookRefParams,
  PriceBookSchema,
  UpdateModelSchema,
  UpdatePriceBookSchema,
} from './price-books.schemas.js'
import type { PriceBookService } from './price-books.service.js'

const IdempotencyHeaders = idempotencyHeaders()

export const priceBookRoutes: FastifyPluginAsyncZod<{ service: PriceBookService }> = async (
  app,
  { service },
) => {
  app.get(
    '/v1/models',
    {
      config: { auth: { apiKey: 'read' } },
      schema: {
        operationId: 'listModels',
        tags: ['price-books'],
        summary: 'List models and their prices',
        description:
          'Every model of a price book (default: the built-in Anthropic list prices) with input, output, cache and ' +
          'batch prices in USD per million tokens, minimum cacheable prefix, tokenizer ratio, long-context bands and ' +
          'lifecycle dates. Models are named by dated id or alias (`claude-opus-4-5`) wherever a request takes one. ' +
          'Listed by family — Opus, Sonnet, Haiku, then other families alphabetically — and newest version first ' +
          'within a family. Each model’s `source` (references and notes) only with `?include=source`.',
        querystring: ModelsQuerySchema,
        response: { 200: ModelListSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      service.listModels(authOf(request), request.query.priceBook, {
        source: request.query.include === 'source',
      }),
  )

  app.get(
    '/v1/models/:model',
    {
      config: { auth: { apiKey: 'read' } },
      schema: {
        operationId: 'getModel',
        tags: ['price-books'],
        summary: 'Look up one model',
        description:
          'One model by dated id (`claude-opus-4-5-20251101`) or alias (`claude-opus-4-5`), case-insensitive, with ' +
          'its prices in a price book (default: the built-in Anthropic list prices); its `source` only with ' +
          '`?include=source`. An unknown name is a 404 that suggests the nearest names of the book.',
        params: ModelParams,
        querystring: ModelsQuerySchema,
        response: { 200: ModelLookupSchema, ...problemResponses(400, 404) },
      },
    },
    async (request) =>
      service.getModel(authOf(request), request.params.model, request.query.priceBook, {
        source: request.query.include === 'source',
      }),
  )

  app.get(
    '/v1/price-books',
    {
      config: { auth: { apiKey: 'read' } },
      schema: {
        operationId: 'listPriceBooks',
        tags: ['price-books'],
        summary: 'List price books',
        description: 'The built-in books and your organization’s own, oldest first, with cursor pagination.',
        querystring: PageQuerySchema,
        response: { 200: PriceBookPageSchema, ...problemResponses(400) },
      },
    },
    async (request) => service.list(authOf(request), request.query),
  )

  app.get(
    '/v1/price-books/:id',
    {
      config: { auth: { apiKey: 'read' } },
      schema: {
        operationId: 'getPriceBook',
        tags: ['price-books'],
        summary: 'Get a price book with its models',
        description: 'By id or slug. The `ETag` header is what `PATCH` and `DELETE` take in `If-Match`.',
        params: PriceBookRefParams,
        response: { 200: PriceBookSchema, ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      return sendTagged(request, reply, await service.get(authOf(request), request.params.id))
    },
  )

  app.post(
    '/v1/price-books',
    {
      config: { auth: { apiKey: 'write' } },
      schema: {
        operationId: 'createPriceBook',
        tags: ['price-books'],
        summary: 'Create a price book (negotiated rates)',
        description:
          'Creates a book owned by your organization, from `models` or copied from another book (`basedOn`), ' +
          'optionally with a uniform `discountOffList` taken off every per-token price of the copy (rounded half ' +
          'up to 10 decimals). `discountOffList` without `basedOn`, or with `models`, is a 422. ' +
          'Send an `Idempotency-Key` to make retries safe.',
        headers: IdempotencyHeaders,
        body: CreatePriceBookSchema,
        response: { 201: PriceBookSchema, ...problemResponses(403, 409, 413, 415, 422) },
      },
    },
    async (request, reply) => {
      return sendCreated(
        reply,
        await service.create(authOf(request), request.body, request.headers['idempotency-key']),
      )
    },
  )

  app.patch(
    '/v1/price-books/:id',
    {
      config: { auth: { apiKey: 'write' } },
      schema: {
        operationId: 'updatePriceBook',
        tags: ['price-books'],
        summary: 'Update a price book',
        description:
          'Changes the fields given; `models` replaces the whole model list. Requires `If-Match` with the ETag of ' +
          'your last read: a stale one is a 412 and changes nothing. Built-in books are read-only (403).',
        params: PriceBookRefParams,
        headers: IfMatchHeaders,
        body: UpdatePriceBookSchema,
        response: { 200: PriceBookSchema, ...problemResponses(403, 404, 409, 412, 413, 415, 422, 428) },
      },
    },
    async (request, reply) => {
      const updated = await service.update(
        authOf(request),
        request.params.id,
        expectedVersion(request),
        request.body,
      )
      return sendTagged(request, reply, updated)
    },
  )

  app.get(
    '/v1/price-books/:id/models/:model',
    {
      config: { auth: { apiKey: 'read' } },
      schema: {
        operationId: 'getPriceBookModel',
        tags: ['price-books'],
        summary: 'Get one model of a price book',
        description:
          'One model of a book (book by id or slug; model by dated id or alias, case-insensitive), its `source` ' +
          'included. The `ETag` header is the book’s: the one `PATCH` on this path takes in `If-Match`. An ' +
          'unknown model is a 404 that suggests the nearest names of the book.',
        params: PriceBookModelParams,
        response: { 200: ModelLookupSchema, ...problemResponses(404) },
      },
    },
    async (request, reply) => {
      return sendTagged(
        request,
        reply,
        await service.getBookModel(authOf(request), request.params.id, request.params.model),
      )
    },
  )

  app.patch(
    '/v1/price-books/:id/models/:model',
    {
      config: { auth: { apiKey: 'write' } },
      schema: {
        operationId: 'updatePriceBookModel',
        tags: ['price-books'],
        summary: 'Update one model of a price book',
        description:
          'Changes the fields given of one model — any of a model’s fields but `modelId`, which the path names ' +
          '(by id or alias, case-insensitive) — instead of resending every model; `aliases` and ' +
          '`longContextBands` replace their lists. Requires `If-Match` with the book’s ETag (from `GET` on the ' +
          'book or on this path): missing is a 428, stale a 412, and nothing is changed. The book’s version goes ' +
          'up by one; the answer is the whole book with its new `ETag`. An unknown or read-only field is a 400, an ' +
          'unknown model a 404 that suggests the nearest names, a name another model of the book has a 422. ' +
          'Built-in books are read-only (403).',
        params: PriceBookModelParams,
        headers: IfMatchHeaders,
        body: UpdateModelSchema,
        response: { 200: PriceBookSchema, ...problemResponses(403, 404, 412, 413, 415, 422, 428) },
      },
    },
    async (request, reply) => {
      const updated = await service.updateModel(
        authOf(request),
        request.params.id,
        request.params.model,
        expectedVersion(request),
        request.body,
      )
      return sendTagged(request, reply, updated)
    },
  )

  app.delete(
    '/v1/price-books/:id',
    {
      config: { auth: { apiKey: 'write' } },
      schema: {
        operationId: 'deletePriceBook',
        tags: ['price-books'],
        summary: 'Delete a price book',
        description:
          'Deletes one of your books (409 while portfolios or scenarios use it). Requires `If-Match` with the ' +
          'ETag of your last read, as every delete does. Built-in books are read-only (403).',
        params: PriceBookRefParams,
        headers: IfMatchHeaders,
        response: { 204: z.undefined().describe('Deleted.'), ...problemResponses(403, 404, 409, 412, 428) },
      },
    },
    async (request, reply) => {
      await service.remove(authOf(request), request.params.id, expectedVersion(request))
      return reply.code(204).send()
    },
  )
}

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { authOf } from '../../lib/auth-context.js'
import { PREVIEW_LIMITS } from '../../lib/limits.js'
import { problemResponses } from '../../lib/problem.js'
import { IncludeQuerySchema, parseInclude } from './plan-body.js'
import { PlanPreviewSchema, PreviewRequestSchema } from './plans.schemas.js'
import type { PlanService } from './plans.service.js'
import { admitByKey, previewBodyRoute } from './preview-body.js'

const DESCRIPTION = `Computes everything for an inline portfolio without storing it: spend today (\`baseline\`), after
each lever on its schedule (\`optimized\`) and fully adopted (\`fullyOptimized\`), month by month and per workload;
the waterfall in the order the levers are listed and the order-independent Shapley split; the recommended
commitment from a seeded Monte Carlo (same seed, same answer) with every tier, the proposed commit and a
commitment sized on today's baseline side by side; and warnings such as stranded commitment.

Money is a decimal string in and out. Figures are rounded once, when presented: cents, or whole dollars for
simulated commitment figures.

**Limits:** at most ${PREVIEW_LIMITS.maxWorkloads.toLocaleString('en-US')} workloads, ${PREVIEW_LIMITS.maxTermMonths} term months,
${PREVIEW_LIMITS.maxWorkloadMonths.toLocaleString('en-US')} workload-months (workloads × months),
${PREVIEW_LIMITS.maxSimulations.toLocaleString('en-US')} simulations and a ${PREVIEW_LIMITS.maxBodyBytes / 1024 / 1024} MiB body. **Cost budget:**
workload-months × simulations (default 2,000) at most ${PREVIEW_LIMITS.maxCost.toLocaleString('en-US')} — 10,000 workloads over 36 months
with 4,000 runs fits — else a 422 \`PLAN_TOO_LARGE\` pointing at \`/commitment/simulations\`.

Plans are computed on worker threads. **Per API key**, a few computations may run or wait at once; beyond
them the answer is a 429 \`CONCURRENCY_LIMITED\` with \`Retry-After\`. When every worker is busy and the queue
is full the answer is a 503 \`OVERLOADED\`, and a computation that runs past its deadline is stopped: a 503
\`DEADLINE_EXCEEDED\`; both with \`Retry-After\`.

Needs the \`read\` scope (nothing is stored).`

/** The preview's body reaches the worker threads as raw bytes (see {@link previewBodyRoute}). */
export const planRoutes: FastifyPluginAsyncZod<{ service: PlanService }> = async (app, { service }) => {
  const rawBody = previewBodyRoute(app, admitByKey(service.admit))

  app.post(
    '/v1/plans/preview',
    {
      ...rawBody,
      config: { auth: { apiKey: 'read' } },
      schema: {
        operationId: 'previewPlan',
        tags: ['plans'],
        summary: 'Preview a plan for an inline portfolio',
        description: DESCRIPTION,
        querystring: IncludeQuerySchema,
        body: PreviewRequestSchema,
        response: { 200: PlanPreviewSchema, ...problemResponses(400, 403, 413, 415, 422, 503) },
      },
    },
    async (request, reply) => {
      // The raw bytes (see above), or null when the request had no body.
      const include = parseInclude(request.query.include)
      const json = await service.preview(authOf(request), request.body as unknown, include)
      // The worker's bytes as they are (a PlanPreview's JSON): Fastify never runs a Buffer through the
      // response serializer, so a 40 MB plan is not encoded a second time on the event loop.
      return reply.type('application/json; charset=utf-8').send(json as never)
    },
  )
}

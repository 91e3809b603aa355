import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { authOf } from '../../lib/auth-context.js'
import { PREVIEW_LIMITS } from '../../lib/limits.js'
import { problemResponses } from '../../lib/problem.js'
import { PlanPreviewSchema, PreviewRequestSchema } from './plans.schemas.js'
import type { PlanService } from './plans.service.js'

const DESCRIPTION = `Computes everything for an inline portfolio without storing it: spend today (\`baseline\`), after
each lever on its schedule (\`optimized\`) and fully adopted (\`fullyOptimized\`), month by month and per workload;
the waterfall in the order the levers are listed and the order-independent Shapley split; the recommended
commitment from a seeded Monte Carlo (same seed, same answer) with every tier, the proposed commit and a
commitment sized on today's baseline side by side; and warnings such as stranded commitment.

Money is a decimal string in and out. Figures are rounded once, when presented: cents, or whole dollars for
simulated commitment figures.

**Limits:** at most ${PREVIEW_LIMITS.maxWorkloads.toLocaleString('en-US')} workloads, ${PREVIEW_LIMITS.maxTermMonths} term months,
${PREVIEW_LIMITS.maxWorkloadMonths.toLocaleString('en-US')} workload-months (workloads × months),
${PREVIEW_LIMITS.maxSimulations.toLocaleString('en-US')} simulations and a ${PREVIEW_LIMITS.maxBodyBytes / 1024 / 1024} MiB body.
Needs the \`read\` scope (nothing is stored).`

export const planRoutes: FastifyPluginAsyncZod<{ service: PlanService }> = async (app, { service }) => {
  app.post(
    '/v1/plans/preview',
    {
      bodyLimit: PREVIEW_LIMITS.maxBodyBytes,
      config: { auth: { apiKey: 'read' } },
      schema: {
        operationId: 'previewPlan',
        tags: ['plans'],
        summary: 'Preview a plan for an inline portfolio',
        description: DESCRIPTION,
        body: PreviewRequestSchema,
        response: { 200: PlanPreviewSchema, ...problemResponses(400, 403, 413, 415, 422) },
      },
    },
    async (request) => service.preview(authOf(request), request.body),
  )
}

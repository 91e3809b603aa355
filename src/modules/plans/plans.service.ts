import { type PlanPreview, type PlanRequest, PlanValidationError, previewPlan } from '../../domain/index.js'
import type { AuthContext } from '../../lib/auth-context.js'
import { UnprocessableError } from '../../lib/errors.js'
import { PREVIEW_LIMITS } from '../../lib/limits.js'
import type { PriceBookRepository } from '../price-books/price-books.repository.js'
import type { PreviewRequestBody } from './plans.schemas.js'

export interface PlanServiceDeps {
  priceBooks: Pick<PriceBookRepository, 'findVisible'>
}

/**
 * Plans: runs the planning engine on a portfolio. The preview stores nothing; it resolves the price
 * book the organization can see, enforces the request limits, and turns the engine's validation
 * issues into one 422 problem with a pointer per issue.
 */
export function createPlanService({ priceBooks }: PlanServiceDeps) {
  return {
    async preview(auth: AuthContext, body: PreviewRequestBody): Promise<PlanPreview> {
      const workloadMonths = body.workloads.length * body.term.months
      if (workloadMonths > PREVIEW_LIMITS.maxWorkloadMonths) {
        throw new UnprocessableError(
          `${body.workloads.length} workloads over ${body.term.months} months is ${workloadMonths} workload-months; ` +
            `one preview computes at most ${PREVIEW_LIMITS.maxWorkloadMonths}.`,
          [
            {
              in: 'body',
              pointer: '/workloads',
              code: 'too_large',
              detail: `workloads × term months must be ≤ ${PREVIEW_LIMITS.maxWorkloadMonths}`,
            },
          ],
          'PLAN_TOO_LARGE',
        )
      }
      const book = await priceBooks.findVisible(auth.organizationId, body.priceBook)
      if (!book) {
        throw new UnprocessableError(`Price book '${body.priceBook}' does not exist.`, [
          {
            in: 'body',
            pointer: '/priceBook',
            code: 'unknown_price_book',
            detail: `no price book '${body.priceBook}'`,
          },
        ])
      }
      const { priceBook: _ref, ...request } = body
      try {
        return previewPlan(request as PlanRequest, book)
      } catch (error) {
        if (error instanceof PlanValidationError) {
          throw new UnprocessableError(
            `The plan cannot be computed: ${error.issues.length} problem${error.issues.length === 1 ? '' : 's'}.`,
            error.issues.map((issue) => ({
              in: 'body' as const,
              pointer: issue.pointer,
              code: issue.code,
              detail: issue.message,
            })),
            'UNPROCESSABLE_PLAN',
          )
        }
        throw error
      }
    },
  }
}

export type PlanService = ReturnType<typeof createPlanService>

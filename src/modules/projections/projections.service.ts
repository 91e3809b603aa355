import { createHash } from 'node:crypto'
import {
  dec,
  type PlanPreview,
  PlanValidationError,
  type ValidationIssue,
  type WorkloadPreview,
} from '../../domain/index.js'
import type { AuthContext } from '../../lib/auth-context.js'
import { AppError, ConflictError, type FieldIssue, NotFoundError } from '../../lib/errors.js'
import type { Tagged } from '../../lib/write-route.js'
import { assemblePlanBody, includeTag, type PlanPart, type PlanParts } from '../plans/plan-body.js'
import type { PreviewRequestInput } from '../plans/plans.schemas.js'
import type { PlanService } from '../plans/plans.service.js'
import type { StoredPortfolio } from '../portfolios/portfolios.repository.js'
import type { PortfolioAccess } from '../portfolios/portfolios.service.js'
import type { ScenarioRepository, StoredScenario } from '../scenarios/scenarios.repository.js'
import type { StoredWorkload, WorkloadRepository } from '../workloads/workloads.repository.js'
import { engineFields } from '../workloads/workloads.service.js'
import { partLines } from './part-lines.js'
import type { PlanWorkloadRef, ProjectionRepository, SlicedPart } from './projections.repository.js'

/**
 * Bumped when the engine or the stored parts change in a way that makes stored plans stale: part of every
 * input key, so a deploy recomputes plans on their next read rather than serving old figures.
 */
const PLAN_FORMAT = 'plan-v2'

export interface ProjectionServiceDeps {
  repository: ProjectionRepository
  scenarios: Pick<ScenarioRepository, 'findOwned' | 'some'>
  workloads: Pick<WorkloadRepository, 'allOf'>
  access: PortfolioAccess
  plans: Pick<PlanService, 'computeParts'>
  /** How long a claim may go without a stored plan before another reader takes it over (ms). */
  claimTimeoutMs: number
  /** How often a reader waiting for another's computation looks again (ms). */
  pollIntervalMs?: number
}

/** Everything a scenario's plan depends on, and the key naming that revision of its inputs. */
interface PlanInputs {
  scenario: StoredScenario
  portfolio: StoredPortfolio
  bookId: string
  /** The price book's version the key names (null when the organization cannot see the book). */
  bookVersion: number | null
  inputKey: string
  tag: string
}

/** A stored problem of a plan that cannot be computed, rebuilt into the error it was. */
type StoredFailure =
  | { kind: 'plan'; issues: ValidationIssue[] }
  | { kind: 'app'; statusCode: number; code: string; title: string; detail: string; errors?: FieldIssue[] }

function failureOf(error: unknown): StoredFailure | null {
  if (error instanceof PlanValidationError) return { kind: 'plan', issues: [...error.issues] }
  if (error instanceof AppError && error.statusCode === 422) {
    return {
      kind: 'app',
      statusCode: error.statusCode,
      code: error.code,
      title: error.title,
      detail: error.message,
      ...(error.errors ? { errors: [...error.errors] } : {}),
    }
  }
  return null
}

function errorOf(failure: StoredFailure): Error {
  if (failure.kind === 'plan') return new PlanValidationError(failure.issues)
  return new AppError(failure.statusCode, failure.code, failure.title, failure.detail, failure.errors)
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/**
 * Stored plans. A scenario's plan is computed on the worker pool once per input revision — the portfolio
 * (its version and its workloads' revision), the scenario's version, and the price book's id and version —
 * and kept in PostgreSQL as the parts a plan answer is assembled from; any change to an input makes a new
 * key, so the old plan is never served for it. Concurrent first reads compute it once: readers in this
 * instance share one computation, and across instances the first to claim the key computes while the
 * others wait for its result. A plan that cannot be computed (a 422) is kept as that problem too.
 */
export function createProjectionService(deps: ProjectionServiceDeps) {
  const { repository, scenarios, workloads, access, plans, claimTimeoutMs } = deps
  const pollIntervalMs = deps.pollIntervalMs ?? 100
  const inFlight = new Map<string, Promise<void>>()

  async function inputsOf(
    auth: AuthContext,
    portfolioId: string,
    scenario: StoredScenario,
    /** The portfolio, when the caller has it already (a comparison reads it once for all scenarios). */
    known?: StoredPortfolio,
  ): Promise<PlanInputs> {
    const portfolio = known ?? (await access.readable(auth, portfolioId))
    const bookId = scenario.priceBookId ?? portfolio.defaultPriceBook.id
    const bookVersion =
      bookId === portfolio.defaultPriceBook.id
        ? portfolio.defaultPriceBook.version
        : await repository.bookVersion(auth.organizationId, bookId)
    const inputKey = [
      PLAN_FORMAT,
      `p:${portfolio.id}:${portfolio.version}:${portfolio.workloadsRevision}`,
      `s:${scenario.id}:${scenario.version}`,
      `b:${bookId}:${bookVersion}`,
    ].join('|')
    const tag = createHash('sha256').update(inputKey).digest('base64url').slice(0, 27)
    return { scenario, portfolio, bookId, bookVersion, inputKey, tag }
  }

  async function scenarioOf(auth: AuthContext, portfolioId: string, scenarioId: string) {
    const scenario = await scenarios.findOwned(auth.organizationId, portfolioId, scenarioId)
    if (!scenario) throw new NotFoundError('Scenario', scenarioId)
    return scenario
  }

  /** The preview request the stored inputs stand for (workloads in list order). */
  async function requestOf(auth: AuthContext, inputs: PlanInputs) {
    const { scenario } = inputs
    const stored = await workloads.allOf(auth.organizationId, scenario.portfolioId)
    const request: PreviewRequestInput = {
      priceBook: inputs.bookId,
      term: scenario.term,
      levers: scenario.levers,
      workloads: stored.map(engineFields) as PreviewRequestInput['workloads'],
      commitment: scenario.commitment as PreviewRequestInput['commitment'],
    }
    return { request, workloadIds: stored.map((w) => w.id), stored }
  }

  /**
   * The engine's issues point into the preview request the stored inputs were turned into
   * (`/workloads/3/model`); a stored plan's reader knows workloads by id, so they point at
   * `/workloads/{workloadId}/model` instead — the workload to change.
   */
  function pointingAtStored(error: unknown, workloadIds: readonly string[]): unknown {
    if (!(error instanceof PlanValidationError)) return error
    return new PlanValidationError(
      error.issues.map((issue) => {
        const match = /^\/workloads\/(\d+)(.*)$/.exec(issue.pointer)
        const id = match ? workloadIds[Number(match[1])] : undefined
        return id ? { ...issue, pointer: `/workloads/${id}${match?.[2] ?? ''}` } : issue
      }),
    )
  }

  async function compute(auth: AuthContext, portfolioId: string, inputs: PlanInputs): Promise<void> {
    const { scenario, inputKey } = inputs
    let parts: PlanParts
    let workloadIds: string[] = []
    try {
      const { request, workloadIds: ids } = await requestOf(auth, inputs)
      workloadIds = ids
      // The workloads were read after the key: if anything changed in between, the key is no longer theirs.
      const again = await inputsOf(auth, portfolioId, await scenarioOf(auth, portfolioId, scenario.id))
      if (again.inputKey !== inputKey) {
        await repository.release(scenario.id, inputKey)
        return
      }
      parts = await plans.computeParts(auth, request).catch((error: unknown) => {
        throw pointingAtStored(error, workloadIds)
      })
    } catch (error) {
      const failure = failureOf(error)
      if (failure) await repository.fail(scenario.id, inputKey, failure)
      else await repository.release(scenario.id, inputKey)
      throw error
    }
    await repository.store(scenario.id, inputKey, parts)
  }

  /** Waits until the plan of `inputs` is stored, computing it if nobody else is; throws its problem if it has one. */
  async function ready(auth: AuthContext, portfolioId: string, inputs: PlanInputs): Promise<void> {
    const { scenario, inputKey } = inputs
    const giveUpAt = Date.now() + 2 * claimTimeoutMs
    for (;;) {
      const state = await repository.state(scenario.id)
      if (state?.inputKey === inputKey) {
        if (state.status === 'ready') return
        if (state.status === 'failed') {
          const stored = await repository.failure(scenario.id, inputKey)
          if (stored) throw errorOf(JSON.parse(stored) as StoredFailure)
          continue
        }
      }
      if (
        await repository.claim(
          auth.organizationId,
          scenario.id,
          inputKey,
          new Date(Date.now() - claimTimeoutMs),
        )
      ) {
        return compute(auth, portfolioId, inputs)
      }
      if (Date.now() > giveUpAt) {
        throw new ConflictError(
          'Another request has been computing this plan for too long; retry shortly.',
          'PLAN_COMPUTING',
        )
      }
      await sleep(pollIntervalMs)
    }
  }

  /** {@link ready}, shared by the readers of this instance waiting for the same plan. */
  function ensure(auth: AuthContext, portfolioId: string, inputs: PlanInputs): Promise<void> {
    const key = `${inputs.scenario.id}|${inputs.inputKey}`
    let flight = inFlight.get(key)
    if (!flight) {
      flight = ready(auth, portfolioId, inputs).finally(() => inFlight.delete(key))
      inFlight.set(key, flight)
    }
    return flight
  }

  /** The lines of a per-workload part of the plan of `inputKey`, read a batch at a time (part-lines.ts). */
  function linesOf(scenarioId: string, inputKey: string, part: SlicedPart): AsyncGenerator<string> {
    return partLines({
      isSplit: () => repository.hasLines(scenarioId, inputKey, part),
      split: () => repository.splitLines(scenarioId, inputKey, part),
      lines: (after, limit) => repository.lines(scenarioId, inputKey, part, after, limit),
    })
  }

  async function headOf(auth: AuthContext, portfolioId: string, inputs: PlanInputs) {
    await ensure(auth, portfolioId, inputs)
    const parts = await repository.parts(inputs.scenario.id, inputs.inputKey, new Set())
    if (!parts) throw new ConflictError('The plan changed while it was read; retry.', 'PLAN_COMPUTING')
    return {
      head: JSON.parse(parts.head) as Record<string, unknown>,
      options: JSON.parse(parts.options) as unknown[],
    }
  }

  return {
    /**
     * The scenario's whole plan with the parts `include` names, as JSON text: byte for byte what the preview
     * answers for the same inputs. `notModified` short-cuts a conditional read whose ETag still holds.
     */
    async projection(
      auth: AuthContext,
      portfolioId: string,
      scenarioId: string,
      include: ReadonlySet<PlanPart>,
      notModified: (etag: string) => boolean,
    ): Promise<Tagged<string | null>> {
      const inputs = await inputsOf(auth, portfolioId, await scenarioOf(auth, portfolioId, scenarioId))
      const etag = `"plan.${inputs.tag}.${includeTag(include)}"`
      if (notModified(etag)) return { body: null, etag }
      await ensure(auth, portfolioId, inputs)
      const parts = await repository.parts(scenarioId, inputs.inputKey, include)
      if (!parts) throw new ConflictError('The plan changed while it was read; retry.', 'PLAN_COMPUTING')
      return { body: assemblePlanBody(parts, include), etag }
    },

    /** The recommendation, options and warnings of the scenario's plan. */
    async recommendation(
      auth: AuthContext,
      portfolioId: string,
      scenarioId: string,
      notModified: (etag: string) => boolean,
    ) {
      const inputs = await inputsOf(auth, portfolioId, await scenarioOf(auth, portfolioId, scenarioId))
      const etag = `"recommendation.${inputs.tag}"`
      if (notModified(etag)) return { body: null, etag }
      const { head, options } = await headOf(auth, portfolioId, inputs)
      return {
        body: {
          scenarioId,
          recommendation: head.recommendation,
          options,
          warnings: head.warnings,
        } as RecommendationView,
        etag,
      }
    },

    /**
     * The scenario's stored plan for readers that take it apart (the CSV/JSON tables, the FOCUS export):
     * computed once per input revision as for the projection, its small parts parsed, its per-workload parts
     * read a batch of lines at a time as the caller iterates them, and its workloads in plan order. The ETag is
     * `representation` (what the caller makes of the plan) and the plan's revision.
     */
    async storedPlan(
      auth: AuthContext,
      portfolioId: string,
      scenarioId: string,
      representation: string,
      notModified: (etag: string) => boolean,
    ): Promise<Tagged<StoredPlan | null>> {
      const inputs = await inputsOf(auth, portfolioId, await scenarioOf(auth, portfolioId, scenarioId))
      const etag = `"${representation}.${inputs.tag}"`
      if (notModified(etag)) return { body: null, etag }
      await ensure(auth, portfolioId, inputs)
      const { scenario, portfolio, inputKey } = inputs
      const parts = await repository.parts(scenario.id, inputKey, new Set(['months', 'years']))
      const workloads = await repository.workloadRefs(
        auth.organizationId,
        portfolio.id,
        portfolio.workloadsRevision,
      )
      if (!parts?.months || !parts.years || !workloads) {
        throw new ConflictError('The plan changed while it was read; retry.', 'PLAN_COMPUTING')
      }
      return {
        body: {
          scenario,
          portfolio: { id: portfolio.id, name: portfolio.name },
          head: JSON.parse(parts.head) as StoredPlan['head'],
          options: JSON.parse(parts.options) as PlanPreview['options'],
          months: JSON.parse(parts.months) as PlanPreview['months'],
          years: JSON.parse(parts.years) as PlanPreview['years'],
          workloads,
          lines: (part) => linesOf(scenario.id, inputKey, part),
        },
        etag,
      }
    },

    /**
     * The scenario's stored plan together with the inputs it was computed from, for a reader that recomputes
     * the plan (the XLSX workbook writes the inputs as cells and the figures as formulas over them): the preview
     * request the stored inputs stand for, the stored workloads in plan order, the price book's id and version,
     * and the plan's parts (its per-workload figures read a slice at a time). The inputs are read after the plan
     * is ready and checked to be the plan's own (the input key again); a change in between is a 409
     * `PLAN_COMPUTING` (retry). The ETag is `representation` and the plan's revision, as for {@link storedPlan}.
     */
    async planWithInputs(
      auth: AuthContext,
      portfolioId: string,
      scenarioId: string,
      representation: string,
      notModified: (etag: string) => boolean,
    ): Promise<Tagged<PlanWithInputs | null>> {
      const inputs = await inputsOf(auth, portfolioId, await scenarioOf(auth, portfolioId, scenarioId))
      const etag = `"${representation}.${inputs.tag}"`
      if (notModified(etag)) return { body: null, etag }
      await ensure(auth, portfolioId, inputs)
      const { scenario, portfolio, inputKey } = inputs
      const parts = await repository.parts(scenario.id, inputKey, new Set(['months', 'years']))
      const { request, stored } = await requestOf(auth, inputs)
      const again = await inputsOf(auth, portfolioId, await scenarioOf(auth, portfolioId, scenarioId))
      if (!parts?.months || !parts.years || again.inputKey !== inputKey) {
        throw new ConflictError('The plan changed while it was read; retry.', 'PLAN_COMPUTING')
      }
      return {
        body: {
          scenario,
          portfolio: { id: portfolio.id, name: portfolio.name },
          book: { id: inputs.bookId, version: inputs.bookVersion },
          request,
          workloads: stored,
          head: JSON.parse(parts.head) as StoredPlan['head'],
          options: JSON.parse(parts.options) as PlanPreview['options'],
          months: JSON.parse(parts.months) as PlanPreview['months'],
          years: JSON.parse(parts.years) as PlanPreview['years'],
          workloadFigures: () => linesOf(scenario.id, inputKey, 'workloads'),
        },
        etag,
      }
    },

    /** Scenarios of a portfolio side by side (`ids` null: the first {@link COMPARISON_LIMIT}). */
    async comparison(
      auth: AuthContext,
      portfolioId: string,
      ids: readonly string[] | null,
      notModified: (etag: string) => boolean,
    ) {
      const portfolio = await access.readable(auth, portfolioId)
      const found = await scenarios.some(auth.organizationId, portfolioId, ids, COMPARISON_LIMIT)
      if (ids) {
        const missing = ids.filter((id) => !found.some((s) => s.id === id))
        if (missing.length > 0) throw new NotFoundError('Scenario', missing[0]!)
        found.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id))
      }
      const all = await Promise.all(found.map((scenario) => inputsOf(auth, portfolioId, scenario, portfolio)))
      const etag = `"comparison.${createHash('sha256')
        .update(all.map((i) => i.tag).join(','))
        .digest('base64url')
        .slice(0, 27)}"`
      if (notModified(etag)) return { body: null, etag }
      const rows = []
      for (const inputs of all)
        rows.push(compareRow(inputs.scenario, await headOf(auth, portfolioId, inputs)))
      return { body: comparisonOf(portfolioId, rows), etag }
    },
  }
}

/**
 * A stored plan as {@link ProjectionService.storedPlan} hands it out. The per-workload parts hold one JSON value
 * per line, in the order of `workloads`: `workloads` a workload's figures (a {@link WorkloadPreview} without
 * `years` and `months`), `workloadYears` its contract years, `workloadMonths` its monthly series.
 */
export interface StoredPlan {
  scenario: StoredScenario
  portfolio: { id: string; name: string }
  /** The headline figures: the plan without its series, workloads and options. */
  head: Omit<PlanPreview, 'months' | 'years' | 'workloads' | 'options'>
  options: PlanPreview['options']
  months: PlanPreview['months']
  years: PlanPreview['years']
  /** The plan's workloads, in its order. */
  workloads: readonly PlanWorkloadRef[]
  /** The lines of a per-workload part, read a batch at a time (fewer than `workloads` if the plan was replaced meanwhile). */
  lines(part: SlicedPart): AsyncGenerator<string>
}

/** A workload's line of the `workloads` part. */
export type StoredWorkloadFigures = Omit<WorkloadPreview, 'years' | 'months'>

/**
 * A stored plan with the inputs it was computed from, as {@link ProjectionService.planWithInputs} hands it out.
 * `workloads` are the stored workloads in plan order; `workloadFigures()` yields each one's line of the
 * `workloads` part (a {@link StoredWorkloadFigures} as JSON) in the same order, read a slice at a time.
 */
export interface PlanWithInputs
  extends Pick<StoredPlan, 'scenario' | 'portfolio' | 'head' | 'options' | 'months' | 'years'> {
  /** The price book the plan was computed with, and its version then (null: the organization cannot see it). */
  book: { id: string; version: number | null }
  /** The preview request the stored inputs stand for. */
  request: PreviewRequestInput
  workloads: readonly StoredWorkload[]
  workloadFigures(): AsyncGenerator<string>
}

/** Most scenarios one comparison shows. */
export const COMPARISON_LIMIT = 10

export type RecommendationView = {
  scenarioId: string
  recommendation: Record<string, unknown>
  options: unknown[]
  warnings: unknown[]
}

type Money = string
interface Head {
  baseline: { termSpend: Money }
  optimized: { termSpend: Money }
  fullyOptimized: { termSpend: Money }
  savings: { scheduled: Money; full: Money; scheduledRate: string; fullRate: string }
  waterfall: { lever: string; savings: Money }[]
  shapley: Record<string, Money>
  structure: 'term' | 'annual'
  recommendation: {
    commit: Money
    discountRate: string
    expectedPayment: Money
    expectedStranded: Money
    shortfallProbability: string
    years: { year: number; commit: Money; expectedPayment: Money; expectedStranded: Money }[]
  }
  warnings: { code: string; amount: Money | null }[]
}

function compareRow(scenario: StoredScenario, plan: { head: Record<string, unknown>; options: unknown[] }) {
  const head = plan.head as unknown as Head
  const options = plan.options as {
    kinds: string[]
    commit: Money
    expectedStranded: Money
    expectedPayment: Money
  }[]
  const warningCounts: Record<string, number> = {}
  for (const warning of head.warnings) warningCounts[warning.code] = (warningCounts[warning.code] ?? 0) + 1
  // An option may carry several kinds (equal amounts are listed once).
  const strandedBy = (kind: string) => options.find((o) => o.kinds.includes(kind))?.expectedStranded ?? null
  return {
    scenarioId: scenario.id,
    name: scenario.name,
    termMonths: scenario.term.months,
    structure: head.structure,
    baseline: head.baseline.termSpend,
    optimized: head.optimized.termSpend,
    fullyOptimized: head.fullyOptimized.termSpend,
    savings: head.savings,
    waterfall: head.waterfall.map((step) => ({ lever: step.lever, savings: step.savings })),
    shapley: head.shapley,
    recommendation: {
      commit: head.recommendation.commit,
      discountRate: head.recommendation.discountRate,
      expectedPayment: head.recommendation.expectedPayment,
      expectedStranded: head.recommendation.expectedStranded,
      shortfallProbability: head.recommendation.shortfallProbability,
      years: head.recommendation.years,
    },
    stranded: {
      recommended: head.recommendation.expectedStranded,
      proposed: strandedBy('proposed'),
      baseline: strandedBy('baseline'),
    },
    warningCounts,
  }
}

type ComparisonRow = ReturnType<typeof compareRow>

const lessThan = (a: Money, b: Money): boolean => dec(a).lt(dec(b))

function comparisonOf(portfolioId: string, rows: ComparisonRow[]) {
  let cheapest: ComparisonRow | undefined
  for (const row of rows) {
    if (!cheapest || lessThan(row.recommendation.expectedPayment, cheapest.recommendation.expectedPayment))
      cheapest = row
  }
  return {
    portfolioId,
    scenarios: rows,
    paysLeast: cheapest
      ? {
          scenarioId: cheapest.scenarioId,
          name: cheapest.name,
          expectedPayment: cheapest.recommendation.expectedPayment,
        }
      : null,
  }
}

export type ProjectionService = ReturnType<typeof createProjectionService>

import type { AuthContext } from '../../lib/auth-context.js'
import { AppError, ValidationError } from '../../lib/errors.js'
import { CHART_LIMITS } from '../../lib/limits.js'
import type { Tagged } from '../../lib/write-route.js'
import type { PlanPart } from '../plans/plan-body.js'
import type { PlanService } from '../plans/plans.service.js'
import type { ProjectionService } from '../projections/projections.service.js'
import {
  CHART_FILES,
  CHART_MEDIA_TYPES,
  type ChartFormat,
  type ChartName,
  type ChartPlan,
  parseChartFile,
} from './chart-plan.js'
import type { ChartQuery } from './charts.schemas.js'
import { svgToPng } from './png.js'
import { renderChart } from './render.js'

/**
 * Bumped whenever the drawing changes: part of every chart's ETag, so a client's cached chart is not kept
 * after a deploy that draws it differently.
 */
const CHART_DESIGN = 'd1'

/** The parts of a plan a chart is drawn from (never the per-workload ones). */
const CHART_PARTS: ReadonlySet<PlanPart> = new Set<PlanPart>(['months', 'years'])

/** A drawn chart: its bytes and their media type. */
export interface ChartImage {
  mediaType: string
  /** The SVG document, or the PNG's bytes. */
  bytes: string | Buffer
  /** The file name it is offered under (`waterfall.svg`). */
  fileName: string
}

export interface ChartServiceDeps {
  projections: Pick<ProjectionService, 'storedPlan'>
  plans: Pick<PlanService, 'preview' | 'admit'>
}

/** The chart a file name names; anything else is a 404 that lists the charts there are. */
function chartFileOf(file: string): { chart: ChartName; format: ChartFormat } {
  const parsed = parseChartFile(file)
  if (parsed) return parsed
  throw new AppError(
    404,
    'NOT_FOUND',
    'Not found',
    `There is no chart '${file.slice(0, 40)}': the charts are ${CHART_FILES.join(', ')}.`,
    [
      {
        in: 'path',
        pointer: '/chart',
        code: 'unknown_chart',
        detail: `must be one of ${CHART_FILES.join(', ')}`,
      },
    ],
  )
}

/** The PNG's pixel budget, checked before any work (width and height are bounded by the query schema). */
function checkPixels(format: ChartFormat, query: ChartQuery): void {
  if (format !== 'png') return
  const pixels = query.width * query.height * query.scale ** 2
  if (pixels <= CHART_LIMITS.maxPngPixels) return
  throw new ValidationError('The PNG would be too large.', [
    {
      in: 'query',
      pointer: '/scale',
      code: 'too_big',
      detail: `width × height × scale² is ${pixels.toLocaleString('en-US')} pixels; at most ${CHART_LIMITS.maxPngPixels.toLocaleString('en-US')} (3840×2160): lower the scale or the size`,
    },
  ])
}

/** A short spelling of what a chart is drawn as, for its ETag. */
function representationOf(chart: ChartName, format: ChartFormat, query: ChartQuery): string {
  const size = `${query.width}x${query.height}${format === 'png' ? `@${query.scale}` : ''}`
  return `chart.${CHART_DESIGN}.${chart}.${format}.${size}`
}

async function draw(
  chart: ChartName,
  format: ChartFormat,
  plan: ChartPlan,
  query: ChartQuery,
  scenarioName?: string,
) {
  const svg = renderChart(chart, plan, { width: query.width, height: query.height, scenarioName })
  const image: ChartImage = {
    mediaType: format === 'svg' ? `${CHART_MEDIA_TYPES.svg}; charset=utf-8` : CHART_MEDIA_TYPES.png,
    bytes: format === 'svg' ? svg : await svgToPng(svg, query.scale),
    fileName: `${chart}.${format}`,
  }
  return image
}

/**
 * Charts of a plan: a stored scenario's (its stored plan, computed once per input revision by the projection
 * service, with a strong ETag per revision and drawing) or a preview's (the preview request computed on the
 * worker pool as `POST /v1/plans/preview` computes it). Drawing is pure and takes milliseconds; a PNG is
 * rendered off the event loop.
 */
export function createChartService({ projections, plans }: ChartServiceDeps) {
  return {
    /** Claims one of the key's computation slots for a preview (see `PlanService.admit`). */
    admit(auth: AuthContext): () => void {
      return plans.admit(auth)
    },

    /**
     * A stored scenario's chart. `notModified` short-cuts a conditional read whose ETag still holds.
     * @throws NotFoundError for an unknown chart, portfolio or scenario (another organization's too)
     */
    async scenarioChart(
      auth: AuthContext,
      portfolioId: string,
      scenarioId: string,
      file: string,
      query: ChartQuery,
      notModified: (etag: string) => boolean,
    ): Promise<Tagged<ChartImage | null>> {
      const { chart, format } = chartFileOf(file)
      checkPixels(format, query)
      const stored = await projections.storedPlan(
        auth,
        portfolioId,
        scenarioId,
        representationOf(chart, format, query),
        notModified,
      )
      if (!stored.body) return { body: null, etag: stored.etag }
      const { head, months, years, options, scenario } = stored.body
      const plan: ChartPlan = { ...head, months, years, options }
      return { body: await draw(chart, format, plan, query, scenario.name), etag: stored.etag }
    },

    /**
     * A chart of an inline portfolio, stored nowhere: `body` is a preview request's raw bytes (validated on the
     * worker, as for the preview), computed on the slot the route claimed with {@link admit}.
     */
    async previewChart(
      auth: AuthContext,
      body: unknown,
      file: string,
      query: ChartQuery,
    ): Promise<ChartImage> {
      const { chart, format } = chartFileOf(file)
      checkPixels(format, query)
      const json = await plans.preview(auth, body, CHART_PARTS)
      return draw(chart, format, JSON.parse(json.toString('utf8')) as ChartPlan, query)
    },
  }
}

export type ChartService = ReturnType<typeof createChartService>

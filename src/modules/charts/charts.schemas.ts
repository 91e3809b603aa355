import { z } from 'zod'
import { CHART_LIMITS } from '../../lib/limits.js'
import { ScenarioParams } from '../scenarios/scenarios.schemas.js'
import { CHART_FILES } from './chart-plan.js'

// Bounded by the router (a path parameter of more than 200 characters is a 414), so that any other name is a 404.
const chartFile = z
  .string()
  .max(200)
  .describe(
    `The chart and its format, one of ${CHART_FILES.map((f) => `\`${f}\``).join(', ')}: the savings \`waterfall\`, ` +
      'the monthly `forecast` with the commitments, or the contract `years`; as SVG or PNG. Any other name is a 404 ' +
      'listing these.',
  )
  .meta({ example: 'waterfall.svg' })

/** A stored scenario's chart: `…/scenarios/{scenarioId}/charts/{chart}`. */
export const ScenarioChartParams = ScenarioParams.extend({ chart: chartFile })

/** A preview's chart: `/v1/plans/preview/charts/{chart}`. */
export const PreviewChartParams = z.object({ chart: chartFile })

/** Size of the drawing (and, for a PNG, its pixel density). */
export const ChartQuery = z.object({
  width: z.coerce
    .number()
    .int()
    .min(CHART_LIMITS.minWidth)
    .max(CHART_LIMITS.maxWidth)
    .default(CHART_LIMITS.defaultWidth)
    .describe(
      `Width in CSS pixels, ${CHART_LIMITS.minWidth}–${CHART_LIMITS.maxWidth} (default ${CHART_LIMITS.defaultWidth}). ` +
        'Below 640×400 the chart is laid out at that size and scaled down, a thumbnail.',
    ),
  height: z.coerce
    .number()
    .int()
    .min(CHART_LIMITS.minHeight)
    .max(CHART_LIMITS.maxHeight)
    .default(CHART_LIMITS.defaultHeight)
    .describe(
      `Height in CSS pixels, ${CHART_LIMITS.minHeight}–${CHART_LIMITS.maxHeight} (default ${CHART_LIMITS.defaultHeight}).`,
    ),
  scale: z.coerce
    .number()
    .int()
    .min(1)
    .max(CHART_LIMITS.maxScale)
    .default(1)
    .describe(
      `PNG only: device pixels per CSS pixel, 1–${CHART_LIMITS.maxScale} (default 1; 2 for a sharp slide). The image ` +
        `has width × scale by height × scale pixels, at most ${CHART_LIMITS.maxPngPixels.toLocaleString('en-US')} ` +
        '(3840×2160). Ignored for SVG, which scales by itself.',
    ),
})

export type ChartQuery = z.output<typeof ChartQuery>

/** The 200 answer of a chart route: an SVG document or a PNG image. */
export const ChartResponse = {
  description:
    'The chart: an SVG document (`image/svg+xml`, UTF-8, accessible title and description, every figure in ' +
    '`data-` attributes) or a PNG image, by the name’s extension.',
  content: {
    'image/svg+xml': { schema: z.string().describe('An SVG document.') },
    'image/png': { schema: z.string().describe('A PNG image (binary).') },
  },
}

import type { PlanPreview } from '../../domain/index.js'

/**
 * What a chart is drawn from: a presented plan (the `POST /v1/plans/preview` body, or a stored scenario's
 * projection) with its portfolio `months` and contract `years`; the per-workload figures are never needed.
 * Every figure is the plan's decimal string, so a chart can carry it unchanged in its `data-` attributes.
 */
export type ChartPlan = Omit<PlanPreview, 'workloads'>

/** The charts there are, in the order the report shows them. */
export const CHART_NAMES = ['waterfall', 'forecast', 'years'] as const
export type ChartName = (typeof CHART_NAMES)[number]

/** The image formats a chart is served in. */
export const CHART_FORMATS = ['svg', 'png'] as const
export type ChartFormat = (typeof CHART_FORMATS)[number]

/** Media type of each format. */
export const CHART_MEDIA_TYPES: Readonly<Record<ChartFormat, string>> = {
  svg: 'image/svg+xml',
  png: 'image/png',
}

/** Every file name a chart route answers, `waterfall.svg` … `years.png`. */
export const CHART_FILES: readonly string[] = CHART_NAMES.flatMap((name) =>
  CHART_FORMATS.map((format) => `${name}.${format}`),
)

/** The chart and format a file name asks for (`forecast.png`), or null when it names none. */
export function parseChartFile(file: string): { chart: ChartName; format: ChartFormat } | null {
  const dot = file.lastIndexOf('.')
  const chart = file.slice(0, dot) as ChartName
  const format = file.slice(dot + 1) as ChartFormat
  if (dot < 0 || !CHART_NAMES.includes(chart) || !CHART_FORMATS.includes(format)) return null
  return { chart, format }
}

/** How a chart is drawn: its size in CSS pixels, its title's context and a prefix for its element ids. */
export interface ChartOptions {
  /** Width of the drawing (the SVG's `width` and viewBox). */
  width: number
  /** Height of the drawing. */
  height: number
  /** The scenario's name, shown in the subtitle and the accessible title; none for a preview. */
  scenarioName?: string | undefined
  /**
   * Prefix of every `id` in the SVG (title, description, fill patterns), so several charts inlined in one
   * HTML page never share an id. Letters, digits and dashes; default `ccp-<chart>`.
   */
  idPrefix?: string | undefined
}

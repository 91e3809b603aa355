import type { ChartName, ChartOptions, ChartPlan } from './chart-plan.js'
import { forecastSvg } from './forecast.svg.js'
import { waterfallSvg } from './waterfall.svg.js'
import { yearsSvg } from './years.svg.js'

/**
 * Every chart's renderer: a pure function from a presented plan to an SVG document (no I/O, no clock, no
 * randomness — the same plan and options give the same bytes). The report embeds the same strings inline.
 */
export const CHART_RENDERERS: Readonly<
  Record<ChartName, (plan: ChartPlan, options: ChartOptions) => string>
> = {
  waterfall: waterfallSvg,
  forecast: forecastSvg,
  years: yearsSvg,
}

/** One chart of a plan as an SVG document. */
export function renderChart(chart: ChartName, plan: ChartPlan, options: ChartOptions): string {
  return CHART_RENDERERS[chart](plan, options)
}

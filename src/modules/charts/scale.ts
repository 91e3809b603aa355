/**
 * Value axes. Positions on the page are floating point (pixels are not money); the figures the chart shows and
 * carries in its `data-` attributes are the plan's decimal strings, untouched. A tick value is a small whole
 * multiple of a round step (1, 2, 2.5 or 5 × 10^k), which binary floating point holds exactly at these sizes.
 */

/** A money axis from 0 to `max` with its round ticks. */
export interface ValueAxis {
  /** The top of the axis (a whole number of steps, at or above every value drawn). */
  max: number
  /** The distance between two ticks. */
  step: number
  /** Tick values from 0 to `max`. */
  ticks: number[]
}

const STEPS = [1, 2, 2.5, 5]

/**
 * A money axis that starts at 0 (bars and spend lines always do: a truncated axis exaggerates differences) and
 * ends on the first round tick at or above `largest`, with the number of intervals closest to `target` (the
 * larger step on a tie). An axis of nothing (every value 0) still has a scale: $0 to $100.
 */
export function valueAxis(largest: number, target = 5): ValueAxis {
  const top = Number.isFinite(largest) && largest > 0 ? largest : 100
  const magnitude = 10 ** Math.floor(Math.log10(top / target))
  let best: { step: number; count: number } | undefined
  for (const scale of [magnitude / 10, magnitude, magnitude * 10]) {
    for (const s of STEPS) {
      const step = s * scale
      const count = Math.max(1, Math.ceil(top / step - 1e-9))
      const better =
        !best ||
        Math.abs(count - target) < Math.abs(best.count - target) ||
        (Math.abs(count - target) === Math.abs(best.count - target) && step > best.step)
      if (better) best = { step, count }
    }
  }
  const { step, count } = best!
  const ticks = Array.from({ length: count + 1 }, (_, i) => i * step)
  return { max: count * step, step, ticks }
}

/** How many tick intervals suit a plot this tall (about one per 60 pixels, 2 to 8). */
export const tickTarget = (plotHeight: number): number =>
  Math.max(2, Math.min(8, Math.round(plotHeight / 60)))

/** A linear map from [0, max] onto [bottom, top] in pixels (SVG's y grows downwards: bottom > top). */
export function linear(max: number, bottom: number, top: number): (value: number) => number {
  const span = max === 0 ? 1 : max
  return (value) => bottom - (value / span) * (bottom - top)
}

/** A decimal string as a number, for placing it on the page only. */
export const position = (figure: string): number => Number(figure)

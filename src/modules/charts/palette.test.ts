import { describe, expect, it } from 'vitest'
import { CHART_REQUESTS, chartPlanOf } from '../../../test/helpers/chart-plans.js'
import { findAll, parseSvg, type SvgNode } from '../../../test/helpers/svg.js'
import { CHART_NAMES } from './chart-plan.js'
import { COMMITMENT, contrast, INK, lightness, MIN_LIGHTNESS_STEP, SPEND, STEP } from './palette.js'
import { renderChart } from './render.js'

/** What a legend entry looks like in greyscale: its lightness, and its texture (dash pattern or fill pattern). */
interface Look {
  series: string
  kind: 'line' | 'area'
  lightness: number
  texture: string
}

/** The legend of a rendered chart as greyscale looks: each swatch's colour (a pattern's base colour) and texture. */
function legendLooks(svg: SvgNode): Look[] {
  const patterns = new Map(
    findAll(svg, (n) => n.name === 'pattern').map((p) => {
      const lines = p.children.filter((c) => c.name === 'line').length
      return [
        p.attrs.id!,
        { colour: p.children[0]!.attrs.fill!, texture: lines > 1 ? 'cross-hatch' : 'hatch' },
      ]
    }),
  )
  return findAll(svg, (n) => n.attrs.class === 'legend-item').map((item) => {
    const swatch = item.children[0]!
    if (swatch.name === 'line') {
      return {
        series: item.attrs['data-series']!,
        kind: 'line',
        lightness: lightness(swatch.attrs.stroke!),
        texture: `dash ${swatch.attrs['stroke-dasharray'] ?? 'solid'} width ${swatch.attrs['stroke-width']}`,
      }
    }
    const fill = swatch.attrs.fill!
    const pattern = /^url\(#(.+)\)$/.exec(fill)?.[1]
    const base = pattern ? patterns.get(pattern)! : { colour: fill, texture: 'solid' }
    return {
      series: item.attrs['data-series']!,
      kind: 'area',
      lightness: lightness(base.colour),
      texture: base.texture,
    }
  })
}

describe('colours that survive greyscale printing', () => {
  it('spend lines, and commitment lines, each differ in lightness by a margin', () => {
    const spend = [SPEND.baseline, SPEND.optimized, SPEND.fullyOptimized].map((s) => lightness(s.colour))
    const commitments = [COMMITMENT.recommended, COMMITMENT.proposed, COMMITMENT.baseline].map((s) =>
      lightness(s.colour),
    )
    for (const family of [spend, commitments]) {
      for (let i = 0; i < family.length; i++)
        for (let j = i + 1; j < family.length; j++)
          expect(Math.abs(family[i]! - family[j]!)).toBeGreaterThanOrEqual(MIN_LIGHTNESS_STEP)
    }
  })

  it('every line and mark has 3:1 contrast against white (WCAG 1.4.11), text 4.5:1', () => {
    for (const colour of [
      ...Object.values(SPEND).map((s) => s.colour),
      ...Object.values(COMMITMENT).map((s) => s.colour),
      ...Object.values(STEP),
    ])
      expect(contrast(colour, INK.background)).toBeGreaterThanOrEqual(3)
    expect(contrast(INK.text, INK.background)).toBeGreaterThanOrEqual(4.5)
    expect(contrast(INK.muted, INK.background)).toBeGreaterThanOrEqual(4.5)
  })

  for (const chart of CHART_NAMES) {
    it(`${chart}: every two legend entries of one kind differ in lightness or in texture`, () => {
      for (const request of [CHART_REQUESTS.threeLevers, CHART_REQUESTS.annual, CHART_REQUESTS.increase]) {
        const svg = parseSvg(renderChart(chart, chartPlanOf(request), { width: 960, height: 540 }))
        const looks = legendLooks(svg)
        expect(looks.length).toBeGreaterThanOrEqual(3)
        for (let i = 0; i < looks.length; i++) {
          for (let j = i + 1; j < looks.length; j++) {
            const [a, b] = [looks[i]!, looks[j]!]
            if (a.kind !== b.kind) continue
            const apart = Math.abs(a.lightness - b.lightness) >= MIN_LIGHTNESS_STEP || a.texture !== b.texture
            expect(apart, `${chart}: ${a.series} and ${b.series} look alike in greyscale`).toBe(true)
          }
        }
        // Lines never share a dash pattern, whatever their colours.
        const lines = looks.filter((l) => l.kind === 'line').map((l) => l.texture)
        expect(new Set(lines).size).toBe(lines.length)
      }
    })
  }
})

import { describe, expect, it } from 'vitest'
import { CHART_REQUESTS, chartPlanOf } from '../../../test/helpers/chart-plans.js'
import { allText, findAll, parseSvg, withAttr } from '../../../test/helpers/svg.js'
import { dec } from '../../domain/index.js'
import { labelBaseline, yearsSvg } from './years.svg.js'

const size = { width: 960, height: 540 }

describe('contract years chart', () => {
  const plan = chartPlanOf(CHART_REQUESTS.annual)
  const doc = parseSvg(yearsSvg(plan, size))

  it('carries each year’s baseline, optimized spend and simulated percentiles exactly', () => {
    expect(
      withAttr(doc, 'data-baseline').map((b) => [
        b.attrs['data-year'],
        b.attrs['data-start'],
        b.attrs['data-months'],
        b.attrs['data-baseline'],
      ]),
    ).toEqual(plan.years.map((y) => [String(y.year), y.start, String(y.months), y.baseline]))
    expect(
      withAttr(doc, 'data-optimized').map((b) => [
        b.attrs['data-optimized'],
        b.attrs['data-fully-optimized'],
      ]),
    ).toEqual(plan.years.map((y) => [y.optimized, y.fullyOptimized]))
    expect(
      withAttr(doc, 'data-p50').map((w) => [w.attrs['data-p10'], w.attrs['data-p50'], w.attrs['data-p90']]),
    ).toEqual(plan.years.map((y) => [y.percentiles.p10, y.percentiles.p50, y.percentiles.p90]))
  })

  it('draws each year’s own commitment under structure: annual', () => {
    for (const kind of ['recommended', 'proposed', 'baseline'] as const) {
      const option = plan.options.find((o) => o.kinds.includes(kind))!
      const levels = withAttr(doc, 'data-kind', kind).filter((n) => n.attrs['data-year'])
      expect(
        levels.map((l) => [l.attrs['data-year'], l.attrs['data-commit'], l.attrs['data-pro-rata']]),
      ).toEqual(option.years.map((y) => [String(y.year), y.commit, 'false']))
    }
    expect(allText(doc)).toContain('Year 3 (6 mo)')
    expect(doc.children.find((n) => n.name === 'desc')!.text).toContain(
      'Year 1 (Mar 2027 – Feb 2028): baseline $',
    )
  })

  it('under structure: term, the one commitment pro rata to each year, said so', () => {
    const term = chartPlanOf({
      ...CHART_REQUESTS.annual,
      commitment: { simulations: 200, proposedCommit: '1200000' },
    })
    expect(term.structure).toBe('term')
    const d = parseSvg(yearsSvg(term, size))
    const proposed = withAttr(d, 'data-kind', 'proposed')
    // 30 months: 12, 12 and 6 of 1,200,000 → 480,000, 480,000 and 240,000.
    expect(proposed.map((l) => [l.attrs['data-commit'], l.attrs['data-pro-rata']])).toEqual([
      ['480000', 'true'],
      ['480000', 'true'],
      ['240000', 'true'],
    ])
    expect(allText(d)).toContain('shown pro rata to each year')
  })

  it('a one-year term needs no pro rata: the year is the term', () => {
    const one = chartPlanOf(CHART_REQUESTS.threeLevers)
    const d = parseSvg(yearsSvg(one, size))
    const recommended = withAttr(d, 'data-kind', 'recommended').filter((n) => n.attrs['data-year'])
    expect(recommended.map((l) => [l.attrs['data-commit'], l.attrs['data-pro-rata']])).toEqual([
      [one.recommendation.commit, 'false'],
    ])
    expect(allText(d)).toContain('$201,181')
  })

  it('draws bars to scale from a zero base line', () => {
    const bars = [...withAttr(doc, 'data-baseline'), ...withAttr(doc, 'data-optimized')]
    const bottoms = new Set(bars.map((b) => Number(b.attrs.y) + Number(b.attrs.height)))
    expect(bottoms.size).toBe(1)
    const perDollar = Number(bars[0]!.attrs.height) / Number(plan.years[0]!.baseline)
    for (const bar of bars) {
      const figure = dec(bar.attrs['data-baseline'] ?? bar.attrs['data-optimized']!).toNumber()
      expect(Number(bar.attrs.height)).toBeCloseTo(figure * perDollar, 0)
    }
  })

  it('keeps bar labels off the commitment levels: above the lines that cross where the label would be', () => {
    const plans = {
      ...CHART_REQUESTS,
      termProposed: { ...CHART_REQUESTS.annual, commitment: { simulations: 200, proposedCommit: '1200000' } },
    }
    let moved = 0
    for (const [name, request] of Object.entries(plans)) {
      const d = parseSvg(yearsSvg(chartPlanOf(request), size))
      for (const group of findAll(d, (n) => n.attrs.class === 'year')) {
        const levels = group.children.filter((n) => n.name === 'line' && n.attrs['data-kind'])
        const labels = group.children.filter((n) => n.attrs.class === 'bar-label')
        for (const label of labels) {
          const bar = group.children.find(
            (n) => n.name === 'rect' && Object.hasOwn(n.attrs, `data-${label.attrs['data-for']}`),
          )!
          const baseline = Number(label.attrs.y)
          // The text's extent: digits and '$' reach ~0.72 em up, the comma and '$' ~0.2 em down.
          const box = { top: baseline - 11 * 0.75, bottom: baseline + 11 * 0.2 }
          for (const level of levels) {
            const ly = Number(level.attrs.y1)
            const half = Number(level.attrs['stroke-width']) / 2
            const overlaps = ly + half > box.top && ly - half < box.bottom
            expect(
              overlaps,
              `${name}, year ${group.attrs['data-year']}: ${label.text} on the ${level.attrs['data-kind']} level`,
            ).toBe(false)
          }
          // Still its bar's label: above it, on its centre.
          expect(baseline).toBeLessThan(Number(bar.attrs.y))
          expect(Number(label.attrs.x)).toBeCloseTo(Number(bar.attrs.x) + Number(bar.attrs.width) / 2, 1)
          if (baseline < Number(bar.attrs.y) - 7.5) moved++
        }
      }
    }
    // The worked example's recommendation (and the annual plan's first year's) runs just above the optimized bar.
    expect(moved).toBeGreaterThanOrEqual(2)
    // Every bar of the annual plan keeps its label.
    const annual = parseSvg(yearsSvg(plan, size))
    expect(findAll(annual, (n) => n.attrs.class === 'bar-label')).toHaveLength(2 * plan.years.length)
  })

  it('places a label above the lowest level it clears, or leaves it out when none leaves room below the top', () => {
    expect(labelBaseline(300, [], 90)).toBe(293)
    expect(labelBaseline(300, [250], 90)).toBe(293)
    const above = labelBaseline(300, [296], 90)!
    expect(above).toBeLessThan(296 - 1.5 - 2)
    // Two lines close together: it clears both, not squeezed between them.
    const both = labelBaseline(300, [296, 285], 90)!
    expect(both).toBeLessThan(285 - 1.5 - 2)
    expect(labelBaseline(100, [96], 90)).toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import { CHART_REQUESTS, chartPlanOf } from '../../../test/helpers/chart-plans.js'
import { allText, parseSvg, withAttr } from '../../../test/helpers/svg.js'
import { dec } from '../../domain/index.js'
import { yearsSvg } from './years.svg.js'

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
})

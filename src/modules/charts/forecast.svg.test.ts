import { describe, expect, it } from 'vitest'
import { CHART_REQUESTS, chartPlanOf } from '../../../test/helpers/chart-plans.js'
import { allText, findAll, parseSvg, withAttr } from '../../../test/helpers/svg.js'
import { dec } from '../../domain/index.js'
import { forecastSvg } from './forecast.svg.js'

const size = { width: 960, height: 540 }

describe('forecast chart', () => {
  const plan = chartPlanOf(CHART_REQUESTS.threeLevers)
  const doc = parseSvg(forecastSvg(plan, size))

  it('has a point per month and series, carrying the month and its exact figure', () => {
    for (const [series, attr] of [
      ['baseline', 'data-baseline'],
      ['optimized', 'data-optimized'],
      ['fullyOptimized', 'data-fully-optimized'],
    ] as const) {
      const points = withAttr(doc, attr).filter((n) => n.attrs['data-month'])
      expect(points.map((p) => [p.attrs['data-month'], p.attrs[attr]])).toEqual(
        plan.months.map((m) => [m.start.slice(0, 7), m[series]]),
      )
    }
    expect(withAttr(doc, 'data-month')[0]!.attrs['data-month']).toBe('2027-01')
  })

  it('draws the simulated P10–P90 of each contract year, spread over its months', () => {
    const bands = withAttr(doc, 'data-p10')
    expect(bands).toHaveLength(plan.years.length)
    const year = plan.years[0]!
    expect(bands[0]!.attrs).toMatchObject({
      'data-year': '1',
      'data-months': '12',
      'data-p10': year.percentiles.p10,
      'data-p50': year.percentiles.p50,
      'data-p90': year.percentiles.p90,
      'data-p10-monthly': dec(year.percentiles.p10).div(12).toDecimalPlaces(2).toFixed(2),
      'data-p90-monthly': dec(year.percentiles.p90).div(12).toDecimalPlaces(2).toFixed(2),
    })
  })

  it('draws the recommended, proposed and baseline-sized commitments as per-month levels', () => {
    const commitments = findAll(doc, (n) => n.attrs.class === 'commitment')
    expect(commitments.map((c) => c.attrs['data-kind'])).toEqual(['recommended', 'proposed', 'baseline'])
    for (const c of commitments) {
      const option = plan.options.find((o) => o.kinds.includes(c.attrs['data-kind'] as never))!
      expect(c.attrs['data-commit']).toBe(option.commit)
      expect(c.attrs['data-expected-stranded']).toBe(option.expectedStranded)
      // Under `structure: term` one level for the whole term: the commitment ÷ the term's months.
      const [segment, ...more] = withAttr(c, 'data-commit-monthly')
      expect(more).toEqual([])
      expect(segment!.attrs).toMatchObject({
        'data-year': '1',
        'data-first-month': '0',
        'data-months': '12',
        'data-commit': option.commit,
        'data-commit-monthly': dec(option.commit).div(12).toDecimalPlaces(2).toFixed(2),
      })
    }
    const text = allText(doc)
    expect(text).toContain('Recommended')
    expect(text).toContain('$62,957 commit')
    expect(text).toContain('$250,000 commit')
  })

  it('keeps a commitment above the forecast on the chart, the gap to the band visible', () => {
    const above = chartPlanOf(CHART_REQUESTS.aboveForecast)
    const d = parseSvg(forecastSvg(above, size))
    const proposed = findAll(
      d,
      (n) => n.attrs.class === 'commitment' && n.attrs['data-kind'] === 'proposed',
    )[0]!
    expect(proposed.attrs['data-commit']).toBe('900000')
    const level = withAttr(proposed, 'data-commit-monthly')[0]!
    const band = withAttr(d, 'data-p90')[0]!.children.find((n) => n.name === 'rect')!
    // Above the band's top (smaller y is higher), and inside the plot: the axis grew to hold it.
    expect(Number(level.attrs.y1)).toBeLessThan(Number(band.attrs.y))
    expect(Number(level.attrs.y1)).toBeGreaterThanOrEqual(84)
    expect(dec(proposed.attrs['data-expected-stranded']!).gt(0)).toBe(true)
    expect(d.children.find((n) => n.name === 'desc')!.text).toMatch(
      /proposed commitment is \$900,000, with \$[\d,]+ expected to be stranded/,
    )
  })

  it('under structure: annual, a level per contract year for every commitment', () => {
    const annual = chartPlanOf(CHART_REQUESTS.annual)
    expect(annual.structure).toBe('annual')
    const d = parseSvg(forecastSvg(annual, size))
    expect(d.attrs['data-structure']).toBe('annual')
    const proposed = findAll(
      d,
      (n) => n.attrs.class === 'commitment' && n.attrs['data-kind'] === 'proposed',
    )[0]!
    const segments = withAttr(proposed, 'data-commit-monthly')
    expect(
      segments.map((s) => [
        s.attrs['data-year'],
        s.attrs['data-first-month'],
        s.attrs['data-months'],
        s.attrs['data-commit'],
      ]),
    ).toEqual([
      ['1', '0', '12', '700000'],
      ['2', '12', '12', '700000'],
      ['3', '24', '6', '350000'],
    ])
    expect(segments.map((s) => s.attrs['data-commit-monthly'])).toEqual(['58333.33', '58333.33', '58333.33'])
    const recommended = findAll(
      d,
      (n) => n.attrs.class === 'commitment' && n.attrs['data-kind'] === 'recommended',
    )[0]!
    const option = annual.options.find((o) => o.kinds.includes('recommended'))!
    expect(withAttr(recommended, 'data-commit-monthly').map((s) => s.attrs['data-commit'])).toEqual(
      option.years.map((y) => y.commit),
    )
    expect(withAttr(d, 'data-p10')).toHaveLength(3)
    expect(allText(d)).toContain('Year 3')
  })

  it('labels months under the axis, with the year under the first month and each January', () => {
    const annual = parseSvg(forecastSvg(chartPlanOf(CHART_REQUESTS.annual), size))
    const axis = findAll(annual, (n) => n.attrs.class === 'x-axis')[0]!
    const labels = axis.children.filter((n) => n.name === 'text').map((n) => n.text)
    expect(labels.slice(0, 2)).toEqual(['Mar', '2027'])
    expect(labels).toContain('2028')
    expect(labels).toContain('2029')
  })

  it('is deterministic', () => {
    expect(forecastSvg(plan, size)).toBe(forecastSvg(chartPlanOf(CHART_REQUESTS.threeLevers), size))
  })
})

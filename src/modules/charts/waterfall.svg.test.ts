import { describe, expect, it } from 'vitest'
import { CHART_REQUESTS, chartPlanOf, HOSTILE_NAME } from '../../../test/helpers/chart-plans.js'
import { allText, parseSvg, withAttr } from '../../../test/helpers/svg.js'
import { waterfallSvg } from './waterfall.svg.js'

const size = { width: 960, height: 540 }

describe('waterfall chart', () => {
  const plan = chartPlanOf(CHART_REQUESTS.threeLevers)
  const svg = waterfallSvg(plan, { ...size, scenarioName: 'Optimize first' })
  const doc = parseSvg(svg)

  it('is an accessible SVG image: role, title and description named by aria-labelledby', () => {
    expect(doc.name).toBe('svg')
    expect(doc.attrs).toMatchObject({ role: 'img', width: '960', height: '540', viewBox: '0 0 960 540' })
    const [titleId, descId] = doc.attrs['aria-labelledby']!.split(' ')
    const title = doc.children.find((n) => n.name === 'title')!
    const desc = doc.children.find((n) => n.name === 'desc')!
    expect(title.attrs.id).toBe(titleId)
    expect(desc.attrs.id).toBe(descId)
    expect(title.text).toBe(
      'Savings waterfall of Optimize first: Levers cut term spend from $201,181 to $52,484 (−73.9%)',
    )
    // The key figures in words: the baseline, each lever's saving and share, the optimized and fully optimized spend.
    expect(desc.text).toContain('Baseline: $201,181.')
    expect(desc.text).toContain('Routing saves $48,284 (24.0% of the baseline)')
    expect(desc.text).toContain('Optimized as scheduled: $52,484, a saving of $148,698 (73.9%).')
    expect(desc.text).toContain('Fully optimized from the first month: $49,443.')
  })

  it('carries every figure of the plan exactly in data- attributes', () => {
    expect(doc.attrs['data-baseline']).toBe(plan.baseline.termSpend)
    expect(doc.attrs['data-optimized']).toBe(plan.optimized.termSpend)
    expect(doc.attrs['data-fully-optimized']).toBe(plan.fullyOptimized.termSpend)
    expect(doc.attrs['data-savings-rate']).toBe(plan.savings.scheduledRate)
    const bars = withAttr(doc, 'data-bar')
    expect(bars.map((b) => b.attrs['data-bar'])).toEqual(['baseline', 'step', 'step', 'step', 'optimized'])
    expect(bars[0]!.attrs['data-spend']).toBe(plan.baseline.termSpend)
    expect(bars.at(-1)!.attrs['data-spend']).toBe(plan.optimized.termSpend)
    expect(bars.at(-1)!.attrs['data-savings']).toBe(plan.savings.scheduled)
    const steps = bars.filter((b) => b.attrs['data-bar'] === 'step')
    expect(
      steps.map((s) => ({
        lever: s.attrs['data-lever'],
        spendBefore: s.attrs['data-spend-before'],
        spendAfter: s.attrs['data-spend-after'],
        savings: s.attrs['data-savings'],
      })),
    ).toEqual(plan.waterfall)
    // The share of the baseline each step saves, to six decimals: 48283.52 / 201181.35.
    expect(steps[0]!.attrs['data-savings-rate']).toBe('0.240000')
    expect(withAttr(doc, 'data-fully-optimized', plan.fullyOptimized.termSpend)).toHaveLength(2)
  })

  it('draws the bars to scale: each step spans its two spend levels', () => {
    const bars = withAttr(doc, 'data-bar')
    const baseline = bars[0]!
    const bottom = Number(baseline.attrs.y) + Number(baseline.attrs.height)
    const perDollar = Number(baseline.attrs.height) / Number(plan.baseline.termSpend)
    for (const step of bars.filter((b) => b.attrs['data-bar'] === 'step')) {
      const top = bottom - Number(step.attrs['data-spend-before']) * perDollar
      const height =
        (Number(step.attrs['data-spend-before']) - Number(step.attrs['data-spend-after'])) * perDollar
      expect(Number(step.attrs.y)).toBeCloseTo(top, 0)
      expect(Number(step.attrs.height)).toBeCloseTo(height, 0)
    }
  })

  it('labels bars in dollars and percent, and the levers by name and schedule', () => {
    const text = allText(doc)
    for (const label of ['$201,181', '−$48,284', '−24.0%', '$52,484', '−73.9% vs baseline'])
      expect(text).toContain(label)
    for (const label of [
      'Baseline',
      'Routing',
      'Prompt caching',
      'Batch API',
      'Optimized',
      'from Feb 2027, 2-mo ramp',
    ])
      expect(text).toContain(label)
    // Axis ticks are abbreviated and round.
    expect(text).toMatch(/\$0 .*\$50K .*\$100K .*\$150K .*\$200K/)
  })

  it('draws a step that costs money as an increase, upwards, with its own pattern', () => {
    const increase = chartPlanOf(CHART_REQUESTS.increase)
    expect(increase.waterfall[0]!.savings.startsWith('-')).toBe(true)
    const d = parseSvg(waterfallSvg(increase, size))
    const step = withAttr(d, 'data-lever', 'caching')[0]!
    expect(step.attrs.fill).toBe('url(#ccp-waterfall-hatch-increase)')
    expect(step.attrs['data-savings']).toBe(increase.waterfall[0]!.savings)
    expect(allText(d)).toContain('Increase')
    expect(d.children.find((n) => n.name === 'desc')!.text).toMatch(/Prompt caching adds \$[\d,]+ \(/)
  })

  it('a plan without levers is the baseline and the optimized bar', () => {
    const d = parseSvg(waterfallSvg(chartPlanOf(CHART_REQUESTS.noLevers), size))
    expect(withAttr(d, 'data-bar').map((b) => b.attrs['data-bar'])).toEqual(['baseline', 'optimized'])
    expect(allText(d)).toContain('no lever in this plan')
  })

  it('escapes a hostile scenario name everywhere it appears', () => {
    const hostile = waterfallSvg(plan, { ...size, scenarioName: HOSTILE_NAME })
    expect(hostile).not.toContain('<script')
    expect(hostile).not.toContain(HOSTILE_NAME)
    const d = parseSvg(hostile)
    expect(d.children.find((n) => n.name === 'title')!.text).toContain(HOSTILE_NAME)
    expect(allText(d)).toContain('</text><script>alert("x")</script> & R&D')
  })

  it('is deterministic and keeps its ids under the prefix asked for', () => {
    expect(waterfallSvg(plan, { ...size, scenarioName: 'Optimize first' })).toBe(svg)
    const prefixed = waterfallSvg(plan, { ...size, idPrefix: 'report-2-waterfall' })
    const ids = [...prefixed.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]!)
    expect(ids.length).toBeGreaterThan(3)
    for (const id of ids) expect(id.startsWith('report-2-waterfall-')).toBe(true)
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('lays a small chart out at the design size and scales it down', () => {
    const d = parseSvg(waterfallSvg(plan, { width: 320, height: 200 }))
    expect(d.attrs).toMatchObject({ width: '320', height: '200', viewBox: '0 0 640 400' })
  })
})

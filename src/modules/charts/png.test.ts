import { describe, expect, it } from 'vitest'
import { CHART_REQUESTS, chartPlanOf } from '../../../test/helpers/chart-plans.js'
import { decodePng, inkOf } from '../../../test/helpers/png.js'
import { fontSource, svgToPng } from './png.js'
import { waterfallSvg } from './waterfall.svg.js'

describe('PNG rendering', () => {
  const svg = waterfallSvg(chartPlanOf(CHART_REQUESTS.threeLevers), { width: 960, height: 540 })

  it('renders a decodable PNG of the SVG’s size, scaled on request', async () => {
    const png = decodePng(await svgToPng(svg, 1))
    expect([png.width, png.height]).toEqual([960, 540])
    const sharp = decodePng(await svgToPng(svg, 2))
    expect([sharp.width, sharp.height]).toEqual([1920, 1080])
  })

  it('is not blank: bars, lines and text put ink on a good part of the image, in several colours', async () => {
    const { inked, colours } = inkOf(decodePng(await svgToPng(svg, 1)))
    expect(inked / (960 * 540)).toBeGreaterThan(0.08)
    expect(colours).toBeGreaterThan(50)
  })

  it('draws text: a font was found (the same drawing without its text has less ink)', async () => {
    expect(fontSource().files.length > 0 || fontSource().system).toBe(true)
    const withText = inkOf(decodePng(await svgToPng(svg, 1))).inked
    const withoutText = inkOf(
      decodePng(await svgToPng(svg.replace(/<text\b[^>]*>[^<]*<\/text>/g, ''), 1)),
    ).inked
    expect(withText - withoutText).toBeGreaterThan(5_000)
  })

  it('is the same bytes for the same SVG', async () => {
    expect((await svgToPng(svg, 1)).equals(await svgToPng(svg, 1))).toBe(true)
  })
})

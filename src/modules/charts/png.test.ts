import { basename, join } from 'node:path'
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
    const withText = inkOf(decodePng(await svgToPng(svg, 1))).inked
    const withoutText = inkOf(
      decodePng(await svgToPng(svg.replace(/<text\b[^>]*>[^<]*<\/text>/g, ''), 1)),
    ).inked
    expect(withText - withoutText).toBeGreaterThan(5_000)
  })

  it('draws with the bundled Open Sans only, never the system’s fonts: the same PNG on every machine', async () => {
    const source = fontSource()
    expect(source.system).toBe(false)
    expect(source.files.map((f) => basename(f))).toEqual(['OpenSans_400Regular.ttf', 'OpenSans_700Bold.ttf'])
    for (const file of source.files)
      expect(file).toContain(join('node_modules', '@expo-google-fonts', 'open-sans'))
    const line = (family: string, weight = 400) =>
      svgToPng(
        `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="40"><text x="8" y="28" font-size="20" font-weight="${weight}" font-family="${family}">Commit $62,957 −73.9%</text></svg>`,
        1,
      )
    const openSans = await line('Open Sans')
    expect(inkOf(decodePng(openSans)).inked).toBeGreaterThan(500)
    // A family the system may have (DejaVu Sans is on Debian) or nobody has is drawn in Open Sans all the same.
    for (const family of ['DejaVu Sans', 'Arial', 'sans-serif', 'serif', 'monospace', 'No Such Font'])
      expect((await line(family)).equals(openSans), family).toBe(true)
    // And bold is the bundled bold, not a synthesized or system one.
    expect((await line('Open Sans', 700)).equals(openSans)).toBe(false)
  })

  it('is the same bytes for the same SVG', async () => {
    expect((await svgToPng(svg, 1)).equals(await svgToPng(svg, 1))).toBe(true)
  })
})

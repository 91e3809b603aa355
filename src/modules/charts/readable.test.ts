import { describe, expect, it } from 'vitest'
import { CHART_REQUESTS, chartPlanOf } from '../../../test/helpers/chart-plans.js'
import { findAll, parseSvg, type SvgNode } from '../../../test/helpers/svg.js'
import type { ChartName } from './chart-plan.js'
import { CHART_RENDERERS } from './render.js'

/**
 * What makes every chart readable, checked on every chart of every test plan, at the default size and as a
 * thumbnail: an accessible name and description, a money axis from $0 in round steps, a legend, text no
 * smaller than 11 px of the layout, and no piece of text outside the drawing or on top of another.
 */

const CHARTS = Object.keys(CHART_RENDERERS) as ChartName[]
const SIZES = [
  { width: 960, height: 540 },
  { width: 320, height: 200 },
]

/** A text element's box, estimated from its font size (Open Sans: ~0.57 em a character, 0.72 em tall digits). */
interface Box {
  text: string
  left: number
  right: number
  top: number
  bottom: number
}

function boxOf(node: SvgNode): Box {
  const size = Number(node.attrs['font-size'])
  const width = [...node.text].length * size * 0.57
  const x = Number(node.attrs.x)
  const y = Number(node.attrs.y)
  const anchor = node.attrs['text-anchor'] ?? 'start'
  const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x
  return { text: node.text, left, right: left + width, top: y - size * 0.72, bottom: y + size * 0.18 }
}

const overlap = (a: Box, b: Box) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom

describe.each(CHARTS)('%s chart: readable', (chart) => {
  for (const size of SIZES) {
    for (const [name, request] of Object.entries(CHART_REQUESTS)) {
      it(`${name}, ${size.width}×${size.height}`, () => {
        const doc = parseSvg(CHART_RENDERERS[chart](chartPlanOf(request), { ...size, scenarioName: name }))
        // Named and described.
        expect(doc.attrs.role).toBe('img')
        const [titleId, descId] = doc.attrs['aria-labelledby']!.split(' ')
        const title = doc.children.find((n) => n.name === 'title')!
        const desc = doc.children.find((n) => n.name === 'desc')!
        expect([title.attrs.id, desc.attrs.id]).toEqual([titleId, descId])
        expect(title.text).toContain(name)
        expect(desc.text).toMatch(/\$\d[\d,]*/)

        const [, , vw, vh] = doc.attrs.viewBox!.split(' ').map(Number) as [number, number, number, number]
        const texts = findAll(doc, (n) => n.name === 'text' && n.text !== '')
        for (const node of texts) {
          expect(Number(node.attrs['font-size']), node.text).toBeGreaterThanOrEqual(11)
          const box = boxOf(node)
          expect(box.left, `${node.text} inside the drawing`).toBeGreaterThanOrEqual(0)
          expect(box.right, `${node.text} inside the drawing`).toBeLessThanOrEqual(vw)
          expect(box.top).toBeGreaterThanOrEqual(0)
          expect(box.bottom).toBeLessThanOrEqual(vh)
        }
        const boxes = texts.map(boxOf)
        const clashes = boxes.flatMap((a, i) =>
          boxes.slice(i + 1).flatMap((b) => (overlap(a, b) ? [`“${a.text}” on “${b.text}”`] : [])),
        )
        expect(clashes).toEqual([])

        // A money axis from $0, in round steps.
        const ticks = findAll(doc, (n) => n.attrs.class === 'tick').map((t) => Number(t.attrs['data-value']))
        expect(ticks[0]).toBe(0)
        expect(ticks.length).toBeGreaterThanOrEqual(3)
        const step = ticks[1]!
        for (const [i, tick] of ticks.entries()) expect(tick).toBeCloseTo(i * step, 6)
        expect(findAll(doc, (n) => n.attrs.class === 'y-axis')[0]!.children[0]!.children.at(-1)!.text).toBe(
          '$0',
        )

        // A legend of at least two named entries.
        const legend = findAll(doc, (n) => n.attrs.class === 'legend-item')
        expect(legend.length).toBeGreaterThanOrEqual(2)
        for (const item of legend) expect(item.children.find((n) => n.name === 'text')!.text).not.toBe('')
      })
    }
  }
})

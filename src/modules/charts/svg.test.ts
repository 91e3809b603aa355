import { describe, expect, it } from 'vitest'
import { el, escapeXml, fitText, num, text } from './svg.js'

describe('SVG text', () => {
  it('escapes the five markup characters in text and attributes', () => {
    expect(escapeXml(`</text><script>alert("x")</script> & 'R&D'`)).toBe(
      '&lt;/text&gt;&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;R&amp;D&#39;',
    )
    expect(text({ x: 1, 'data-name': '"><script>' }, '<b>&amp;</b>')).toBe(
      '<text x="1" data-name="&quot;&gt;&lt;script&gt;">&lt;b&gt;&amp;amp;&lt;/b&gt;</text>',
    )
  })

  it('replaces characters XML cannot hold, keeps every other character', () => {
    expect(escapeXml('a\u0000b\u0007c\u001Fd\uFFFEe')).toBe('a\uFFFDb\uFFFDc\uFFFDd\uFFFDe')
    expect(escapeXml('lone \uD800 high, lone \uDC00 low')).toBe('lone \uFFFD high, lone \uFFFD low')
    expect(escapeXml('tab\tLF\nCR\r 😀 ünïcødé €')).toBe('tab\tLF\nCR\r 😀 ünïcødé €')
  })

  it('writes coordinates with at most two decimals, never -0 or an exponent', () => {
    expect([num(1 / 3), num(-0.001), num(1e-7), num(123456.789), num(2)]).toEqual([
      '0.33',
      '0',
      '0',
      '123456.79',
      '2',
    ])
    expect(() => num(Number.NaN)).toThrow()
  })

  it('leaves out attributes without a value and self-closes empty elements', () => {
    expect(el('line', { x1: 0, 'stroke-dasharray': undefined, hidden: false, 'data-x': null })).toBe(
      '<line x1="0"/>',
    )
    expect(el('g', {}, '', null, el('rect'))).toBe('<g><rect/></g>')
  })

  it('cuts text that would not fit, with an ellipsis', () => {
    expect(fitText('Prompt caching', 200, 12)).toBe('Prompt caching')
    expect(fitText('from Feb 2027, 2-mo ramp', 60, 10)).toBe('from Feb…')
  })
})

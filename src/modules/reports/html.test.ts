import { describe, expect, it } from 'vitest'
import { escapeHtml, Html, html, join, jsonDataBlock, styleElement } from './html.js'

describe('html', () => {
  it('escapes every interpolated text, in content and in quoted attributes', () => {
    const name = `<script>alert("x")</script> & 'y' \`z\``
    expect(html`<td title="${name}">${name}</td>`.markup).toBe(
      '<td title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;">' +
        '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;z&#96;</td>',
    )
  })

  it('replaces characters HTML cannot carry, keeps the rest of Unicode', () => {
    expect(escapeHtml('a\u0000b\u0007c\u009bd\uD800e — ✓ 😀\t\n')).toBe(
      'a\uFFFDb\uFFFDc\uFFFDd\uFFFDe — ✓ 😀\t\n',
    )
  })

  it('writes Html as it is, lists joined, nothing for null, undefined and false', () => {
    const inner = html`<b>${'<i>'}</b>`
    expect(html`<p>${inner}${[inner, 'x', null]}${undefined}${false}${0}</p>`.markup).toBe(
      '<p><b>&lt;i&gt;</b><b>&lt;i&gt;</b>x0</p>',
    )
    expect(join(['a', '', null, inner], ', ').markup).toBe('a, <b>&lt;i&gt;</b>')
  })

  it('makes no Html out of a plain string or a look-alike object', () => {
    expect(() => new Html(Symbol('html'), '<script>')).toThrow()
    const fake = { markup: '<script>' } as unknown as Html
    expect(html`${fake}`.markup).toBe('[object Object]')
  })

  it('writes a JSON data block that no value can close or break', () => {
    const block = jsonDataBlock('d', { name: '</script><script>alert(1)</script> & \u2028' }).markup
    expect(block).toBe(
      '<script type="application/json" id="d">{"name":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 \\u2028"}</script>',
    )
    const json = block.slice(block.indexOf('>') + 1, block.lastIndexOf('<'))
    expect(JSON.parse(json)).toEqual({ name: '</script><script>alert(1)</script> & \u2028' })
  })

  it('refuses a stylesheet that could end its element', () => {
    expect(styleElement("body { font-family: 'A' }").markup).toBe("<style>body { font-family: 'A' }</style>")
    expect(() => styleElement('</STYLE><script>')).toThrow()
  })
})

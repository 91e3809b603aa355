/**
 * Glyph outlines of a TrueType font program (the `glyf` flavour Chromium embeds in a PDF as FontFile2), as SVG path
 * data in font units, y up — what the PDF rasterizer of the tests fills for each glyph of a text run. Simple and
 * composite glyphs, as the OpenType specification's `glyf` table describes them; hinting is ignored.
 */
export class TrueTypeFont {
  readonly unitsPerEm: number
  private readonly tables = new Map<string, { offset: number; length: number }>()
  private readonly longOffsets: boolean
  private readonly glyphCount: number
  private readonly cache = new Map<number, string>()

  constructor(private readonly data: Buffer) {
    const tableCount = data.readUInt16BE(4)
    for (let i = 0; i < tableCount; i++) {
      const record = 12 + 16 * i
      this.tables.set(data.toString('latin1', record, record + 4), {
        offset: data.readUInt32BE(record + 8),
        length: data.readUInt32BE(record + 12),
      })
    }
    const head = this.table('head')
    this.unitsPerEm = data.readUInt16BE(head + 18)
    this.longOffsets = data.readInt16BE(head + 50) === 1
    this.glyphCount = data.readUInt16BE(this.table('maxp') + 4)
  }

  private table(tag: string): number {
    const table = this.tables.get(tag)
    if (!table) throw new Error(`TrueType: no '${tag}' table (a CFF font is not supported)`)
    return table.offset
  }

  /** Where glyph `gid`'s data lies in `glyf`, or null for an empty glyph. */
  private glyphRange(gid: number): { start: number; end: number } | null {
    if (gid >= this.glyphCount) return null
    const loca = this.table('loca')
    const at = (i: number) =>
      this.longOffsets ? this.data.readUInt32BE(loca + 4 * i) : this.data.readUInt16BE(loca + 2 * i) * 2
    const start = at(gid)
    const end = at(gid + 1)
    if (end <= start) return null
    const glyf = this.table('glyf')
    return { start: glyf + start, end: glyf + end }
  }

  /** The outline of glyph `gid` as SVG path data (font units, y up); empty for a blank glyph. */
  path(gid: number): string {
    let path = this.cache.get(gid)
    if (path === undefined) {
      path = this.outline(gid, [1, 0, 0, 1, 0, 0], 0)
      this.cache.set(gid, path)
    }
    return path
  }

  private outline(gid: number, m: readonly number[], depth: number): string {
    if (depth > 8) throw new Error('TrueType: composite glyphs nested too deeply')
    const range = this.glyphRange(gid)
    if (!range) return ''
    const d = this.data
    const contours = d.readInt16BE(range.start)
    return contours >= 0 ? this.simple(range.start, contours, m) : this.composite(range.start + 10, m, depth)
  }

  private simple(start: number, contours: number, m: readonly number[]): string {
    const d = this.data
    const ends: number[] = []
    for (let i = 0; i < contours; i++) ends.push(d.readUInt16BE(start + 10 + 2 * i))
    const points = contours === 0 ? 0 : ends[ends.length - 1]! + 1
    let p = start + 10 + 2 * contours
    p += 2 + d.readUInt16BE(p) // instructions
    const flags: number[] = []
    while (flags.length < points) {
      const flag = d[p++]!
      flags.push(flag)
      if (flag & 8) {
        let repeat = d[p++]!
        while (repeat-- > 0) flags.push(flag)
      }
    }
    const coordinates = (shortBit: number, sameBit: number) => {
      const out: number[] = []
      let value = 0
      for (const flag of flags) {
        if (flag & shortBit) {
          const delta = d[p++]!
          value += flag & sameBit ? delta : -delta
        } else if (!(flag & sameBit)) {
          value += d.readInt16BE(p)
          p += 2
        }
        out.push(value)
      }
      return out
    }
    const xs = coordinates(2, 16)
    const ys = coordinates(4, 32)
    const [a, b, c, e, f, g] = m as [number, number, number, number, number, number]
    const pt = (i: number): [number, number] => [a * xs[i]! + c * ys[i]! + f, b * xs[i]! + e * ys[i]! + g]
    const fmt = (x: number, y: number) => `${Math.round(x * 100) / 100} ${Math.round(y * 100) / 100}`
    let path = ''
    let first = 0
    for (const last of ends) {
      const indices = Array.from({ length: last - first + 1 }, (_, k) => first + k)
      first = last + 1
      if (indices.length === 0) continue
      const on = (i: number) => (flags[i]! & 1) === 1
      // Start on an on-curve point (or the midpoint of two off-curve ones).
      const startAt = indices.findIndex(on)
      const ordered = startAt < 0 ? indices : [...indices.slice(startAt), ...indices.slice(0, startAt)]
      let [sx, sy] = pt(ordered[0]!)
      if (startAt < 0) {
        const [nx, ny] = pt(ordered[1 % ordered.length]!)
        ;[sx, sy] = [(sx + nx) / 2, (sy + ny) / 2]
      }
      path += `M${fmt(sx, sy)}`
      let control: [number, number] | null = null
      for (let k = 1; k <= ordered.length; k++) {
        const i = ordered[k % ordered.length]!
        const point = pt(i)
        const closing = k === ordered.length
        if (on(i)) {
          path += control ? `Q${fmt(...control)} ${fmt(...point)}` : `L${fmt(...point)}`
          control = null
        } else if (control) {
          const mid: [number, number] = [(control[0] + point[0]) / 2, (control[1] + point[1]) / 2]
          path += `Q${fmt(...control)} ${fmt(...mid)}`
          control = point
        } else control = point
        if (closing && control) path += `Q${fmt(...control)} ${fmt(sx, sy)}`
      }
      path += 'Z'
    }
    return path
  }

  private composite(start: number, m: readonly number[], depth: number): string {
    const d = this.data
    let p = start
    let path = ''
    for (;;) {
      const flags = d.readUInt16BE(p)
      const gid = d.readUInt16BE(p + 2)
      p += 4
      let dx: number
      let dy: number
      if (flags & 1) {
        dx = d.readInt16BE(p)
        dy = d.readInt16BE(p + 2)
        p += 4
      } else {
        dx = d.readInt8(p)
        dy = d.readInt8(p + 1)
        p += 2
      }
      if (!(flags & 2)) throw new Error('TrueType: composite glyphs placed by points are not supported')
      const f2dot14 = (at: number) => d.readInt16BE(at) / 16384
      let [sa, sb, sc, sd] = [1, 0, 0, 1]
      if (flags & 8) {
        sa = sd = f2dot14(p)
        p += 2
      } else if (flags & 0x40) {
        sa = f2dot14(p)
        sd = f2dot14(p + 2)
        p += 4
      } else if (flags & 0x80) {
        ;[sa, sb, sc, sd] = [f2dot14(p), f2dot14(p + 2), f2dot14(p + 4), f2dot14(p + 6)]
        p += 8
      }
      // The component's matrix, then the parent's.
      const [a, b, c, e, f, g] = m as [number, number, number, number, number, number]
      const child = [
        a * sa + c * sb,
        b * sa + e * sb,
        a * sc + c * sd,
        b * sc + e * sd,
        a * dx + c * dy + f,
        b * dx + e * dy + g,
      ]
      path += this.outline(gid, child, depth + 1)
      if (!(flags & 0x20)) return path
    }
  }
}

import type { Page } from 'playwright-core'
import {
  contentTokens,
  PdfDict,
  type PdfDocument,
  PdfName,
  PdfRef,
  PdfString,
  type PdfValue,
  readPdf,
} from './pdf.js'
import { TrueTypeFont } from './truetype.js'

/**
 * Renders the pages of a PDF Chromium printed to PNG images, with nothing installed: the content streams are
 * interpreted here (paths, fills, strokes, clips, images, tiling patterns, form XObjects, and text drawn from the
 * embedded TrueType outlines) into drawing commands, which the same Chromium replays on a canvas. It covers what
 * Skia's PDF backend writes for an HTML page; an operator or a feature outside that is collected in `unsupported`,
 * so a test can insist the rendering is complete rather than trust a picture with holes in it.
 */

/** A 2-D affine matrix `[a b c d e f]` (x' = a·x + c·y + e, y' = b·x + d·y + f), as PDF and the canvas write it. */
export type Matrix = [number, number, number, number, number, number]

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0]

/** `first` then `second` (PDF's row-vector order: the result maps a point by `first`, then by `second`). */
export function multiply(first: Matrix, second: Matrix): Matrix {
  const [a, b, c, d, e, f] = first
  const [A, B, C, D, E, F] = second
  return [a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F]
}

export function invert([a, b, c, d, e, f]: Matrix): Matrix {
  const det = a * d - b * c
  if (det === 0) return [0, 0, 0, 0, 0, 0]
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det]
}

/** How a fill or a stroke is painted: a CSS colour, or a tiling pattern placed by a matrix (tile pixels → user space). */
type Paint = string | { pattern: string; transform: Matrix }

/** One drawing command for the canvas; every matrix maps the command's user space to the page (or tile) space. */
type Command =
  | { op: 'save' }
  | { op: 'restore' }
  | { op: 'clip'; m: Matrix; d: string; rule: 'nonzero' | 'evenodd' }
  | { op: 'fill'; m: Matrix; d: string; rule: 'nonzero' | 'evenodd'; paint: Paint; alpha: number }
  | {
      op: 'stroke'
      m: Matrix
      d: string
      paint: Paint
      alpha: number
      width: number
      cap: number
      join: number
      miter: number
      dash: number[]
      phase: number
    }
  | { op: 'glyph'; m: Matrix; glyph: string; paint: Paint; alpha: number }
  | { op: 'image'; m: Matrix; image: string; alpha: number }

/** A tiling pattern's tile: its size in pixels and what is drawn on it (tile pixel space). */
interface Tile {
  width: number
  height: number
  base: Matrix
  commands: Command[]
}

/** Everything the canvas needs for one page (glyphs, images and tiles: those not sent with an earlier page). */
export interface RasterJob {
  /** The document's first page: the browser forgets what earlier documents sent. */
  first: boolean
  width: number
  height: number
  base: Matrix
  commands: Command[]
  glyphs: Record<string, string>
  images: Record<string, { width: number; height: number; rgba: string }>
  tiles: Record<string, Tile>
}

interface Font {
  key: string
  /** Bytes per character code: 2 for a Type0 font with Identity-H, 1 for a simple font. */
  bytes: 1 | 2
  /** Advance of a code in text space units × 1000 (Type0/TrueType) or glyph space (Type3, scaled by the matrix). */
  width(code: number): number
  program?: TrueTypeFont
  type3?: { matrix: Matrix; procs: Map<number, PdfValue>; resources: PdfDict | undefined }
}

interface GraphicsState {
  ctm: Matrix
  fill: Paint
  stroke: Paint
  fillAlpha: number
  strokeAlpha: number
  lineWidth: number
  cap: number
  join: number
  miter: number
  dash: number[]
  phase: number
  font: Font | null
  fontSize: number
  charSpacing: number
  wordSpacing: number
  hScale: number
  leading: number
  rise: number
  renderMode: number
  /** The space patterns of this content stream are placed in (the page's, or the form's). */
  patternBase: Matrix
}

const rgb = (r: number, g: number, b: number) =>
  `rgb(${Math.round(r * 255)}, ${Math.round(g * 255)}, ${Math.round(b * 255)})`

/** Interprets a PDF's content streams into {@link RasterJob}s. */
class Interpreter {
  readonly glyphs: Record<string, string> = {}
  readonly images: RasterJob['images'] = {}
  readonly tiles: Record<string, Tile> = {}
  readonly unsupported = new Set<string>()
  private readonly fonts = new Map<number, Font>()

  constructor(
    private readonly doc: PdfDocument,
    /** Canvas pixels per PDF point. */
    private readonly scale: number,
  ) {}

  private num(value: PdfValue | undefined): number {
    const v = this.doc.resolve(value)
    return typeof v === 'number' ? v : 0
  }

  private resource(resources: PdfDict | undefined, kind: string, name: string): PdfValue | undefined {
    const group = resources ? this.doc.resolve(resources.get(kind)) : undefined
    return group instanceof PdfDict ? group.get(name) : undefined
  }

  private font(ref: PdfValue | undefined): Font {
    const id = ref instanceof PdfRef ? ref.id : -1
    const known = this.fonts.get(id)
    if (known) return known
    const dict = this.doc.dict(ref)
    const subtype = (dict.get('Subtype') as PdfName).name
    let font: Font
    if (subtype === 'Type0') {
      const [descendant] = this.doc.resolve(dict.get('DescendantFonts')) as PdfValue[]
      const cid = this.doc.dict(descendant)
      const encoding = (this.doc.resolve(dict.get('Encoding')) as PdfName | undefined)?.name
      const map = this.doc.resolve(cid.get('CIDToGIDMap'))
      if (
        encoding !== 'Identity-H' ||
        (map !== undefined && !(map instanceof PdfName && map.name === 'Identity'))
      ) {
        throw new Error(`PDF raster: a Type0 font encoded ${encoding} is not supported`)
      }
      const widths = new Map<number, number>()
      const w = (this.doc.resolve(cid.get('W')) as PdfValue[] | undefined) ?? []
      for (let i = 0; i < w.length; ) {
        const first = this.num(w[i])
        const next = this.doc.resolve(w[i + 1])
        if (Array.isArray(next)) {
          for (const [k, width] of next.entries()) widths.set(first + k, this.num(width))
          i += 2
        } else {
          for (let c = first; c <= this.num(next); c++) widths.set(c, this.num(w[i + 2]))
          i += 3
        }
      }
      const defaultWidth = cid.get('DW') === undefined ? 1000 : this.num(cid.get('DW'))
      const descriptor = this.doc.dict(cid.get('FontDescriptor'))
      const file = descriptor.get('FontFile2')
      if (!file) throw new Error('PDF raster: a Type0 font without a TrueType program is not supported')
      font = {
        key: `f${id}`,
        bytes: 2,
        width: (code) => widths.get(code) ?? defaultWidth,
        program: new TrueTypeFont(this.doc.streamOf(file).data),
      }
    } else if (subtype === 'Type3') {
      const first = this.num(dict.get('FirstChar'))
      const widths = (this.doc.resolve(dict.get('Widths')) as PdfValue[]).map((v) => this.num(v))
      const names = new Map<number, string>()
      const encoding = this.doc.resolve(dict.get('Encoding'))
      if (encoding instanceof PdfDict) {
        let code = 0
        for (const item of (this.doc.resolve(encoding.get('Differences')) as PdfValue[] | undefined) ?? []) {
          if (typeof item === 'number') code = item
          else if (item instanceof PdfName) names.set(code++, item.name)
        }
      }
      const charProcs = this.doc.dict(dict.get('CharProcs'))
      const procs = new Map<number, PdfValue>()
      for (const [code, name] of names) {
        const proc = charProcs.get(name)
        if (proc) procs.set(code, proc)
      }
      const resources = this.doc.resolve(dict.get('Resources'))
      font = {
        key: `f${id}`,
        bytes: 1,
        width: (code) => widths[code - first] ?? 0,
        type3: {
          matrix: (this.doc.resolve(dict.get('FontMatrix')) as number[]).map(Number) as Matrix,
          procs,
          resources: resources instanceof PdfDict ? resources : undefined,
        },
      }
    } else throw new Error(`PDF raster: a ${subtype} font is not supported`)
    this.fonts.set(id, font)
    return font
  }

  private image(ref: PdfValue | undefined): string {
    const key = `i${(ref as PdfRef).id}`
    if (this.images[key]) return key
    const { dict, data } = this.doc.streamOf(ref)
    const width = this.num(dict.get('Width'))
    const height = this.num(dict.get('Height'))
    if (this.num(dict.get('BitsPerComponent')) !== 8 || dict.get('ImageMask')) {
      throw new Error('PDF raster: only 8-bit colour images are supported')
    }
    const components = this.components(this.doc.resolve(dict.get('ColorSpace')))
    const rgba = Buffer.alloc(width * height * 4)
    for (let i = 0; i < width * height; i++) {
      const at = i * components
      const [r, g, b] =
        components === 1 ? [data[at]!, data[at]!, data[at]!] : [data[at]!, data[at + 1]!, data[at + 2]!]
      rgba.set([r, g, b, 255], i * 4)
    }
    const mask = dict.get('SMask')
    if (mask) {
      const alpha = this.doc.streamOf(mask).data
      for (let i = 0; i < width * height; i++) rgba[i * 4 + 3] = alpha[i]!
    }
    this.images[key] = { width, height, rgba: rgba.toString('base64') }
    return key
  }

  private components(space: PdfValue | undefined): number {
    if (space instanceof PdfName) {
      if (space.name === 'DeviceGray') return 1
      if (space.name === 'DeviceRGB') return 3
    }
    if (Array.isArray(space) && (space[0] as PdfName).name === 'ICCBased') {
      return this.num(this.doc.dict(space[1]).get('N'))
    }
    throw new Error('PDF raster: an image colour space other than Gray, RGB or ICC-based is not supported')
  }

  /** The tile of a tiling pattern as placed by `placement` (pattern space → page space), rendered at page density. */
  private tile(ref: PdfValue | undefined, placement: Matrix): { key: string; fromTile: Matrix } {
    const { dict, data } = this.doc.streamOf(ref)
    if (this.num(dict.get('PaintType')) !== 1)
      throw new Error('PDF raster: uncoloured patterns are not supported')
    const [bx = 0, by = 0] = (this.doc.resolve(dict.get('BBox')) as number[]).map(Number)
    const xStep = Math.abs(this.num(dict.get('XStep')))
    const yStep = Math.abs(this.num(dict.get('YStep')))
    const [a, b, c, d] = placement
    const resolution = Math.min(
      this.scale * Math.sqrt(Math.abs(a * d - b * c)),
      4096 / Math.max(xStep, yStep, 1),
    )
    const key = `p${(ref as PdfRef).id}@${resolution.toFixed(3)}`
    // Pattern space (y up) → tile pixels (y down), and back.
    const base: Matrix = [resolution, 0, 0, -resolution, -bx * resolution, (by + yStep) * resolution]
    if (!this.tiles[key]) {
      const resources = this.doc.resolve(dict.get('Resources'))
      const commands: Command[] = []
      this.run(
        data,
        resources instanceof PdfDict ? resources : undefined,
        this.initialState(IDENTITY),
        commands,
      )
      this.tiles[key] = {
        width: Math.max(1, Math.ceil(xStep * resolution)),
        height: Math.max(1, Math.ceil(yStep * resolution)),
        base,
        commands,
      }
    }
    return { key, fromTile: multiply(invert(base), placement) }
  }

  initialState(patternBase: Matrix): GraphicsState {
    return {
      ctm: IDENTITY,
      fill: 'rgb(0, 0, 0)',
      stroke: 'rgb(0, 0, 0)',
      fillAlpha: 1,
      strokeAlpha: 1,
      lineWidth: 1,
      cap: 0,
      join: 0,
      miter: 10,
      dash: [],
      phase: 0,
      font: null,
      fontSize: 0,
      charSpacing: 0,
      wordSpacing: 0,
      hScale: 1,
      leading: 0,
      rise: 0,
      renderMode: 0,
      patternBase,
    }
  }

  /** Interprets one content stream into `out`, starting from `state`. */
  run(
    content: Buffer,
    resources: PdfDict | undefined,
    initial: GraphicsState,
    out: Command[],
    depth = 0,
  ): void {
    if (depth > 12) throw new Error('PDF raster: forms nested too deeply')
    let state = { ...initial }
    const stack: GraphicsState[] = []
    const operands: PdfValue[] = []
    let path = ''
    let current: [number, number] = [0, 0]
    let pendingClip: 'nonzero' | 'evenodd' | null = null
    let tm: Matrix = IDENTITY
    let tlm: Matrix = IDENTITY
    const n = (i: number) => this.num(operands[i])
    const fmt = (x: number, y: number) => `${x} ${y}`
    const paintOf = (paint: Paint, m: Matrix): Paint =>
      typeof paint === 'string'
        ? paint
        : { pattern: paint.pattern, transform: multiply(paint.transform, invert(m)) }
    const colour = (values: number[], space: number): string =>
      space === 1
        ? rgb(values[0]!, values[0]!, values[0]!)
        : space === 4
          ? rgb(
              (1 - values[0]!) * (1 - values[3]!),
              (1 - values[1]!) * (1 - values[3]!),
              (1 - values[2]!) * (1 - values[3]!),
            )
          : rgb(values[0]!, values[1]!, values[2]!)
    let fillSpace = 1
    let strokeSpace = 1
    const spaceOf = (name: string): number => {
      if (name === 'DeviceGray' || name === 'G') return 1
      if (name === 'DeviceRGB' || name === 'RGB') return 3
      if (name === 'DeviceCMYK' || name === 'CMYK') return 4
      if (name === 'Pattern') return 0
      const space = this.doc.resolve(this.resource(resources, 'ColorSpace', name))
      if (space instanceof PdfName) return spaceOf(space.name)
      if (Array.isArray(space)) {
        const family = (space[0] as PdfName).name
        if (family === 'Pattern') return 0
        if (family === 'ICCBased') return this.num(this.doc.dict(space[1]).get('N'))
      }
      this.unsupported.add(`colour space ${name}`)
      return 3
    }
    const setColour = (fill: boolean) => {
      const space = fill ? fillSpace : strokeSpace
      const last = operands[operands.length - 1]
      let paint: Paint
      if (space === 0 && last instanceof PdfName) {
        const placement = multiply(
          ((
            this.doc.resolve(this.doc.dict(this.resource(resources, 'Pattern', last.name)).get('Matrix')) as
              | number[]
              | undefined
          )?.map(Number) as Matrix) ?? IDENTITY,
          state.patternBase,
        )
        const patternRef = this.resource(resources, 'Pattern', last.name)
        const patternType = this.num(this.doc.dict(patternRef).get('PatternType'))
        if (patternType !== 1) {
          this.unsupported.add('shading patterns')
          paint = 'rgb(128, 128, 128)'
        } else {
          const { key, fromTile } = this.tile(patternRef, placement)
          paint = { pattern: key, transform: fromTile }
        }
      } else {
        paint = colour(operands.filter((o) => typeof o === 'number').map(Number), space === 0 ? 3 : space)
      }
      if (fill) state.fill = paint
      else state.stroke = paint
    }
    const paintPath = (fill: 'nonzero' | 'evenodd' | null, stroke: boolean) => {
      if (path !== '') {
        if (fill) {
          out.push({
            op: 'fill',
            m: state.ctm,
            d: path,
            rule: fill,
            paint: paintOf(state.fill, state.ctm),
            alpha: state.fillAlpha,
          })
        }
        if (stroke) {
          out.push({
            op: 'stroke',
            m: state.ctm,
            d: path,
            paint: paintOf(state.stroke, state.ctm),
            alpha: state.strokeAlpha,
            width: state.lineWidth,
            cap: state.cap,
            join: state.join,
            miter: state.miter,
            dash: state.dash,
            phase: state.phase,
          })
        }
        if (pendingClip) out.push({ op: 'clip', m: state.ctm, d: path, rule: pendingClip })
      }
      pendingClip = null
      path = ''
    }
    const showText = (bytes: string) => {
      const font = state.font
      if (!font) throw new Error('PDF raster: text shown without a font')
      for (let i = 0; i + font.bytes <= bytes.length; i += font.bytes) {
        const code =
          font.bytes === 2 ? (bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1) : bytes.charCodeAt(i)
        const size: Matrix = [state.fontSize * state.hScale, 0, 0, state.fontSize, 0, state.rise]
        const rendering = multiply(multiply(size, tm), state.ctm)
        let advance: number
        if (font.type3) {
          const glyphSpace = multiply(font.type3.matrix, rendering)
          const proc = font.type3.procs.get(code)
          if (proc && state.renderMode !== 3) {
            const sub = {
              ...this.initialState(state.patternBase),
              ctm: glyphSpace,
              fill: state.fill,
              stroke: state.fill,
            }
            const { data } = this.doc.streamOf(proc)
            out.push({ op: 'save' })
            this.run(data, font.type3.resources ?? resources, sub, out, depth + 1)
            out.push({ op: 'restore' })
          }
          advance = font.width(code) * font.type3.matrix[0] * state.fontSize
        } else {
          const program = font.program!
          const key = `${font.key}:${code}`
          this.glyphs[key] ??= program.path(code)
          if (state.renderMode !== 3 && this.glyphs[key] !== '') {
            const upem = 1 / program.unitsPerEm
            out.push({
              op: 'glyph',
              m: multiply([upem, 0, 0, upem, 0, 0], rendering),
              glyph: key,
              paint: paintOf(state.fill, multiply([upem, 0, 0, upem, 0, 0], rendering)),
              alpha: state.fillAlpha,
            })
          }
          advance = (font.width(code) / 1000) * state.fontSize
        }
        const spacing = state.charSpacing + (font.bytes === 1 && code === 32 ? state.wordSpacing : 0)
        tm = multiply([1, 0, 0, 1, (advance + spacing) * state.hScale, 0], tm)
      }
    }
    for (const token of contentTokens(content)) {
      if ('operand' in token) {
        operands.push(token.operand)
        continue
      }
      const op = token.operator
      switch (op) {
        case 'q':
          stack.push(state)
          state = { ...state }
          out.push({ op: 'save' })
          break
        case 'Q':
          state = stack.pop() ?? state
          out.push({ op: 'restore' })
          break
        case 'cm':
          state.ctm = multiply([n(0), n(1), n(2), n(3), n(4), n(5)], state.ctm)
          break
        case 'w':
          state.lineWidth = n(0)
          break
        case 'J':
          state.cap = n(0)
          break
        case 'j':
          state.join = n(0)
          break
        case 'M':
          state.miter = n(0)
          break
        case 'd':
          state.dash = ((this.doc.resolve(operands[0]) as PdfValue[]) ?? []).map((v) => this.num(v))
          state.phase = n(1)
          break
        case 'gs': {
          const gs = this.doc.dict(this.resource(resources, 'ExtGState', (operands[0] as PdfName).name))
          for (const [key, value] of gs.entries) {
            const v = this.doc.resolve(value)
            if (key === 'ca') state.fillAlpha = Number(v)
            else if (key === 'CA') state.strokeAlpha = Number(v)
            else if (key === 'LW') state.lineWidth = Number(v)
            else if (key === 'LC') state.cap = Number(v)
            else if (key === 'LJ') state.join = Number(v)
            else if (key === 'ML') state.miter = Number(v)
            else if (key === 'BM' && !(v instanceof PdfName && v.name === 'Normal'))
              this.unsupported.add('blend modes')
            else if (key === 'SMask' && !(v instanceof PdfName && v.name === 'None'))
              this.unsupported.add('soft masks')
          }
          break
        }
        case 'm':
          current = [n(0), n(1)]
          path += `M${fmt(...current)}`
          break
        case 'l':
          current = [n(0), n(1)]
          path += `L${fmt(...current)}`
          break
        case 'c':
          path += `C${fmt(n(0), n(1))} ${fmt(n(2), n(3))} ${fmt(n(4), n(5))}`
          current = [n(4), n(5)]
          break
        case 'v':
          path += `C${fmt(...current)} ${fmt(n(0), n(1))} ${fmt(n(2), n(3))}`
          current = [n(2), n(3)]
          break
        case 'y':
          path += `C${fmt(n(0), n(1))} ${fmt(n(2), n(3))} ${fmt(n(2), n(3))}`
          current = [n(2), n(3)]
          break
        case 'h':
          path += 'Z'
          break
        case 're': {
          const [x, y, w, h] = [n(0), n(1), n(2), n(3)]
          path += `M${fmt(x, y)}L${fmt(x + w, y)}L${fmt(x + w, y + h)}L${fmt(x, y + h)}Z`
          current = [x, y]
          break
        }
        case 'f':
        case 'F':
          paintPath('nonzero', false)
          break
        case 'f*':
          paintPath('evenodd', false)
          break
        case 'S':
          paintPath(null, true)
          break
        case 's':
          path += 'Z'
          paintPath(null, true)
          break
        case 'B':
          paintPath('nonzero', true)
          break
        case 'B*':
          paintPath('evenodd', true)
          break
        case 'b':
          path += 'Z'
          paintPath('nonzero', true)
          break
        case 'b*':
          path += 'Z'
          paintPath('evenodd', true)
          break
        case 'n':
          paintPath(null, false)
          break
        case 'W':
          pendingClip = 'nonzero'
          break
        case 'W*':
          pendingClip = 'evenodd'
          break
        case 'g':
          fillSpace = 1
          setColour(true)
          break
        case 'G':
          strokeSpace = 1
          setColour(false)
          break
        case 'rg':
          fillSpace = 3
          setColour(true)
          break
        case 'RG':
          strokeSpace = 3
          setColour(false)
          break
        case 'k':
          fillSpace = 4
          setColour(true)
          break
        case 'K':
          strokeSpace = 4
          setColour(false)
          break
        case 'cs':
          fillSpace = spaceOf((operands[0] as PdfName).name)
          break
        case 'CS':
          strokeSpace = spaceOf((operands[0] as PdfName).name)
          break
        case 'sc':
        case 'scn':
          setColour(true)
          break
        case 'SC':
        case 'SCN':
          setColour(false)
          break
        case 'BT':
          tm = IDENTITY
          tlm = IDENTITY
          break
        case 'ET':
          break
        case 'Tf':
          state.font = this.font(this.resource(resources, 'Font', (operands[0] as PdfName).name))
          state.fontSize = n(1)
          break
        case 'Tc':
          state.charSpacing = n(0)
          break
        case 'Tw':
          state.wordSpacing = n(0)
          break
        case 'Tz':
          state.hScale = n(0) / 100
          break
        case 'TL':
          state.leading = n(0)
          break
        case 'Ts':
          state.rise = n(0)
          break
        case 'Tr':
          state.renderMode = n(0)
          break
        case 'Td':
          tlm = multiply([1, 0, 0, 1, n(0), n(1)], tlm)
          tm = tlm
          break
        case 'TD':
          state.leading = -n(1)
          tlm = multiply([1, 0, 0, 1, n(0), n(1)], tlm)
          tm = tlm
          break
        case 'Tm':
          tlm = [n(0), n(1), n(2), n(3), n(4), n(5)]
          tm = tlm
          break
        case 'T*':
          tlm = multiply([1, 0, 0, 1, 0, -state.leading], tlm)
          tm = tlm
          break
        case 'Tj':
          showText((operands[0] as PdfString).bytes)
          break
        case "'":
          tlm = multiply([1, 0, 0, 1, 0, -state.leading], tlm)
          tm = tlm
          showText((operands[0] as PdfString).bytes)
          break
        case '"':
          state.wordSpacing = n(0)
          state.charSpacing = n(1)
          tlm = multiply([1, 0, 0, 1, 0, -state.leading], tlm)
          tm = tlm
          showText((operands[2] as PdfString).bytes)
          break
        case 'TJ':
          for (const item of (operands[0] as PdfValue[]) ?? []) {
            if (item instanceof PdfString) showText(item.bytes)
            else tm = multiply([1, 0, 0, 1, (-this.num(item) / 1000) * state.fontSize * state.hScale, 0], tm)
          }
          break
        case 'Do': {
          const ref = this.resource(resources, 'XObject', (operands[0] as PdfName).name)
          const xobject = this.doc.dict(ref)
          const subtype = (xobject.get('Subtype') as PdfName).name
          if (subtype === 'Image') {
            out.push({ op: 'image', m: state.ctm, image: this.image(ref), alpha: state.fillAlpha })
          } else if (subtype === 'Form') {
            const matrix = ((this.doc.resolve(xobject.get('Matrix')) as number[] | undefined)?.map(Number) ??
              IDENTITY) as Matrix
            const ctm = multiply(matrix, state.ctm)
            const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = (this.doc.resolve(xobject.get('BBox')) as number[]).map(
              Number,
            )
            out.push({ op: 'save' })
            out.push({
              op: 'clip',
              m: ctm,
              d: `M${x1} ${y1}L${x2} ${y1}L${x2} ${y2}L${x1} ${y2}Z`,
              rule: 'nonzero',
            })
            const formResources = this.doc.resolve(xobject.get('Resources'))
            this.run(
              this.doc.streamOf(ref).data,
              formResources instanceof PdfDict ? formResources : resources,
              { ...state, ctm, patternBase: ctm },
              out,
              depth + 1,
            )
            out.push({ op: 'restore' })
          } else this.unsupported.add(`XObject ${subtype}`)
          break
        }
        case 'd0':
        case 'd1':
        case 'BMC':
        case 'BDC':
        case 'EMC':
        case 'MP':
        case 'DP':
        case 'i':
        case 'ri':
          break
        default:
          this.unsupported.add(`operator ${op}`)
      }
      operands.length = 0
    }
  }
}

/**
 * Replays a {@link RasterJob} on a canvas and answers the PNG as a data URL. Runs in the browser (through
 * `page.evaluate`), so it is self-contained and reaches the DOM through a narrow view of `globalThis`.
 */
function replayInBrowser(job: RasterJob): string {
  type Pattern = {
    setTransform(m: { a: number; b: number; c: number; d: number; e: number; f: number }): void
  }
  interface Context {
    save(): void
    restore(): void
    setTransform(a: number, b: number, c: number, d: number, e: number, f: number): void
    fillStyle: string | Pattern
    strokeStyle: string | Pattern
    globalAlpha: number
    lineWidth: number
    lineCap: string
    lineJoin: string
    miterLimit: number
    lineDashOffset: number
    imageSmoothingEnabled: boolean
    setLineDash(dash: number[]): void
    fill(path: unknown, rule: string): void
    stroke(path: unknown): void
    clip(path: unknown, rule: string): void
    fillRect(x: number, y: number, w: number, h: number): void
    drawImage(image: unknown, x: number, y: number): void
    createPattern(image: unknown, repetition: string): Pattern
    putImageData(data: unknown, x: number, y: number): void
  }
  interface Canvas {
    width: number
    height: number
    getContext(kind: '2d'): Context
    toDataURL(type: string): string
  }
  const browser = globalThis as unknown as {
    document: { createElement(tag: 'canvas'): Canvas }
    Path2D: new (d: string) => unknown
    ImageData: new (data: Uint8ClampedArray, width: number, height: number) => unknown
    atob(data: string): string
    /** Glyphs, images and tiles sent with earlier pages of the same document (each is sent once). */
    pdfRasterCache?: Pick<RasterJob, 'glyphs' | 'images' | 'tiles'>
  }
  if (job.first || !browser.pdfRasterCache) browser.pdfRasterCache = { glyphs: {}, images: {}, tiles: {} }
  const cache = browser.pdfRasterCache
  Object.assign(cache.glyphs, job.glyphs)
  Object.assign(cache.images, job.images)
  Object.assign(cache.tiles, job.tiles)
  type M = [number, number, number, number, number, number]
  const mul = (p: M, q: M): M => [
    p[0] * q[0] + p[1] * q[2],
    p[0] * q[1] + p[1] * q[3],
    p[2] * q[0] + p[3] * q[2],
    p[2] * q[1] + p[3] * q[3],
    p[4] * q[0] + p[5] * q[2] + q[4],
    p[4] * q[1] + p[5] * q[3] + q[5],
  ]
  const paths = new Map<string, unknown>()
  const pathOf = (d: string) => {
    let path = paths.get(d)
    if (!path) {
      path = new browser.Path2D(d)
      paths.set(d, path)
    }
    return path
  }
  const imageCanvases = new Map<string, Canvas>()
  const imageOf = (key: string) => {
    let canvas = imageCanvases.get(key)
    if (!canvas) {
      const image = cache.images[key]!
      const bytes = browser.atob(image.rgba)
      const data = new Uint8ClampedArray(bytes.length)
      for (let i = 0; i < bytes.length; i++) data[i] = bytes.charCodeAt(i)
      canvas = browser.document.createElement('canvas')
      canvas.width = image.width
      canvas.height = image.height
      canvas.getContext('2d').putImageData(new browser.ImageData(data, image.width, image.height), 0, 0)
      imageCanvases.set(key, canvas)
    }
    return canvas
  }
  const tileCanvases = new Map<string, Canvas>()
  const draw = (ctx: Context, commands: RasterJob['commands'], base: M): void => {
    const style = (paint: RasterJob['commands'][number] & { paint: unknown }) => {
      const p = paint.paint as string | { pattern: string; transform: M }
      if (typeof p === 'string') return p
      let tile = tileCanvases.get(p.pattern)
      if (!tile) {
        const spec = cache.tiles[p.pattern]!
        tile = browser.document.createElement('canvas')
        tile.width = spec.width
        tile.height = spec.height
        draw(tile.getContext('2d'), spec.commands, spec.base as M)
        tileCanvases.set(p.pattern, tile)
      }
      const pattern = ctx.createPattern(tile, 'repeat')
      const [a, b, c, d, e, f] = p.transform
      pattern.setTransform({ a, b, c, d, e, f })
      return pattern
    }
    const place = (m: M) => {
      const [a, b, c, d, e, f] = mul(m, base)
      ctx.setTransform(a, b, c, d, e, f)
    }
    for (const command of commands) {
      switch (command.op) {
        case 'save':
          ctx.save()
          break
        case 'restore':
          ctx.restore()
          break
        case 'clip':
          place(command.m)
          ctx.clip(pathOf(command.d), command.rule)
          break
        case 'fill':
        case 'glyph':
          place(command.m)
          ctx.globalAlpha = command.alpha
          ctx.fillStyle = style(command)
          ctx.fill(
            pathOf(command.op === 'fill' ? command.d : cache.glyphs[command.glyph]!),
            command.op === 'fill' ? command.rule : 'nonzero',
          )
          break
        case 'stroke':
          place(command.m)
          ctx.globalAlpha = command.alpha
          ctx.strokeStyle = style(command)
          ctx.lineWidth = command.width
          ctx.lineCap = ['butt', 'round', 'square'][command.cap] ?? 'butt'
          ctx.lineJoin = ['miter', 'round', 'bevel'][command.join] ?? 'miter'
          ctx.miterLimit = command.miter
          ctx.setLineDash(command.dash)
          ctx.lineDashOffset = command.phase
          ctx.stroke(pathOf(command.d))
          break
        case 'image': {
          const image = cache.images[command.image]!
          place(mul([1 / image.width, 0, 0, -1 / image.height, 0, 1], command.m))
          ctx.globalAlpha = command.alpha
          ctx.imageSmoothingEnabled = true
          ctx.drawImage(imageOf(command.image), 0, 0)
          break
        }
      }
    }
  }
  const canvas = browser.document.createElement('canvas')
  canvas.width = job.width
  canvas.height = job.height
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, job.width, job.height)
  draw(ctx, job.commands, job.base as M)
  return canvas.toDataURL('image/png')
}

/** A rendered page: its PNG and its size in pixels. */
export interface RasterPage {
  png: Buffer
  width: number
  height: number
}

/**
 * Every page of `pdf` as a PNG, `scale` pixels per point (1.5 ≈ 108 dpi), drawn by `page`'s browser (any page: it
 * only lends its canvas). `unsupported` lists what the PDF uses that the interpreter does not draw (empty when the
 * pictures are complete).
 */
export async function rasterizePdf(
  pdf: Buffer,
  page: Page,
  scale = 1.5,
): Promise<{ pages: RasterPage[]; unsupported: string[] }> {
  const { document, pages } = readPdf(pdf)
  // The TypeScript transform (esbuild, keepNames) wraps named inner functions in a `__name` helper that exists in
  // this process only: the browser gets a no-op one, so the replay function runs there as written.
  await page.evaluate('globalThis.__name ??= (fn) => fn')
  const interpreter = new Interpreter(document, scale)
  const out: RasterPage[] = []
  const sent = new Set<string>()
  for (const [index, ref] of document.pageRefs.entries()) {
    const info = pages[index]!
    const dict = document.dict(ref)
    const resources = document.resolve(dict.get('Resources'))
    const commands: Command[] = []
    interpreter.run(
      info.content,
      resources instanceof PdfDict ? resources : undefined,
      interpreter.initialState(IDENTITY),
      commands,
    )
    const width = Math.round(info.width * scale)
    const height = Math.round(info.height * scale)
    const unsent = <T>(table: Record<string, T>) =>
      Object.fromEntries(Object.entries(table).filter(([key]) => !sent.has(key) && sent.add(key)))
    const job: RasterJob = {
      first: index === 0,
      width,
      height,
      base: [scale, 0, 0, -scale, 0, info.height * scale],
      commands,
      glyphs: unsent(interpreter.glyphs),
      images: unsent(interpreter.images),
      tiles: unsent(interpreter.tiles),
    }
    const url = await page.evaluate(replayInBrowser, job)
    out.push({ png: Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'), width, height })
  }
  return { pages: out, unsupported: [...interpreter.unsupported] }
}

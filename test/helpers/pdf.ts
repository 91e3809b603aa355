import { inflateSync } from 'node:zlib'

/**
 * Reads a PDF as Chromium writes it (Skia's PDF backend: a classic cross-reference table, no object streams, content
 * and images FlateDecode-compressed) — enough for tests to check what a printed report holds: its pages and their
 * size, each page's content, its links, and where each named destination (an element a link of the document points
 * at) lands. Anything outside that subset throws, so a test never passes on a file it could not read.
 */

/** A PDF value: a number, a string (bytes as latin1 text), a name, an array, a dictionary, a reference, … */
export type PdfValue = number | boolean | null | PdfName | PdfString | PdfRef | PdfValue[] | PdfDict

export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfString {
  /** The string's bytes, one char per byte (latin1). */
  constructor(readonly bytes: string) {}
}
export class PdfRef {
  constructor(
    readonly id: number,
    readonly generation: number,
  ) {}
}
export class PdfDict {
  constructor(readonly entries: Map<string, PdfValue>) {}
  get(key: string): PdfValue | undefined {
    return this.entries.get(key)
  }
}

/** One indirect object: its value, and for a stream its (still encoded) bytes. */
export interface PdfObject {
  value: PdfValue
  stream?: Buffer
}

const WHITESPACE = new Set([0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20])
const DELIMITERS = new Set('()<>[]{}/%'.split('').map((c) => c.charCodeAt(0)))

/** A tokenizer and parser of PDF objects over latin1 text (offsets are byte offsets). */
export class PdfLexer {
  constructor(
    readonly text: string,
    public pos = 0,
  ) {}

  skipSpace(): void {
    for (;;) {
      const code = this.text.charCodeAt(this.pos)
      if (WHITESPACE.has(code)) this.pos++
      else if (code === 0x25 /* % */) {
        while (this.pos < this.text.length && !'\r\n'.includes(this.text[this.pos]!)) this.pos++
      } else return
    }
  }

  atEnd(): boolean {
    this.skipSpace()
    return this.pos >= this.text.length
  }

  /** A bare word (an operator, a keyword or a number), or null at a delimiter. */
  word(): string | null {
    this.skipSpace()
    const start = this.pos
    while (this.pos < this.text.length) {
      const code = this.text.charCodeAt(this.pos)
      if (WHITESPACE.has(code) || DELIMITERS.has(code)) break
      this.pos++
    }
    return this.pos > start ? this.text.slice(start, this.pos) : null
  }

  private name(): PdfName {
    this.pos++ // '/'
    const start = this.pos
    while (this.pos < this.text.length) {
      const code = this.text.charCodeAt(this.pos)
      if (WHITESPACE.has(code) || DELIMITERS.has(code)) break
      this.pos++
    }
    return new PdfName(
      this.text
        .slice(start, this.pos)
        .replace(/#([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))),
    )
  }

  private literalString(): PdfString {
    this.pos++ // '('
    let depth = 1
    let out = ''
    while (this.pos < this.text.length) {
      const c = this.text[this.pos++]!
      if (c === '\\') {
        const n = this.text[this.pos++]!
        const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' }
        if (n in simple) out += simple[n]
        else if (/[0-7]/.test(n)) {
          let oct = n
          while (oct.length < 3 && /[0-7]/.test(this.text[this.pos]!)) oct += this.text[this.pos++]
          out += String.fromCharCode(parseInt(oct, 8) & 0xff)
        } else if (n === '\r') {
          if (this.text[this.pos] === '\n') this.pos++
        } else if (n !== '\n') out += n
      } else if (c === '(') {
        depth++
        out += c
      } else if (c === ')') {
        if (--depth === 0) break
        out += c
      } else out += c
    }
    return new PdfString(out)
  }

  private hexString(): PdfString {
    const end = this.text.indexOf('>', this.pos)
    let hex = this.text.slice(this.pos + 1, end).replace(/\s+/g, '')
    this.pos = end + 1
    if (hex.length % 2 === 1) hex += '0'
    let out = ''
    for (let i = 0; i < hex.length; i += 2) out += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16))
    return new PdfString(out)
  }

  /** The next value; in a content stream, an operator comes back as the string it is (see {@link ContentToken}). */
  value(): PdfValue | string {
    this.skipSpace()
    const c = this.text[this.pos]
    if (c === '/') return this.name()
    if (c === '(') return this.literalString()
    if (c === '<' && this.text[this.pos + 1] === '<') {
      this.pos += 2
      const entries = new Map<string, PdfValue>()
      for (;;) {
        this.skipSpace()
        if (this.text.startsWith('>>', this.pos)) {
          this.pos += 2
          return new PdfDict(entries)
        }
        const key = this.value()
        if (!(key instanceof PdfName)) throw new Error(`PDF: a dictionary key at ${this.pos} is not a name`)
        entries.set(key.name, this.value() as PdfValue)
      }
    }
    if (c === '<') return this.hexString()
    if (c === '[') {
      this.pos++
      const items: PdfValue[] = []
      for (;;) {
        this.skipSpace()
        if (this.text[this.pos] === ']') {
          this.pos++
          return items
        }
        items.push(this.value() as PdfValue)
      }
    }
    const word = this.word()
    if (word === null) throw new Error(`PDF: unexpected '${c}' at ${this.pos}`)
    if (word === 'true' || word === 'false') return word === 'true'
    if (word === 'null') return null
    if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(word)) {
      // `12 0 R` is a reference: look ahead without consuming anything else.
      if (/^\d+$/.test(word)) {
        const save = this.pos
        const generation = this.word()
        const r = generation !== null && /^\d+$/.test(generation) ? this.word() : null
        if (r === 'R') return new PdfRef(Number(word), Number(generation))
        this.pos = save
      }
      return Number(word)
    }
    return word
  }
}

/** A token of a content stream: an operand, or an operator (a bare word such as `re`, `Tj`, `BT`). */
export type ContentToken = { operator: string } | { operand: PdfValue }

/** The tokens of a decoded content stream, in order (inline images are not expected from Chromium). */
export function* contentTokens(content: Buffer): Generator<ContentToken> {
  const lexer = new PdfLexer(content.toString('latin1'))
  while (!lexer.atEnd()) {
    const value = lexer.value()
    if (typeof value === 'string') {
      if (value === 'BI') throw new Error('PDF: inline images are not supported')
      yield { operator: value }
    } else yield { operand: value }
  }
}

/** A parsed PDF: its objects by id, its pages in order, and lookups over them. */
export class PdfDocument {
  readonly objects = new Map<number, PdfObject>()
  readonly trailer: PdfDict

  constructor(readonly bytes: Buffer) {
    const text = bytes.toString('latin1')
    if (!text.startsWith('%PDF-')) throw new Error('not a PDF')
    const header = /(\d+)\s+(\d+)\s+obj\b/g
    for (let match = header.exec(text); match; match = header.exec(text)) {
      const lexer = new PdfLexer(text, match.index + match[0].length)
      const value = lexer.value() as PdfValue
      lexer.skipSpace()
      let stream: Buffer | undefined
      if (text.startsWith('stream', lexer.pos) && value instanceof PdfDict) {
        let start = lexer.pos + 'stream'.length
        if (text[start] === '\r') start++
        if (text[start] === '\n') start++
        const length = this.resolve(value.get('Length') ?? null)
        if (typeof length !== 'number')
          throw new Error(`PDF: object ${match[1]} has a stream without a direct /Length`)
        stream = bytes.subarray(start, start + length)
        header.lastIndex = start + length
      } else header.lastIndex = lexer.pos
      this.objects.set(Number(match[1]), { value, ...(stream ? { stream } : {}) })
    }
    const at = text.lastIndexOf('trailer')
    if (at < 0) throw new Error('PDF: no trailer (a cross-reference stream is not supported)')
    const lexer = new PdfLexer(text, at + 'trailer'.length)
    this.trailer = lexer.value() as PdfDict
  }

  /** A value with references followed. */
  resolve(value: PdfValue | undefined): PdfValue | undefined {
    let v = value
    for (let hops = 0; v instanceof PdfRef; hops++) {
      if (hops > 32) throw new Error('PDF: reference loop')
      v = this.objects.get(v.id)?.value
    }
    return v
  }

  dict(value: PdfValue | undefined): PdfDict {
    const v = this.resolve(value)
    if (!(v instanceof PdfDict)) throw new Error('PDF: expected a dictionary')
    return v
  }

  /** A stream's decoded bytes (FlateDecode or none). */
  streamOf(ref: PdfValue | undefined): { dict: PdfDict; data: Buffer } {
    if (!(ref instanceof PdfRef)) throw new Error('PDF: a stream must be an indirect object')
    const object = this.objects.get(ref.id)
    if (!object?.stream || !(object.value instanceof PdfDict))
      throw new Error(`PDF: object ${ref.id} is not a stream`)
    const filter = this.resolve(object.value.get('Filter'))
    const filters = (Array.isArray(filter) ? filter : filter ? [filter] : []).map((f) => (f as PdfName).name)
    let data = object.stream
    for (const name of filters) {
      if (name !== 'FlateDecode') throw new Error(`PDF: filter ${name} is not supported`)
      if (object.value.get('DecodeParms')) throw new Error('PDF: decode parameters are not supported')
      data = inflateSync(data)
    }
    return { dict: object.value, data }
  }

  get catalog(): PdfDict {
    return this.dict(this.trailer.get('Root'))
  }

  /** The page dictionaries' references, in order. */
  get pageRefs(): PdfRef[] {
    const out: PdfRef[] = []
    const walk = (ref: PdfValue | undefined) => {
      const node = this.dict(ref)
      const type = (node.get('Type') as PdfName | undefined)?.name
      if (type === 'Page') out.push(ref as PdfRef)
      else for (const kid of this.resolve(node.get('Kids')) as PdfValue[]) walk(kid)
    }
    walk(this.catalog.get('Pages'))
    return out
  }
}

/** A rectangle in PDF points, origin bottom left. */
export interface PdfRect {
  x1: number
  y1: number
  x2: number
  y2: number
}

/** What a test reads off a printed page. */
export interface PdfPage {
  index: number
  /** Width and height in points (A4 ≈ 595 × 842, Letter 612 × 792). */
  width: number
  height: number
  /** Internal links on the page: the destination each points at and where the link is drawn. */
  links: { dest: string; rect: PdfRect }[]
  /** The decoded content stream(s). */
  content: Buffer
}

/** The pages of a PDF and its named destinations (page index and the point's height, in points from the bottom). */
export function readPdf(bytes: Buffer): {
  document: PdfDocument
  pages: PdfPage[]
  destinations: Map<string, { page: number; top: number }>
} {
  const document = new PdfDocument(bytes)
  const refs = document.pageRefs
  const pageIndex = new Map(refs.map((ref, index) => [ref.id, index]))
  const pages = refs.map((ref, index): PdfPage => {
    const page = document.dict(ref)
    const [x1, y1, x2, y2] = document.resolve(page.get('MediaBox')) as number[]
    const contents = document.resolve(page.get('Contents'))
    const streams = (Array.isArray(contents) ? contents : [page.get('Contents')]).map(
      (c) => document.streamOf(c).data,
    )
    const links = ((document.resolve(page.get('Annots')) as PdfValue[] | undefined) ?? []).flatMap((a) => {
      const annot = document.dict(a)
      const dest = annot.get('Dest')
      if ((annot.get('Subtype') as PdfName).name !== 'Link' || !(dest instanceof PdfName)) return []
      const [rx1, ry1, rx2, ry2] = document.resolve(annot.get('Rect')) as number[]
      return [{ dest: dest.name, rect: { x1: rx1!, y1: ry1!, x2: rx2!, y2: ry2! } }]
    })
    return {
      index,
      width: x2! - x1!,
      height: y2! - y1!,
      links,
      content: Buffer.concat(streams.flatMap((s) => [s, Buffer.from('\n')])),
    }
  })
  const destinations = new Map<string, { page: number; top: number }>()
  const dests = document.resolve(document.catalog.get('Dests'))
  if (dests instanceof PdfDict) {
    for (const [name, value] of dests.entries) {
      const target = document.resolve(value) as PdfValue[]
      const page = target[0] instanceof PdfRef ? pageIndex.get(target[0].id) : undefined
      if (page !== undefined) destinations.set(name, { page, top: Number(target[3]) })
    }
  }
  return { document, pages, destinations }
}

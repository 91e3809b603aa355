/**
 * A strict reader of the SVG the charts write, for tests: elements, attributes and text, with XML's rules on
 * what may appear raw (no `<` in text or attribute values, `&` only as an entity, one root, tags properly
 * nested, no attribute twice). It does not know CDATA, comments or processing instructions — the charts write
 * none, so meeting one is a failure too.
 */

/** One element: its name, attributes (entities decoded), text content (decoded) and children. */
export interface SvgNode {
  name: string
  attrs: Record<string, string>
  children: SvgNode[]
  /** The element's own text, entities decoded (not its children's). */
  text: string
}

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decode(text: string, where: string): string {
  const bare = text.replace(ENTITY, '')
  if (bare.includes('&')) throw new Error(`raw '&' in ${where}: ${JSON.stringify(text.slice(0, 80))}`)
  if (bare.includes('<')) throw new Error(`raw '<' in ${where}: ${JSON.stringify(text.slice(0, 80))}`)
  return text.replace(ENTITY, (_m, name, dec, hex) =>
    name ? NAMED[name]! : String.fromCodePoint(dec ? Number(dec) : Number.parseInt(hex, 16)),
  )
}

const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*\s*=\s*"[^"]*")*)\s*(\/?)>/y
const ATTR = /\s+([A-Za-z_:][\w:.-]*)\s*=\s*"([^"]*)"/g

/** Parses an SVG document; throws on anything that is not well-formed XML of this simple kind. */
export function parseSvg(svg: string): SvgNode {
  const stack: SvgNode[] = []
  let root: SvgNode | undefined
  let i = 0
  while (i < svg.length) {
    const lt = svg.indexOf('<', i)
    const chunk = svg.slice(i, lt === -1 ? svg.length : lt)
    if (chunk.trim() !== '') {
      const parent = stack.at(-1)
      if (!parent) throw new Error(`text outside the root: ${JSON.stringify(chunk.slice(0, 40))}`)
      parent.text += decode(chunk, `the text of <${parent.name}>`)
    }
    if (lt === -1) break
    TAG.lastIndex = lt
    const match = TAG.exec(svg)
    if (!match) throw new Error(`malformed markup at ${lt}: ${JSON.stringify(svg.slice(lt, lt + 60))}`)
    const [whole, closing, name, attrText, selfClosing] = match as unknown as [
      string,
      string,
      string,
      string,
      string,
    ]
    if (closing) {
      const open = stack.pop()
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`)
    } else {
      const attrs: Record<string, string> = {}
      for (const [, key, value] of attrText.matchAll(ATTR)) {
        if (Object.hasOwn(attrs, key!)) throw new Error(`attribute ${key} twice on <${name}>`)
        attrs[key!] = decode(value!, `attribute ${key} of <${name}>`)
      }
      const node: SvgNode = { name, attrs, children: [], text: '' }
      const parent = stack.at(-1)
      if (parent) parent.children.push(node)
      else if (root) throw new Error('a second root element')
      else root = node
      if (!selfClosing) stack.push(node)
    }
    i = lt + whole.length
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)!.name}> is never closed`)
  if (!root) throw new Error('no root element')
  return root
}

/** Every element of the tree (depth first) that passes `test`. */
export function findAll(node: SvgNode, test: (n: SvgNode) => boolean): SvgNode[] {
  const found: SvgNode[] = []
  const visit = (n: SvgNode) => {
    if (test(n)) found.push(n)
    for (const child of n.children) visit(child)
  }
  visit(node)
  return found
}

/** Every element carrying the attribute `name` (optionally with that value). */
export const withAttr = (node: SvgNode, name: string, value?: string): SvgNode[] =>
  findAll(node, (n) => Object.hasOwn(n.attrs, name) && (value === undefined || n.attrs[name] === value))

/** All text of the tree, in document order. */
export function allText(node: SvgNode): string {
  return [node.text, ...node.children.map(allText)].join(' ')
}

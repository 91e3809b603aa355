import { createRequire } from 'node:module'
import { renderAsync } from '@resvg/resvg-js'

/**
 * PNG from a chart's SVG, with resvg (a Rust SVG renderer shipped as a native build inside the npm package:
 * no browser, no system library). It renders on libuv's thread pool (`renderAsync`), off the event loop.
 *
 * Text needs font files, and the PNG must not depend on the machine it is drawn on: a server without fonts
 * (a slim container image) would otherwise draw charts without a word on them, and one with other fonts
 * would draw other glyphs. So the renderer is given Open Sans — the first family of the charts' font stack —
 * from the `@expo-google-fonts/open-sans` package (a dependency: TrueType files, which resvg reads; the
 * @fontsource packages ship only WOFF/WOFF2, which it cannot), and never looks at the system's fonts. Every
 * family the SVG names resolves to it. Characters Open Sans lacks (CJK, emoji, arrows) are not drawn in the
 * PNG; the SVG, drawn by a browser with its own fonts, shows them.
 */

const require = createRequire(import.meta.url)

/** The weights the charts use (400 and `font-weight: 700`), resolved at start: a missing package fails loudly. */
const FONT_FILES = ['400Regular/OpenSans_400Regular.ttf', '700Bold/OpenSans_700Bold.ttf'].map((file) =>
  require.resolve(`@expo-google-fonts/open-sans/${file}`),
)

/** The family every generic and unknown family resolves to. */
const FAMILY = 'Open Sans'

/** Where the PNG renderer's fonts come from. */
export interface FontSource {
  /** Font files given to the renderer: the only fonts it knows. */
  files: readonly string[]
  /** Whether the renderer also scans the system's font folders (never: the PNG is the same on every machine). */
  system: false
  /** The family `sans-serif` and unknown families resolve to. */
  family: string
}

/** The fonts PNG rendering uses (see the module comment). */
export function fontSource(): FontSource {
  return { files: FONT_FILES, system: false, family: FAMILY }
}

/**
 * The SVG as a PNG, `scale` device pixels per CSS pixel (2 for a sharp slide). The SVG's own size sets the
 * image's: a 960×540 chart at scale 2 is 1920×1080 pixels.
 */
export async function svgToPng(svg: string, scale: number): Promise<Buffer> {
  const image = await renderAsync(svg, {
    fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: {
      fontFiles: [...FONT_FILES],
      loadSystemFonts: false,
      defaultFontFamily: FAMILY,
      sansSerifFamily: FAMILY,
      serifFamily: FAMILY,
      monospaceFamily: FAMILY,
      cursiveFamily: FAMILY,
      fantasyFamily: FAMILY,
    },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: 'off',
  })
  return image.asPng()
}

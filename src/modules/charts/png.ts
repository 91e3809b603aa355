import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { renderAsync } from '@resvg/resvg-js'

/**
 * PNG from a chart's SVG, with resvg (a Rust SVG renderer shipped as a native build inside the npm package:
 * no browser, no system library). It renders on libuv's thread pool (`renderAsync`), off the event loop.
 *
 * Text needs a font file. The charts ask for Open Sans, then DejaVu Sans, then any sans-serif; the files are
 * taken, in this order, from the `@expo-google-fonts/open-sans` package when it is installed (the font the
 * project means to ship: on every machine, the same glyphs), from DejaVu Sans where the system has it, and
 * from whatever fonts the system has (resvg's own lookup, last).
 */

const require = createRequire(import.meta.url)

/** Font files from an npm package, when the package is installed. */
function packageFonts(): string[] {
  const files = ['400Regular/OpenSans_400Regular.ttf', '700Bold/OpenSans_700Bold.ttf']
  try {
    return files
      .map((file) => require.resolve(`@expo-google-fonts/open-sans/${file}`))
      .filter((f) => existsSync(f))
  } catch {
    return []
  }
}

/** DejaVu Sans where Debian and most Linux distributions put it. */
const SYSTEM_FONTS = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/TTF/DejaVuSans.ttf',
  '/usr/share/fonts/TTF/DejaVuSans-Bold.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf',
]

/** Where the PNG renderer's fonts come from (found once per process). */
export interface FontSource {
  /** Font files given to the renderer. */
  files: string[]
  /** Whether the renderer also scans the system's font folders (when no file above was found). */
  system: boolean
  /** The family `sans-serif` and unknown families resolve to. */
  family: string
}

let fonts: FontSource | undefined

/** The fonts PNG rendering uses (see the module comment). */
export function fontSource(): FontSource {
  if (fonts) return fonts
  const bundled = packageFonts()
  if (bundled.length > 0) fonts = { files: bundled, system: false, family: 'Open Sans' }
  else {
    const system = SYSTEM_FONTS.filter((file) => existsSync(file))
    fonts =
      system.length > 0
        ? { files: system, system: false, family: 'DejaVu Sans' }
        : { files: [], system: true, family: 'DejaVu Sans' }
  }
  return fonts
}

/**
 * The SVG as a PNG, `scale` device pixels per CSS pixel (2 for a sharp slide). The SVG's own size sets the
 * image's: a 960×540 chart at scale 2 is 1920×1080 pixels.
 */
export async function svgToPng(svg: string, scale: number): Promise<Buffer> {
  const source = fontSource()
  const image = await renderAsync(svg, {
    fitTo: scale === 1 ? { mode: 'original' } : { mode: 'zoom', value: scale },
    background: '#ffffff',
    font: {
      fontFiles: source.files,
      loadSystemFonts: source.system,
      defaultFontFamily: source.family,
      sansSerifFamily: source.family,
    },
    shapeRendering: 2,
    textRendering: 1,
    logLevel: 'off',
  })
  return image.asPng()
}

import { FONT_FAMILY, fontFiles } from './fonts.js';

type ResvgModule = typeof import('@resvg/resvg-js');
let resvg: Promise<ResvgModule> | null = null;

/**
 * SVG to PNG with resvg (Rust, prebuilt per platform: nothing to compile, nothing downloaded at
 * install). Loaded on first use so commands that never draw a picture never pay for it. Text is
 * drawn with the bundled Inter only: a machine with no fonts draws the same picture.
 */
export async function rasterize(svg: string, scale: number, background: string): Promise<Buffer> {
  const { Resvg } = await (resvg ??= import('@resvg/resvg-js'));
  const r = new Resvg(svg, {
    background,
    fitTo: { mode: 'zoom', value: scale },
    font: { fontFiles: fontFiles(), loadSystemFonts: false, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
    shapeRendering: 2,
    textRendering: 1,
  });
  return r.render().asPng();
}

import { drawing } from './options.js';
import { SCALE, WIDTH, type Picture } from './picture.js';
import { rasterize } from './rasterize.js';
import { PALETTES, type ThemeName } from './theme.js';

type ECharts = typeof import('echarts');
let echarts: Promise<ECharts> | null = null;

/** The picture as SVG, drawn by ECharts' server-side renderer (no DOM, no canvas). */
export async function drawSvg(pic: Picture, theme: ThemeName): Promise<{ svg: string; height: number }> {
  const lib = await (echarts ??= import('echarts'));
  const { option, height } = drawing(pic, PALETTES[theme]);
  const chart = lib.init(null, undefined, { renderer: 'svg', ssr: true, width: WIDTH, height });
  try {
    chart.setOption(option);
    return { svg: chart.renderToSVGString(), height };
  } finally {
    chart.dispose();
  }
}

/** The picture as a PNG, WIDTH x height laid out, drawn at SCALE (720 px wide). */
export async function drawPicture(pic: Picture, theme: ThemeName = 'dark'): Promise<Buffer> {
  const { svg } = await drawSvg(pic, theme);
  return rasterize(svg, SCALE, PALETTES[theme].background);
}

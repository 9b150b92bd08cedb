/** SVG -> PNG with sharp (librsvg). */
import sharp from 'sharp';

export interface PngOptions {
  /** Exact output width in pixels; the height follows the SVG's aspect ratio. Overrides `scale`. */
  width?: number;
  /** Multiple of the SVG's own size. Default 1. */
  scale?: number;
}

/** The width and height attributes of an SVG's root element, in pixels. */
export function svgSize(svg: string): { width: number; height: number } {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0];
  const width = Number(root && /\swidth="([\d.]+)(px)?"/.exec(root)?.[1]);
  const height = Number(root && /\sheight="([\d.]+)(px)?"/.exec(root)?.[1]);
  if (!(width > 0 && height > 0)) {
    throw new Error('svgToPng: the SVG root element needs numeric width and height attributes');
  }
  return { width, height };
}

/**
 * Rasterise an SVG string to PNG bytes. Rendering happens at the target resolution (density), so text
 * stays sharp; a final resize pins the exact pixel size.
 */
export async function svgToPng(svg: string, options: PngOptions = {}): Promise<Buffer> {
  const size = svgSize(svg);
  const scale = options.width !== undefined ? options.width / size.width : (options.scale ?? 1);
  if (!(scale > 0)) throw new RangeError(`svgToPng: scale must be > 0, got ${scale}`);
  const width = Math.round(size.width * scale);
  const height = Math.round(size.height * scale);
  return sharp(Buffer.from(svg), { density: 72 * scale })
    .resize(width, height, { fit: 'fill' })
    .png()
    .toBuffer();
}

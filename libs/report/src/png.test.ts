import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { linePlot } from './line-plot.js';
import { svgSize, svgToPng } from './png.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]; // PNG spec, section 5.2

describe('svgToPng', () => {
  it('basic: a PNG of the requested width, height from the aspect ratio', async () => {
    const svg = await linePlot({ title: 't', xLabel: 'step', yLabel: 'y', series: [{ name: 'a', points: [{ x: 0, y: 1 }, { x: 1, y: 2 }] }] });
    const { width, height } = svgSize(svg);
    const png = await svgToPng(svg, { width: 900 });
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    const meta = await sharp(png).metadata();
    expect(meta.format).toBe('png');
    expect(meta.width).toBe(900);
    expect(meta.height).toBe(Math.round((900 * height) / width));
  });

  it('scale multiplies the SVG size', async () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="30" height="20"><rect width="30" height="20" fill="#f00"/></svg>';
    const meta = await sharp(await svgToPng(svg, { scale: 2 })).metadata();
    expect([meta.width, meta.height]).toEqual([60, 40]);
  });

  it('rasterises the drawing: pixels take the colours of the shapes', async () => {
    // Left half red, right half blue on a 40 x 20 canvas.
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">' +
      '<rect x="0" width="20" height="20" fill="#ff0000"/><rect x="20" width="20" height="20" fill="#0000ff"/></svg>';
    const { data, info } = await sharp(await svgToPng(svg)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const at = (x: number, y: number) => [...data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3)];
    expect(at(5, 10)).toEqual([255, 0, 0]);
    expect(at(35, 10)).toEqual([0, 0, 255]);
  });

  it('throws when the SVG has no numeric size', async () => {
    await expect(svgToPng('<svg xmlns="http://www.w3.org/2000/svg"></svg>')).rejects.toThrow(/width and height/);
  });
});

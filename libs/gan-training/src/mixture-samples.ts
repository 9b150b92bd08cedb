/**
 * The sample artifacts of a 2-D generator: a scatter plot of its points over the mixture's modes
 * (PNG, so the run report shows it) and the points themselves as CSV, so others can re-score them.
 */
import { mixtureExtent, type MixtureSpec } from '@stablegen/data';
import { scatterPlot, svgToPng } from '@stablegen/report';
import type { SampleArtifact } from '@stablegen/trainer';

const pairs = (points: ArrayLike<number>) => Array.from({ length: points.length / 2 }, (_, i) => ({ x: points[2 * i], y: points[2 * i + 1] }));

/** The scatter plot as SVG: samples (small, translucent) under the mode centres (crosses), on fixed axes. */
export function mixtureScatterSvg(points: ArrayLike<number>, spec: MixtureSpec, title: string): Promise<string> {
  const extent = mixtureExtent(spec, spec.name === 'ring8' ? 0.5 : 1);
  return scatterPlot({
    title,
    xLabel: 'x1',
    yLabel: 'x2',
    xDomain: extent,
    yDomain: extent,
    series: [
      { name: 'samples', points: pairs(points), size: 4, opacity: 0.4 },
      { name: 'modes', points: spec.centres.map(([x, y]) => ({ x, y })), shape: 'cross', size: 50, opacity: 0.9 },
    ],
  });
}

/** Points [n, 2] row-major as CSV with a header `x,y`, one point a line (each value printed exactly, so it parses back to the same float32). */
export function pointsCsv(points: ArrayLike<number>): string {
  const lines = ['x,y'];
  for (let i = 0; i < points.length; i += 2) lines.push(`${points[i]},${points[i + 1]}`);
  return lines.join('\n') + '\n';
}

/** `step-NNNNNN.png` (scatter) and `step-NNNNNN-points.csv`. */
export async function mixtureSampleArtifacts(points: ArrayLike<number>, spec: MixtureSpec, step: number): Promise<SampleArtifact[]> {
  const svg = await mixtureScatterSvg(points, spec, `${spec.name}: ${points.length / 2} samples, step ${step}`);
  return [
    { ext: 'png', data: await svgToPng(svg) },
    { ext: 'csv', suffix: '-points', data: pointsCsv(points) },
  ];
}

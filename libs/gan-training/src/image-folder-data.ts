/**
 * An image folder as the image families load it, with their command-line flags in every message:
 * unreadable files stop the run naming the file (or are skipped with one warning under
 * `--skip-bad-images`), and a folder of mixed sizes or colour modes gets one warning line with the
 * counts (an error under `--strict-images`), since every file is resized and converted.
 */
import { DataError, loadImageFolder, type ImageFolderData } from '@stablegen/data';
import { z } from 'zod';

/** Config keys of folder datasets, for an app's schema (`.extend(imageFolderFlags)`). */
export const imageFolderFlags = {
  channels: z
    .number()
    .int()
    .refine((c) => c === 1 || c === 3, 'must be 1 (grayscale) or 3 (RGB)')
    .default(1)
    .describe('image channels for folder datasets: 1 (grayscale) or 3 (RGB); mnist has 1'),
  maxImagePixels: z.number().int().positive().default(64_000_000).describe('largest image a folder dataset may hold, in pixels (larger files are refused before decoding)'),
  skipBadImages: z.boolean().default(false).describe('folder datasets: skip files that are not readable images (one warning lists them) instead of stopping'),
  strictImages: z.boolean().default(false).describe('folder datasets: make a folder of mixed image sizes or colour modes an error instead of a warning'),
};

export interface FolderLoadOptions {
  side: number;
  channels: 1 | 3;
  maxImagePixels?: number;
  skipBadImages?: boolean;
  strictImages?: boolean;
  /** Where warnings go (default console.warn). */
  log?: (line: string) => void;
}

const HINTS: Partial<Record<DataError['code'], string>> = {
  'not-an-image': 'Remove the file, or pass --skip-bad-images to skip such files with a warning.',
  'corrupt-image': 'Re-export or remove the file, or pass --skip-bad-images to skip such files with a warning.',
  'oversized-image': 'Downscale the image, raise --max-image-pixels if you trust it, or pass --skip-bad-images.',
};

const counts = (c: Record<string, number>) =>
  Object.entries(c)
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k}: ${n}`)
    .join(', ');

/** One line about mixed sources, or undefined when every file had the same size and mode. */
export function mixedSourcesLine(dir: string, { sizes, modes }: ImageFolderData['sources'], side: number, channels: 1 | 3): string | undefined {
  const parts: string[] = [];
  if (Object.keys(sizes).length > 1) parts.push(`${Object.keys(sizes).length} sizes (${counts(sizes)})`);
  if (Object.keys(modes).length > 1) parts.push(`${Object.keys(modes).length} colour modes (${counts(modes)})`);
  if (parts.length === 0) return undefined;
  return `${dir} holds images of ${parts.join(' and ')}; all were resized to ${side}x${side} and converted to ${channels === 1 ? 'grayscale' : 'RGB'}`;
}

export async function loadFolderImages(dir: string, o: FolderLoadOptions): Promise<ImageFolderData> {
  const log = o.log ?? ((l: string) => console.warn(l));
  let data: ImageFolderData;
  try {
    data = await loadImageFolder(dir, { size: o.side, channels: o.channels, limitInputPixels: o.maxImagePixels, onError: o.skipBadImages ? 'skip' : 'throw', log: (l) => log(`warning: ${l}`) });
  } catch (err) {
    const hint = err instanceof DataError ? HINTS[err.code] : undefined;
    throw hint ? (err as DataError).withHint(hint) : err;
  }
  const mixed = mixedSourcesLine(dir, data.sources, o.side, o.channels);
  if (mixed && o.strictImages) throw new DataError('mixed-images', mixed, 'Make the images one size and colour mode, or drop --strict-images.');
  if (mixed) log(`warning: ${mixed} (--strict-images makes this an error)`);
  return data;
}

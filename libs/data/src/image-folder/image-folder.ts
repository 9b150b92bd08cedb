/**
 * A folder of PNG / JPEG / WebP images, decoded and resized with sharp, scaled to [-1, 1]
 * (byte k -> k / 127.5 - 1) as [n, height, width, channels] float32. Files are read in name order;
 * hidden files (starting with '.') and sub-folders are ignored. A file that cannot be read is an
 * error naming it, or with onError: 'skip' a warning that lists every skipped file.
 */
import { type Dirent, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DataError, requireInt } from '../errors.js';
import type { ArrayField, InMemoryDataset } from '../in-memory.js';
import { type DecodedImage, type DecodeOptions, decodeImage, type SourceImage } from './decode-image.js';

export interface ImageFolderOptions extends Omit<DecodeOptions, 'width' | 'height' | 'channels'> {
  /** Target size: a side for square images, or [height, width]. */
  size: number | [number, number];
  /** 1 = grayscale, 3 = RGB (default 3). */
  channels?: 1 | 3;
  /** 'throw' (default): the first unreadable file is an error. 'skip': skip it, warn once at the end. */
  onError?: 'throw' | 'skip';
  /** Where the skip warning goes (default console.warn). */
  log?: (line: string) => void;
  /** Files decoded at once (default 4). */
  concurrency?: number;
}

export interface ImageFolderData extends InMemoryDataset {
  /** [n, height, width, channels] float32 in [-1, 1]. */
  x: ArrayField;
  /** The n files read, in the order of x. */
  files: string[];
  /** Files skipped with onError: 'skip', with the reason. */
  skipped: { file: string; reason: string }[];
  /** How many of the loaded files had each source size ('64x48') and colour mode ('rgb'), before resizing and conversion. */
  sources: { sizes: Record<string, number>; modes: Record<string, number> };
}

/** Loads every image in `dir`. */
export async function loadImageFolder(dir: string, opts: ImageFolderOptions): Promise<ImageFolderData> {
  const [height, width] = typeof opts.size === 'number' ? [opts.size, opts.size] : opts.size;
  const channels = opts.channels ?? 3;
  const step = opts.concurrency ?? 4;
  requireInt('height', height, 1);
  requireInt('width', width, 1);
  requireInt('concurrency', step, 1);
  const decode: DecodeOptions = { ...opts, width, height, channels };
  const candidates = listFiles(dir);
  const decoded: (DecodedImage | undefined)[] = new Array(candidates.length);
  const skipped: ImageFolderData['skipped'] = [];
  for (let start = 0; start < candidates.length; start += step) {
    const chunk = candidates.slice(start, start + step);
    const results = await Promise.allSettled(chunk.map((f) => decodeImage(f, decode)));
    results.forEach((r, k) => {
      if (r.status === 'fulfilled') decoded[start + k] = r.value;
      else if (opts.onError === 'skip' && r.reason instanceof DataError) skipped.push({ file: chunk[k], reason: r.reason.message });
      else throw r.reason;
    });
  }
  if (skipped.length > 0) {
    const list = skipped.map((s) => `  ${s.reason}`).join('\n');
    (opts.log ?? console.warn)(`Skipped ${skipped.length} of ${candidates.length} files in ${dir}:\n${list}`);
  }
  const files = candidates.filter((_, i) => decoded[i] !== undefined);
  if (files.length === 0) {
    throw new DataError('empty-folder', `${dir}: none of its ${candidates.length} files could be read`, 'Add PNG, JPEG or WebP images to it.');
  }
  const images = decoded.filter((d): d is DecodedImage => d !== undefined);
  const count = (key: (s: SourceImage) => string) => images.reduce<Record<string, number>>((c, d) => ({ ...c, [key(d.source)]: (c[key(d.source)] ?? 0) + 1 }), {});
  const sources = { sizes: count((s) => s.size), modes: count((s) => s.mode) };
  return { x: toField(images.map((d) => d.pixels), [height, width, channels]), files, skipped, sources };
}

/** Regular, non-hidden files of `dir`, sorted by name; DataErrors for a missing or empty folder. */
export function listFiles(dir: string): string[] {
  const abs = resolve(dir);
  let entries: Dirent[];
  try {
    if (!statSync(abs).isDirectory()) {
      throw new DataError('missing-folder', `${abs} is a file, not a folder of images`, 'Pass the folder that holds the images.');
    }
    entries = readdirSync(abs, { withFileTypes: true });
  } catch (err) {
    if (err instanceof DataError) throw err;
    throw new DataError('missing-folder', `image folder ${abs} does not exist or cannot be read`, 'Check the path (it is resolved from the working directory).');
  }
  const files = entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort();
  if (files.length === 0) {
    throw new DataError('empty-folder', `image folder ${abs} has no files`, 'Put PNG, JPEG or WebP images in it.');
  }
  return files.map((f) => join(abs, f));
}

function toField(images: Uint8Array[], shape: number[]): ArrayField {
  const size = shape[0] * shape[1] * shape[2];
  const out = new Float32Array(images.length * size);
  images.forEach((img, i) => {
    for (let p = 0; p < size; p++) out[i * size + p] = img[p] / 127.5 - 1;
  });
  return { data: out, shape: [images.length, ...shape] };
}

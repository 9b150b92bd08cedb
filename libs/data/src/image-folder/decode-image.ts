/**
 * Decodes one PNG / JPEG / WebP file with sharp into raw 8-bit pixels of a fixed size and channel
 * count. sharp's `limitInputPixels` refuses images with more pixels than the limit before decoding
 * them, so a hostile file (a tiny PNG that claims 50,000 x 50,000) cannot exhaust memory.
 * Failures become DataErrors that name the file and the cause.
 */
import { basename, extname } from 'node:path';
import sharp, { type KernelEnum } from 'sharp';
import { DataError } from '../errors.js';

/** Extensions read as images (case-insensitive). */
export const IMAGE_EXTENSIONS: readonly string[] = ['.png', '.jpg', '.jpeg', '.webp'];
const FORMATS = ['png', 'jpeg', 'webp'];

/** Default pixel limit (width x height of the source): 64 megapixels. */
export const DEFAULT_PIXEL_LIMIT = 64 * 1024 * 1024;

export interface DecodeOptions {
  width: number;
  height: number;
  /** 1 = grayscale (sharp's b-w conversion), 3 = sRGB. */
  channels: 1 | 3;
  /**
   * 'cover' (default): scale to cover the target, keep the aspect ratio, crop the centre.
   * 'fill': stretch to the target, ignoring the aspect ratio (nothing is cropped).
   */
  fit?: 'cover' | 'fill';
  /** Resampling kernel (default sharp's 'lanczos3'). */
  kernel?: keyof KernelEnum;
  /** Largest width x height accepted (default DEFAULT_PIXEL_LIMIT). */
  limitInputPixels?: number;
  /** Colour that transparent pixels are flattened onto (default black). */
  background?: string;
}

/** What a file was before decoding: its size and colour mode (for the mixed-folder report). */
export interface SourceImage {
  /** 'widthxheight', e.g. '64x48'. */
  size: string;
  mode: 'grey' | 'grey+alpha' | 'rgb' | 'rgba';
}

export interface DecodedImage {
  /** Raw pixels [height, width, channels] as bytes 0..255. */
  pixels: Uint8Array;
  source: SourceImage;
}

const MODES: Record<number, SourceImage['mode']> = { 1: 'grey', 2: 'grey+alpha', 3: 'rgb', 4: 'rgba' };

/** The file's pixels at the requested size and channels, and what it was before. */
export async function decodeImage(file: string, opts: DecodeOptions): Promise<DecodedImage> {
  const ext = extname(file).toLowerCase();
  if (!IMAGE_EXTENSIONS.includes(ext)) {
    throw new DataError(
      'not-an-image',
      `${file} is not an image (extension '${ext || '(none)'}'; PNG, JPEG and WebP are read)`,
      'Remove the file from the folder, or skip unreadable files with a warning.',
      file,
    );
  }
  const limit = opts.limitInputPixels ?? DEFAULT_PIXEL_LIMIT;
  try {
    const img = sharp(file, { limitInputPixels: limit });
    const meta = await img.metadata();
    if (!meta.format || !FORMATS.includes(meta.format)) throw new Error(`unsupported image format ${meta.format}`);
    const pipeline = img
      .flatten({ background: opts.background ?? '#000000' })
      .resize(opts.width, opts.height, { fit: opts.fit ?? 'cover', kernel: opts.kernel });
    const coloured = opts.channels === 1 ? pipeline.grayscale() : pipeline.toColourspace('srgb');
    const { data, info } = await coloured.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    if (info.channels !== opts.channels || info.width !== opts.width || info.height !== opts.height) {
      throw new Error(`decoded to ${info.width}x${info.height}x${info.channels}, not ${opts.width}x${opts.height}x${opts.channels}`);
    }
    const source: SourceImage = { size: `${meta.width}x${meta.height}`, mode: MODES[meta.channels ?? 3] ?? 'rgb' };
    return { pixels: new Uint8Array(data.buffer, data.byteOffset, data.length), source };
  } catch (err) {
    throw classify(file, err, limit);
  }
}

function classify(file: string, err: unknown, limit: number): DataError {
  const msg = err instanceof Error ? err.message : String(err);
  const skip = 'or skip unreadable files with a warning';
  if (/pixel limit/i.test(msg)) {
    return new DataError(
      'oversized-image',
      `${file} has more pixels than the limit of ${limit} (limitInputPixels)`,
      `Downscale the image, raise the pixel limit if you trust the file, ${skip}.`,
      file,
    );
  }
  if (/unsupported image format/i.test(msg)) {
    return new DataError(
      'not-an-image',
      `${file} is not a PNG, JPEG or WebP image (${basename(file)}: ${msg})`,
      `Convert or remove the file, ${skip}.`,
      file,
    );
  }
  return new DataError('corrupt-image', `${file} is corrupt or truncated (sharp: ${msg})`, `Re-export or remove the file, ${skip}.`, file);
}

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../errors.js';
import { loadImageFolder } from './image-folder.js';

let root: string;
const W = 4;
const H = 3;
// Known RGB bytes for a 4x3 image (a fixed pattern covering 0 and 255).
const RGB = Uint8Array.from({ length: W * H * 3 }, (_, i) => (i * 67 + 13) % 256);
RGB[0] = 0;
RGB[1] = 255;
const GRAY = Uint8Array.from({ length: W * H }, (_, i) => i * 23); // 0..253

const raw = (data: Uint8Array, width: number, height: number, channels: 1 | 3 | 4) =>
  sharp(Buffer.from(data), { raw: { width, height, channels } });

/** A folder with the given files; returns its path. */
function folder(name: string, files: Record<string, Buffer | string>): string {
  const dir = join(root, name);
  mkdirSync(dir);
  for (const [f, content] of Object.entries(files)) writeFileSync(join(dir, f), content);
  return dir;
}

/** Expected [-1, 1] value of byte k: k / 127.5 - 1 (the documented scaling). */
const scaled = (k: number): number => k / 127.5 - 1;

let rgbPng: Buffer;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'sg-images-'));
  rgbPng = await raw(RGB, W, H, 3).png().toBuffer();
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

function expectPixels(got: Float32Array, bytes: ArrayLike<number>, tolerance = 1e-6): void {
  expect(got.length).toBe(bytes.length);
  let maxErr = 0;
  for (let i = 0; i < bytes.length; i++) maxErr = Math.max(maxErr, Math.abs(got[i] - scaled(bytes[i])));
  expect(maxErr).toBeLessThanOrEqual(tolerance);
}

describe('loadImageFolder', () => {
  it('basic: decodes lossless PNG and WebP to the known RGB values in [-1, 1]', async () => {
    const webp = await raw(RGB, W, H, 3).webp({ lossless: true }).toBuffer();
    const dir = folder('rgb', { 'a.png': rgbPng, 'b.webp': webp });
    const data = await loadImageFolder(dir, { size: [H, W], channels: 3 });
    expect(data.x.shape).toEqual([2, H, W, 3]);
    expect(data.files.map((f) => f.slice(dir.length + 1))).toEqual(['a.png', 'b.webp']);
    const size = W * H * 3;
    expectPixels(data.x.data.subarray(0, size) as Float32Array, RGB);
    expectPixels(data.x.data.subarray(size) as Float32Array, RGB);
  });

  it('decodes JPEG within the codec error', async () => {
    // A flat colour survives JPEG (quality 95) within a few levels; 3 / 127.5 allows 3 levels.
    const flat = new Uint8Array(16 * 16 * 3).map((_, i) => [200, 100, 30][i % 3]);
    const dir = folder('jpeg', { 'c.jpg': await raw(flat, 16, 16, 3).jpeg({ quality: 95 }).toBuffer() });
    const data = await loadImageFolder(dir, { size: 16, channels: 3 });
    expectPixels(data.x.data as Float32Array, flat, 3 / 127.5 + 1e-6);
  });

  it('reads grayscale, and converts between gray and RGB', async () => {
    // Gray pixels (v, v, v) stay v under any luminance weights that sum to 1.
    const grayRgb = Uint8Array.from(RGB, (_, i) => RGB[i - (i % 3)]);
    const dir = folder('gray', {
      'g.png': await raw(GRAY, W, H, 1).png().toBuffer(),
      'h.png': await raw(grayRgb, W, H, 3).png().toBuffer(),
    });
    const gray = await loadImageFolder(dir, { size: [H, W], channels: 1 });
    expect(gray.x.shape).toEqual([2, H, W, 1]);
    expectPixels(gray.x.data.subarray(0, W * H) as Float32Array, GRAY);
    expectPixels(gray.x.data.subarray(W * H) as Float32Array, Uint8Array.from({ length: W * H }, (_, p) => grayRgb[3 * p]));
    const rgb = await loadImageFolder(dir, { size: [H, W], channels: 3 });
    // A grayscale file read as RGB repeats its value in the three channels.
    expectPixels(rgb.x.data.subarray(0, W * H * 3) as Float32Array, Uint8Array.from({ length: W * H * 3 }, (_, i) => GRAY[Math.floor(i / 3)]));
  });

  it('counts the source sizes and colour modes of a mixed folder', async () => {
    const dir = folder('sizes-and-modes', {
      'a.png': rgbPng,
      'b.png': rgbPng,
      'g.png': await raw(GRAY, W, H, 1).toColourspace('b-w').png().toBuffer(), // a 1-channel PNG (sharp writes raw grey as RGB otherwise)
      'big.png': await raw(new Uint8Array(8 * 6 * 4), 8, 6, 4).png().toBuffer(),
    });
    const data = await loadImageFolder(dir, { size: 4, channels: 1 });
    expect(data.sources.sizes).toEqual({ '4x3': 3, '8x6': 1 });
    expect(data.sources.modes).toEqual({ rgb: 2, grey: 1, rgba: 1 });
  });

  it("resizes with fit 'cover' (centre crop) or 'fill' (stretch)", async () => {
    // 6x1 image, columns 0, 20, ..., 100. To 2x1 ('nearest' kernel): cover keeps the aspect ratio
    // by cropping the centre 2 columns (40, 60); fill squeezes all 6 columns into 2.
    const cols = Uint8Array.from({ length: 6 }, (_, i) => i * 20);
    const dir = folder('fit', { 'f.png': await raw(cols, 6, 1, 1).png().toBuffer() });
    const cover = await loadImageFolder(dir, { size: [1, 2], channels: 1, fit: 'cover', kernel: 'nearest' });
    expectPixels(cover.x.data as Float32Array, [40, 60]);
    const fill = await loadImageFolder(dir, { size: [1, 2], channels: 1, fit: 'fill', kernel: 'nearest' });
    // Nearest sampling of 6 -> 2 takes one column from each half: left in {0, 20, 40}, right in {60, 80, 100}.
    const [l, r] = Array.from(fill.x.data, (v) => Math.round((v + 1) * 127.5));
    expect([0, 20, 40]).toContain(l);
    expect([60, 80, 100]).toContain(r);
  });

  it('flattens transparency onto black', async () => {
    const rgba = Uint8Array.from([200, 100, 50, 0, 200, 100, 50, 255, 200, 100, 50, 128, 10, 20, 30, 255]);
    const dir = folder('alpha', { 'a.png': await raw(rgba, 2, 2, 4).png().toBuffer() });
    const data = await loadImageFolder(dir, { size: 2, channels: 3 });
    // Over black: c * alpha / 255 (alpha 128: 200 -> 100.4, 100 -> 50.2, 50 -> 25.1); 1 level of rounding.
    expectPixels(data.x.data as Float32Array, [0, 0, 0, 200, 100, 50, 100.4, 50.2, 25.1, 10, 20, 30], 1 / 127.5);
  });
});

describe('loadImageFolder errors', () => {
  async function errorOf(p: Promise<unknown>): Promise<DataError> {
    const err = await p.then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    return err as DataError;
  }

  it('throws when the folder is missing', async () => {
    const err = await errorOf(loadImageFolder(join(root, 'nope'), { size: 8 }));
    expect(err.code).toBe('missing-folder');
    expect(err.message).toMatch(/image folder .*nope does not exist.*Check the path/);
  });

  it('throws when the folder is empty', async () => {
    const err = await errorOf(loadImageFolder(folder('empty', {}), { size: 8 }));
    expect(err.code).toBe('empty-folder');
    expect(err.message).toMatch(/empty has no files\. Put PNG, JPEG or WebP images in it/);
  });

  it('throws when a file is not an image, naming it', async () => {
    const dir = folder('text', { 'a.png': rgbPng, 'notes.txt': 'hello' });
    const err = await errorOf(loadImageFolder(dir, { size: 8 }));
    expect(err.code).toBe('not-an-image');
    expect(err.file).toBe(join(dir, 'notes.txt'));
    expect(err.message).toMatch(/notes\.txt is not an image \(extension '\.txt'.*skip unreadable files with a warning/);
  });

  it('throws when a .png holds something else', async () => {
    const err = await errorOf(loadImageFolder(folder('fake', { 'fake.png': 'plain text' }), { size: 8 }));
    expect(err.code).toBe('not-an-image');
    expect(err.message).toMatch(/fake\.png is not a PNG, JPEG or WebP image/);
  });

  it('throws when a PNG is corrupt (valid header, garbage after)', async () => {
    // The 8-byte PNG signature and the IHDR chunk (33 bytes), then garbage.
    const corrupt = Buffer.concat([rgbPng.subarray(0, 33), Buffer.alloc(64, 0x41)]);
    const err = await errorOf(loadImageFolder(folder('corrupt', { 'bad.png': corrupt }), { size: 8 }));
    expect(err.code).toBe('corrupt-image');
    expect(err.message).toMatch(/bad\.png is corrupt or truncated \(sharp: .+\)\. Re-export or remove the file/);
  });

  it('throws when an image has more pixels than the limit', async () => {
    const big = await raw(new Uint8Array(100 * 100), 100, 100, 1).png().toBuffer(); // 10,000 pixels
    const dir = folder('big', { 'big.png': big });
    const err = await errorOf(loadImageFolder(dir, { size: 8, limitInputPixels: 5000 }));
    expect(err.code).toBe('oversized-image');
    expect(err.message).toMatch(/big\.png has more pixels than the limit of 5000 \(limitInputPixels\)/);
    // The same file under a limit it fits is fine.
    expect((await loadImageFolder(dir, { size: 8, limitInputPixels: 10_000 })).x.shape).toEqual([1, 8, 8, 3]);
  });

  it("skips unreadable files with one warning listing them when onError is 'skip'", async () => {
    const corrupt = Buffer.concat([rgbPng.subarray(0, 33), Buffer.alloc(64, 0x41)]);
    const dir = folder('mixed', { 'a.png': rgbPng, 'b.png': corrupt, 'c.txt': 'x', 'd.png': rgbPng, '.hidden': 'x' });
    const lines: string[] = [];
    const data = await loadImageFolder(dir, { size: [H, W], onError: 'skip', log: (l) => lines.push(l) });
    expect(data.files.map((f) => f.slice(dir.length + 1))).toEqual(['a.png', 'd.png']);
    expect(data.x.shape).toEqual([2, H, W, 3]);
    expect(data.skipped.map((s) => s.file.slice(dir.length + 1))).toEqual(['b.png', 'c.txt']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Skipped 2 of 4 files in .*mixed:\n.*b\.png is corrupt.*\n.*c\.txt is not an image/);
  });

  it('throws when the size is not a positive integer', async () => {
    const err = await errorOf(loadImageFolder(folder('size', { 'a.png': rgbPng }), { size: [0, 8] }));
    expect(err.code).toBe('bad-option');
    expect(err.message).toMatch(/height must be an integer >= 1, got 0/);
  });

  it("throws when onError is 'skip' and no file is readable", async () => {
    const dir = folder('allbad', { 'x.txt': 'x' });
    const err = await errorOf(loadImageFolder(dir, { size: 8, onError: 'skip', log: () => undefined }));
    expect(err.code).toBe('empty-folder');
    expect(err.message).toMatch(/none of its 1 files could be read/);
  });
});

/**
 * Image folders for the image families' bad-input tests: empty, a text file, a truncated PNG, a
 * 200x200 image (a pixel bomb under a low --max-image-pixels), three good images, a folder with
 * one bad file among good ones, and a folder of mixed sizes and colour modes.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import sharp from 'sharp';

export interface TestFolders {
  missing: string;
  empty: string;
  textFile: string;
  corrupt: string;
  big: string;
  three: string;
  oneBad: string;
  mixed: string;
}

const grey = (side: number, v: number) => sharp({ create: { width: side, height: side, channels: 3, background: { r: v, g: v, b: v } } }).png().toBuffer();

/** Writes the folders under `root` (which must exist). */
export async function writeTestFolders(root: string, side = 16): Promise<TestFolders> {
  const d = (name: string) => path.join(root, name);
  const f: TestFolders = { missing: d('nope'), empty: d('empty'), textFile: d('text'), corrupt: d('corrupt'), big: d('big'), three: d('three'), oneBad: d('one-bad'), mixed: d('mixed') };
  for (const [k, dir] of Object.entries(f)) if (k !== 'missing') fs.mkdirSync(dir, { recursive: true });
  const png = await grey(side, 128);
  fs.writeFileSync(path.join(f.textFile, 'notes.txt'), 'not an image');
  fs.writeFileSync(path.join(f.corrupt, 'broken.png'), Buffer.concat([png.subarray(0, 40), Buffer.alloc(64, 7)]));
  await sharp({ create: { width: 200, height: 200, channels: 3, background: '#fff' } }).png().toFile(path.join(f.big, 'huge.png'));
  for (let i = 0; i < 3; i++) fs.writeFileSync(path.join(f.three, `${i}.png`), png);
  for (let i = 0; i < 8; i++) fs.writeFileSync(path.join(f.oneBad, `${i}.png`), await grey(side, 30 * i));
  fs.writeFileSync(path.join(f.oneBad, 'zz-notes.txt'), 'not an image');
  for (let i = 0; i < 6; i++) fs.writeFileSync(path.join(f.mixed, `rgb-${i}.png`), await grey(side, 40 * i));
  for (let i = 0; i < 2; i++) await sharp(Buffer.alloc(2 * side * side, 90), { raw: { width: 2 * side, height: side, channels: 1 } }).toColourspace('b-w').png().toFile(path.join(f.mixed, `wide-grey-${i}.png`));
  return f;
}

import { backend_util } from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { planFilterGradConv } from './filter-grad-as-conv.js';

type Shape4 = [number, number, number, number];
const info = (x: Shape4, w: Shape4, stride: number | [number, number], pad: 'same' | 'valid', dilation = 1) =>
  backend_util.computeConv2DInfo(x, w, stride, dilation, pad);

describe('planFilterGradConv', () => {
  it('DCGAN critic conv (k4 s2 same on 14x14): pads (1, 1) so the dilated conv yields 4x4 taps', () => {
    // 'same': total pad (7 - 1) * 2 + 4 - 14 = 2, top 1; bottom = 4 + 6 * 2 - 14 - 1 = 1
    expect(planFilterGradConv(info([64, 14, 14, 32], [4, 4, 32, 64], 2, 'same'))).toEqual({ pad: [[0, 0], [1, 1], [1, 1], [0, 0]], dilations: [2, 2] });
  });

  it('valid with every row of x used: no padding; strides per axis become the dilations', () => {
    expect(planFilterGradConv(info([2, 11, 11, 8], [3, 3, 8, 4], 2, 'valid'))).toEqual({ pad: [[0, 0], [0, 0], [0, 0], [0, 0]], dilations: [2, 2] });
    expect(planFilterGradConv(info([2, 9, 10, 8], [3, 3, 8, 3], [2, 1], 'same'))?.dilations).toEqual([2, 1]);
  });

  it('no plan: stride 1, fewer than 8 input channels, a dilated forward conv, or rows of x the conv never reads', () => {
    expect(planFilterGradConv(info([2, 8, 8, 32], [3, 3, 32, 8], 1, 'same'))).toBeUndefined();
    expect(planFilterGradConv(info([64, 28, 28, 1], [4, 4, 1, 32], 2, 'same'))).toBeUndefined();
    expect(planFilterGradConv(info([2, 12, 12, 8], [3, 3, 8, 4], 2, 'same', 2))).toBeUndefined(); // tfjs refuses stride and dilation both > 1; any dilation goes to im2col
    expect(planFilterGradConv(info([2, 10, 10, 8], [3, 3, 8, 4], 2, 'valid'))).toBeUndefined(); // bottom = 3 + 3 * 2 - 10 = -1
  });
});

import { describe, expect, test } from 'vitest';
import { withDataFolderFlag } from './data-folder-flag.js';

describe('withDataFolderFlag', () => {
  test('--data <path> and --data=<path> become --dataset folder:<path>; the other flags keep their order', () => {
    expect(withDataFolderFlag(['--steps', '5', '--data', './my images', '--lr=0.1'])).toEqual(['--steps', '5', '--lr=0.1', '--dataset', 'folder:./my images']);
    expect(withDataFolderFlag(['--data=/tmp/x'])).toEqual(['--dataset', 'folder:/tmp/x']);
  });

  test('argv without --data is returned unchanged (--dataset, --data-like names included)', () => {
    const argv = ['--dataset', 'mnist', '--database', 'y', '--steps=3'];
    expect(withDataFolderFlag(argv)).toEqual(argv);
  });

  test.each([
    [['--data'], /^--data needs a folder of images/],
    [['--data', '--steps', '3'], /^--data needs a folder of images/],
    [['--data='], /^--data needs a folder of images/],
    [['--data', 'a', '--data=b'], /^--data given twice \(a, b\)/],
    [['--data', 'a', '--dataset', 'mnist'], /^--data a and --dataset both name the training data/],
    [['--dataset=mnist', '--data=a'], /^--data a and --dataset both name the training data/],
  ])('%j is refused with one message', (argv, message) => {
    expect(() => withDataFolderFlag(argv)).toThrow(message);
  });
});

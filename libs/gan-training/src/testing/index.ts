/** @stablegen/gan-training/testing: fixtures the image families' tests share. */
export { writeTestFolders, type TestFolders } from './image-folders.js';

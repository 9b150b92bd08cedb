/** Trains the MNIST classifier that FD-MNIST and class coverage use; writes datasets/mnist-classifier/. */
export {};

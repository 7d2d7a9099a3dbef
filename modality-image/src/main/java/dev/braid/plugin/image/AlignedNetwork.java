package dev.braid.plugin.image;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;
import java.util.List;

/**
 * The image-aligned network, built from DJL blocks. Input 0: RGB pixels {@code (N, 3, size, size)}; input 1 (only
 * with {@code handcrafted}): the hand-crafted descriptor {@code (N, F)}. Four blocks of 3x3 convolution + batch
 * norm + ReLU, the first three followed by 2x2 max pooling and the last by global average pooling; the CNN
 * features (and the batch-normalised descriptor) are concatenated, dropped out (20 %) and mapped by one linear
 * layer to the target dimension. The output is not normalised: cosine loss and encoding normalise it.
 *
 * @param size        side of the square input
 * @param width       channels of the first block (doubled per block, at most 256)
 * @param handcrafted whether input 1 exists
 * @param featureDim  length of the hand-crafted descriptor (ignored without it)
 * @param dimension   output dimension
 */
record AlignedNetwork(int size, int width, boolean handcrafted, int featureDim, int dimension) {
    static final int BLOCKS = 4;

    /** A fresh, uninitialised block. */
    Block build() {
        SequentialBlock cnn = new SequentialBlock();
        if (handcrafted) {
            cnn.add(list -> new NDList(list.get(0)));
        }
        int channels = width;
        for (int b = 0; b < BLOCKS; b++) {
            cnn.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                            .setFilters(channels).optBias(false).build())
                    .add(BatchNorm.builder().build())
                    .add(Activation.reluBlock())
                    .add(b < BLOCKS - 1 ? Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2))
                            : Pool.globalAvgPool2dBlock());
            channels = Math.min(256, channels * 2);
        }
        cnn.add(Blocks.batchFlattenBlock());
        SequentialBlock net = new SequentialBlock();
        if (handcrafted) {
            SequentialBlock descriptor = new SequentialBlock()
                    .add(list -> new NDList(list.get(1)))
                    .add(BatchNorm.builder().build()); // per-dimension standardisation, learned with the rest
            net.add(new ParallelBlock(AlignedNetwork::concat, List.of(cnn, descriptor)));
        } else {
            net.add(cnn);
        }
        net.add(Dropout.builder().optRate(0.2f).build());
        net.add(Linear.builder().setUnits(dimension).build());
        return net;
    }

    private static NDList concat(List<NDList> branches) {
        return new NDList(NDArrays.concat(new NDList(branches.get(0).singletonOrThrow(),
                branches.get(1).singletonOrThrow()), 1));
    }

    /** The input shapes for a batch of {@code n}. */
    Shape[] inputShapes(int n) {
        Shape pixels = new Shape(n, 3, size, size);
        return handcrafted ? new Shape[] {pixels, new Shape(n, featureDim)} : new Shape[] {pixels};
    }

    /** The inputs of a batch as arrays of {@code manager}. */
    NDList inputs(NDManager manager, List<AlignedInput> batch, boolean[] flip) {
        int n = batch.size();
        int plane = size * size;
        float[] px = new float[n * 3 * plane];
        for (int i = 0; i < n; i++) {
            float[] p = batch.get(i).pixels();
            if (flip != null && flip[i]) {
                AlignedInput.flipInto(p, size, px, i * 3 * plane);
            } else {
                System.arraycopy(p, 0, px, i * 3 * plane, 3 * plane);
            }
        }
        NDArray pixels = manager.create(px, new Shape(n, 3, size, size));
        if (!handcrafted) {
            return new NDList(pixels);
        }
        float[] f = new float[n * featureDim];
        for (int i = 0; i < n; i++) {
            System.arraycopy(batch.get(i).features(), 0, f, i * featureDim, featureDim);
        }
        return new NDList(pixels, manager.create(f, new Shape(n, featureDim)));
    }

    /** Initialises {@code block} (from {@link #build}) on {@code manager}. */
    void initialize(Block block, NDManager manager) {
        block.initialize(manager, DataType.FLOAT32, inputShapes(1));
    }
}

package io.smartnas.evaluator.data;

import java.util.Random;

/**
 * The deterministic split of a training file into training and validation images: one permutation drawn from the
 * split seed; the first {@code validation} images of it validate (what a search optimises), the rest train.
 *
 * @param train      training images, in the permuted order, so that a fidelity's subset is its first images
 * @param validation validation images
 */
public record Split(ImageSet train, ImageSet validation) {
    /** In the standard split, one training image in this many validates, unless that is fewer than the least. */
    public static final int VALIDATION_SHARE = 12;
    /**
     * The fewest validation images the standard split keeps, where a quarter of the images allows it: with 100
     * (a 1,200-image folder's twelfth) a candidate's accuracy moves in steps of 1%, too coarse to rank on.
     */
    public static final int LEAST_VALIDATION = 500;

    /**
     * The split every SmartNAS command uses: one image in {@value #VALIDATION_SHARE} validates (5,000 of
     * Fashion-MNIST's 60,000), but at least {@value #LEAST_VALIDATION} or a quarter of the images, whichever is fewer
     * (300 of a 1,200-image folder), drawn with {@code seed}, so a model's validation images can be found again.
     */
    public static Split standard(ImageSet images, long seed) {
        int size = images.size();
        return of(images, Math.max(1, Math.max(size / VALIDATION_SHARE, Math.min(size / 4, LEAST_VALIDATION))),
                seed);
    }

    /**
     * @throws IllegalArgumentException if {@code validation} leaves no training image
     */
    public static Split of(ImageSet images, int validation, long seed) {
        if (validation < 1 || validation >= images.size()) {
            throw new IllegalArgumentException("a validation split of " + validation + " images out of "
                    + images.size() + " leaves nothing to train or validate on");
        }
        int[] order = permutation(images.size(), new Random(seed));
        int[] validationIndices = new int[validation];
        int[] trainIndices = new int[images.size() - validation];
        System.arraycopy(order, 0, validationIndices, 0, validation);
        System.arraycopy(order, validation, trainIndices, 0, trainIndices.length);
        return new Split(images.select(trainIndices), images.select(validationIndices));
    }

    /** A uniformly random permutation of {@code 0..n-1} (Fisher-Yates). */
    static int[] permutation(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}

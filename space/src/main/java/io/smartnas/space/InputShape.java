package io.smartnas.space;

/**
 * The shape of one input image, {@code [channels, height, width]}.
 *
 * @throws InvalidConfigException if any dimension is not positive
 */
public record InputShape(int channels, int height, int width) {
    /** The most channels of an input image. */
    public static final int MAX_CHANNELS = 16;
    /** The largest height and width of an input image. */
    public static final int MAX_SIDE = 512;

    public InputShape {
        if (channels < 1 || height < 1 || width < 1) {
            throw new InvalidConfigException("input", "must be three positive numbers [channels, height, width], got ["
                    + channels + ", " + height + ", " + width + "]");
        }
        if (channels > MAX_CHANNELS || height > MAX_SIDE || width > MAX_SIDE) {
            throw new InvalidConfigException("input", "must have at most " + MAX_CHANNELS + " channels and at most "
                    + MAX_SIDE + " pixels a side, got [" + channels + ", " + height + ", " + width + "]");
        }
    }

    /** As the config file writes it: {@code [1, 28, 28]} (channels, height, width). */
    @Override
    public String toString() {
        return "[" + channels + ", " + height + ", " + width + "]";
    }

    /**
     * The number of resolution levels below full size: the largest {@code l <= 3} with height and width divisible by
     * {@code 2^l} and both {@code height / 2^l} and {@code width / 2^l} at least 4.
     */
    public int levels() {
        int levels = 0;
        for (int l = 1; l <= 3; l++) {
            int f = 1 << l;
            if (height % f != 0 || width % f != 0 || height / f < 4 || width / f < 4) {
                break;
            }
            levels = l;
        }
        return levels;
    }

    /** Height of a feature map at {@code level}. */
    public int height(int level) {
        return height >> level;
    }

    /** Width of a feature map at {@code level}. */
    public int width(int level) {
        return width >> level;
    }

    /** Values in one image. */
    public long size() {
        return (long) channels * height * width;
    }
}

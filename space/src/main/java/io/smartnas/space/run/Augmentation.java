package io.smartnas.space.run;

/**
 * How training images are varied each time they are drawn: a random crop of the image padded by {@code cropPadding}
 * pixels of value 0 on every side (a shift of up to that many pixels each way, what torchvision's
 * {@code RandomCrop(size, padding)} does), and with {@code flip}, a mirror image half of the time (its
 * {@code RandomHorizontalFlip}). Validation and test images are never varied.
 *
 * @param cropPadding the most pixels an image is shifted by, 0 for none
 * @param flip        whether half the images are mirrored left to right
 */
public record Augmentation(int cropPadding, boolean flip) {
    /** The images as they are. */
    public static final Augmentation NONE = new Augmentation(0, false);
    /** The most padding: beyond it a crop of a small image is mostly padding. */
    public static final int MAX_PADDING = 16;

    public Augmentation {
        if (cropPadding < 0 || cropPadding > MAX_PADDING) {
            throw new IllegalArgumentException("crop padding must be 0.." + MAX_PADDING + " pixels, got "
                    + cropPadding);
        }
    }

    /** Whether it varies anything. */
    public boolean any() {
        return cropPadding > 0 || flip;
    }

    /** As provenance: {@code none}, or {@code crop 2, flip}. */
    public String label() {
        if (!any()) {
            return "none";
        }
        return (cropPadding > 0 ? "crop " + cropPadding : "") + (cropPadding > 0 && flip ? ", " : "")
                + (flip ? "flip" : "");
    }
}

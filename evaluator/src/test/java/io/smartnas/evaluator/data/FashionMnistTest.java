package io.smartnas.evaluator.data;

import io.smartnas.space.InputShape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads the real Fashion-MNIST of Debian's dataset-fashion-mnist package, which CI installs. */
class FashionMnistTest {
    @Test
    void debiansFashionMnistReadsAsSixtyThousandAndTenThousandImagesInTenClasses() {
        DataSource data = DataSource.idx(DataSource.FASHION_MNIST);
        assertEquals(60_000, data.train().size());
        assertEquals(10_000, data.test().size());
        assertEquals(new InputShape(1, 28, 28), data.train().shape());
        assertEquals(10, data.train().classes());
        Normalization n = data.train().first(5000).statistics();
        assertTrue(n.mean() > 0.2 && n.mean() < 0.4, "Fashion-MNIST's mean pixel is about 0.29: " + n.mean());
    }
}

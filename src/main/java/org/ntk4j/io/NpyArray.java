package org.ntk4j.io;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Objects;

/**
 * An n-dimensional array of doubles as a .npy file holds it: a shape and the elements in C
 * (row-major) order. A 0-D array has shape {@code []} and one element.
 *
 * <p>The shape is copied; {@code data} is shared, not copied, because it can be gigabytes.
 *
 * @param shape the dimensions, each &ge; 0
 * @param data  the elements, as many as the product of the dimensions
 */
public record NpyArray(int[] shape, double[] data) {

    /** @throws IllegalArgumentException if a dimension is negative or the shape does not fit the data */
    public NpyArray {
        Objects.requireNonNull(shape, "shape");
        Objects.requireNonNull(data, "data");
        shape = shape.clone();
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + NpyHeader.repr(shape));
            }
        }
        BigInteger count = NpyHeader.elementCount(shape);
        if (!count.equals(BigInteger.valueOf(data.length))) {
            throw new IllegalArgumentException("shape " + NpyHeader.repr(shape) + " holds " + count
                    + " elements but data has " + data.length);
        }
    }

    /** A copy of the dimensions. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The number of dimensions. */
    public int rank() {
        return shape.length;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && Arrays.equals(shape, a.shape) && Arrays.equals(data, a.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    /** Shape only: the data can be large. */
    @Override
    public String toString() {
        return "NpyArray" + NpyHeader.repr(shape);
    }
}

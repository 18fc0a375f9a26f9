package org.ntk4j.predict;

import org.ejml.data.DMatrixRMaj;

/**
 * A Gaussian over the outputs at m test points: every output column has the same m × m
 * covariance (the kernels are shared by the k outputs). The matrices belong to the caller.
 *
 * @param mean       m × k
 * @param covariance m × m
 */
public record Gaussian(DMatrixRMaj mean, DMatrixRMaj covariance) {
}

#!/usr/bin/env python3
"""Largest error in ulps of VectorMath.acos/asin against mpmath (50 digits) on 10^6 points.

Rerun (from the repository root, after mvn package):
  J=/usr/lib/jvm/temurin-25-jdk-amd64/bin
  $J/javac --add-modules=jdk.incubator.vector -cp target/classes -d /tmp/arcdump tools/ArcDump.java
  $J/java --add-modules=jdk.incubator.vector -cp target/classes:/tmp/arcdump \
      org.ntk4j.simd.ArcDump /tmp/arc.bin 1000000 1
  python3 tools/measure_arc_ulps.py /tmp/arc.bin
The ulp is that of the largest double not above |exact| (as Ulps.between in the tests).
"""
import math
import sys

import mpmath as mp
import numpy as np

mp.mp.dps = 50


def ulp_err(value, exact):
    if exact == 0:
        return 0.0 if value == 0 else math.inf
    d = abs(float(exact))
    if mp.mpf(d) > abs(exact):
        d = math.nextafter(d, 0)
    return float(abs(mp.mpf(value) - exact) / math.ulp(d))


def main():
    data = np.fromfile(sys.argv[1], dtype='<f8')
    n = data.size // 3
    x, acos, asin = data[:n], data[n:2 * n], data[2 * n:]
    for name, f, got in (("acos", mp.acos, acos), ("asin", mp.asin, asin)):
        worst, at, total = 0.0, None, 0.0
        for xi, gi in zip(x.tolist(), got.tolist()):
            e = ulp_err(gi, f(mp.mpf(xi)))
            total += e
            if e > worst:
                worst, at = e, xi
        print(f"{name}: {n} points, max {worst:.3f} ulp at x = {at!r}, mean {total / n:.3f} ulp")


if __name__ == "__main__":
    main()

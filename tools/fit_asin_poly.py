#!/usr/bin/env python3
"""Near-minimax polynomial for VectorMath's arcsine core, fitted with mpmath.

asin(s) = s + s z P(z) with z = s^2, 0 <= s <= 1/2 (so 0 <= z <= 1/4). P approximates
f(z) = (asin(sqrt z) - sqrt z) / z^(3/2) (f(0) = 1/6) with minimal *relative* error, found by the
Remez exchange algorithm started from Chebyshev nodes; the coefficients are then rounded to
doubles and the rounded polynomial is re-measured on a dense grid.

The error minimised is the one that reaches the result: s z (P - f) relative to asin s, that is
w(z) (P(z) - f(z)) with w(z) = z / (1 + z f(z)). It vanishes at z = 0, so P(0) need not be 1/6 to
the last bit, and the polynomial spends its accuracy where the correction s z P is large.

Rerun:  python3 tools/fit_asin_poly.py [degree]     (default 11; needs mpmath)
Prints the Java constants for VectorMath and the measured relative error of P.
"""
import sys

import mpmath as mp

mp.mp.dps = 60
# the weighted error is 0 at z = 0: start the grid just above it (w(z) = 0 is not invertible)
A, B = mp.mpf(2) ** -40, mp.mpf(1) / 4


def f(z):
    if z == 0:
        return mp.mpf(1) / 6
    s = mp.sqrt(z)
    return (mp.asin(s) - s) / (z * s)


def horner(c, z):
    r = mp.mpf(0)
    for a in reversed(c):
        r = r * z + a
    return r


def weight(z):
    return z / (1 + z * f(z))


def rel_err(c, z):
    """The relative error of s + s z P(z) as an approximation of asin s."""
    return weight(z) * (horner(c, z) - f(z))


def solve(nodes, deg):
    """w_i (P(x_i) - f(x_i)) = (-1)^i E: deg + 2 equations in deg + 1 coefficients and E."""
    m = deg + 2
    mat = mp.matrix(m, m)
    rhs = mp.matrix(m, 1)
    for i, x in enumerate(nodes):
        fx = f(x)
        for j in range(deg + 1):
            mat[i, j] = x ** j
        mat[i, deg + 1] = -(-1) ** i / weight(x)
        rhs[i] = fx
    sol = mp.lu_solve(mat, rhs)
    return [sol[j] for j in range(deg + 1)], sol[deg + 1]


def extrema(c, grid):
    """One extremum of the error per sign run on the grid (the alternation points)."""
    e = [rel_err(c, z) for z in grid]
    pts = []
    i = 0
    while i < len(grid):
        j = i
        best = i
        while j < len(grid) and mp.sign(e[j]) == mp.sign(e[i]):
            if abs(e[j]) > abs(e[best]):
                best = j
            j += 1
        pts.append((grid[best], e[best]))
        i = j
    return pts


def remez(deg, iterations=12, gridsize=4000):
    m = deg + 2
    nodes = [(A + B) / 2 - (B - A) / 2 * mp.cos(mp.pi * i / (m - 1)) for i in range(m)]
    grid = [A + (B - A) * (1 - mp.cos(mp.pi * i / gridsize)) / 2 for i in range(gridsize + 1)]
    c = None
    for _ in range(iterations):
        c, level = solve(nodes, deg)
        pts = extrema(c, grid)
        if len(pts) < m:
            break
        # keep the m consecutive alternation points with the largest smallest error
        best = max(range(len(pts) - m + 1), key=lambda k: min(abs(p[1]) for p in pts[k:k + m]))
        nodes = [p[0] for p in pts[best:best + m]]
    return c


def main():
    deg = int(sys.argv[1]) if len(sys.argv) > 1 else 11
    c = remez(deg)
    cd = [float(a) for a in c]    # round to nearest double
    grid = [B * i / 20000 for i in range(1, 20001)]
    worst = max(abs(rel_err([mp.mpf(a) for a in cd], z)) for z in grid)
    print(f"// degree {deg}: max |(s + s z P) / asin s - 1| on [0, 1/4] = {mp.nstr(worst, 3)}"
          f" = 2^{mp.nstr(mp.log(worst, 2), 4)} (coefficients rounded to double)")
    for j, a in enumerate(cd):
        print(f"AS{j} = splat({a!r}),")


if __name__ == "__main__":
    main()

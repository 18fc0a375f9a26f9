#!/usr/bin/env python3
"""Runs the numpy peer and ntk4j's main job on the same Fashion-MNIST problem, one after the
other on the same machine, and prints their times, accuracies, peak memory and ratios as a
Markdown table.

usage: side_by_side.py [--train N] [--test M] [--depth L] [--peer PATH] [--skip-peer]
                       [--threads T] [--scaling] [--out FILE.md]

The peer is bench/peer/peer_numpy.py (numpy + scipy + OpenBLAS); it runs with
OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE removed from its environment so OpenBLAS picks its
own kernels. ntk4j runs through bin/ntk4j (a fresh JVM, so its wall time includes start-up
and JIT warm-up). Each side's peak resident set comes from the kernel (ru_maxrss of that
child alone: every side runs under its own python child).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Both sides run the same network, stated explicitly (ntk4j's own defaults are neural-tangents',
# w-std 1 and b-std 0; the peer's are these).
W_STD, B_STD = 1.5, 0.05

MEASURE = r"""
import resource, subprocess, sys, time, json, os
env = dict(os.environ)
for v in json.loads(sys.argv[1]):
    env.pop(v, None)
t = time.perf_counter()
p = subprocess.run(sys.argv[2:], env=env, capture_output=True, text=True)
wall = time.perf_counter() - t
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
print(json.dumps({"rc": p.returncode, "wall": wall, "rss": rss, "out": p.stdout, "err": p.stderr}))
"""


def run(cmd, unset=()):
    """Runs cmd in a child python that reports wall time and the grandchild's peak RSS."""
    p = subprocess.run([sys.executable, "-c", MEASURE, json.dumps(list(unset))] + cmd,
                       capture_output=True, text=True, check=True)
    r = json.loads(p.stdout)
    if r["rc"] != 0:
        sys.exit("side-by-side: %s failed (exit %d):\n%s%s" % (cmd[0], r["rc"], r["out"], r["err"]))
    return r


def j_ratio(slow, fast, key):
    return slow[key] / fast[key] if fast[key] > 0 else float("nan")


def gib(b):
    return b / 2 ** 30


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--train", type=int, default=10000)
    ap.add_argument("--test", type=int, default=10000)
    ap.add_argument("--depth", type=int, default=3)
    ap.add_argument("--threads", type=int, default=None, help="ntk4j worker threads (default: all)")
    ap.add_argument("--peer", default=os.path.join(ROOT, "bench", "peer", "peer_numpy.py"))
    ap.add_argument("--skip-peer", action="store_true", help="run ntk4j only (e.g. past the peer's size limit)")
    ap.add_argument("--scaling", action="store_true",
                    help="also run ntk4j on one thread: phase speed-ups 1 -> all threads, and whether the"
                         " predictions are bit-identical")
    ap.add_argument("--out", help="also write the table to this Markdown file")
    a = ap.parse_args()

    rows = []
    peer = None
    if not a.skip_peer:
        if not os.path.isfile(a.peer):
            sys.exit("side-by-side: no numpy peer at %s (pass --peer PATH or --skip-peer)" % a.peer)
        print("running the numpy peer (n_train %d, n_test %d, depth %d) ..." % (a.train, a.test, a.depth),
              file=sys.stderr, flush=True)
        r = run([sys.executable, a.peer, str(a.train), str(a.test), str(a.depth), "relu", str(W_STD), str(B_STD)],
                unset=("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"))
        m = re.search(r"kernel_s=([\d.]+) inference_s=([\d.]+) nngp_acc=([\d.]+) ntk_acc=([\d.]+)", r["out"])
        if not m:
            sys.exit("side-by-side: unexpected peer output:\n" + r["out"])
        peer = {"kernel": float(m.group(1)), "solve_predict": float(m.group(2)), "nngp": float(m.group(3)),
                "ntk": float(m.group(4)), "wall": r["wall"], "rss": r["rss"]}

    def ntk4j(threads):
        print("running ntk4j fashion-mnist%s ..." % ("" if threads is None else " on %d thread(s)" % threads),
              file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory() as tmp:
            res = os.path.join(tmp, "result.json")
            cmd = [os.path.join(ROOT, "bin", "ntk4j"), "fashion-mnist", "--train", str(a.train), "--test",
                   str(a.test), "--depth", str(a.depth), "--w-std", str(W_STD), "--b-std", str(B_STD), "--out", res]
            if threads:
                cmd += ["--threads", str(threads)]
            r = run(cmd)
            with open(res) as f:
                j = json.load(f)
        return j, r

    j, r = ntk4j(a.threads)
    ours = {"kernel": j["kernel_s"], "solve_predict": j["solve_s"] + j["predict_s"], "nngp": j["nngp_accuracy"],
            "ntk": j["ntk_accuracy"], "wall": r["wall"], "rss": r["rss"]}
    single = ntk4j(1)[0] if a.scaling else None
    # The matrices that must coexist: the NNGP and NTK train kernels (n_train^2 each) and one
    # block of each test/train kernel (1024 test rows at a time).
    need = 8 * (2 * a.train * a.train + 2 * min(a.test, 1024) * a.train)

    def ratio(key):
        return "%.2fx" % (peer[key] / ours[key]) if peer else "-"

    def acc(side, key):
        return "%.2f %%" % (100 * side[key]) if side else "-"

    def secs(side, key):
        return "%.2f s" % side[key] if side else "-"

    lines = ["| n_train = %d, n_test = %d, depth %d, relu | numpy peer | ntk4j | peer / ntk4j |" % (a.train, a.test, a.depth),
             "|---|---:|---:|---:|",
             "| kernel phase (NNGP + NTK, train/train and test/train) | %s | %s | %s |"
             % (secs(peer, "kernel"), secs(ours, "kernel"), ratio("kernel")),
             "| solve + predict (Cholesky, both kernels) | %s | %s | %s |"
             % (secs(peer, "solve_predict"), secs(ours, "solve_predict"), ratio("solve_predict")),
             "| whole run (wall clock, process start to exit) | %s | %s | %s |"
             % (secs(peer, "wall"), secs(ours, "wall"), ratio("wall")),
             "| NNGP test accuracy | %s | %s | |" % (acc(peer, "nngp"), acc(ours, "nngp")),
             "| NTK test accuracy | %s | %s | |" % (acc(peer, "ntk"), acc(ours, "ntk")),
             "| peak resident memory | %s | %.2f GiB | |" % ("%.2f GiB" % gib(peer["rss"]) if peer else "-", gib(ours["rss"])),
             "",
             "ntk4j's peak resident set is %.2fx the %.2f GiB of matrices that must coexist (two %d x %d train"
             " kernels and one %d-row block of each test/train kernel)." % (ours["rss"] / need, gib(need), a.train,
                                                                           a.train, min(a.test, 1024), ),
             "ntk4j phases: load %.2f s, kernel %.2f s, solve %.2f s, predict %.2f s; %s."
             % (j["load_s"], j["kernel_s"], j["solve_s"], j["predict_s"], j["environment"])]
    if single:
        lines.append("Threads: 1 -> %s: kernel %.2fx (%.2f -> %.2f s), solve %.2fx (%.2f -> %.2f s), predict %.2fx;"
                     " predictions %s (SHA-256 of their bits)."
                     % (j["environment"].split(" threads")[0].split(", ")[-1], j_ratio(single, j, "kernel_s"),
                        single["kernel_s"], j["kernel_s"], j_ratio(single, j, "solve_s"), single["solve_s"],
                        j["solve_s"], j_ratio(single, j, "predict_s"),
                        "bit-identical" if single["predictions_sha256"] == j["predictions_sha256"] else "DIFFER"))
    if peer and (abs(peer["nngp"] - ours["nngp"]) > 0.001 or abs(peer["ntk"] - ours["ntk"]) > 0.001):
        lines.append("WARNING: accuracies differ by more than 0.1 points.")
    text = "\n".join(lines)
    print(text)
    if a.out:
        with open(a.out, "w") as f:
            f.write(text + "\n")


if __name__ == "__main__":
    main()

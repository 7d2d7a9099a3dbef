#!/usr/bin/env python3
"""Turns the JMH JSON of KernelBench and RetrievalBench into the Markdown tables of docs/compute.md.

Usage: python3 distribution/bench/summarize.py results.json
Throughput is computed from the median of the measured iterations (time per operation):
GFLOP/s for compute kernels, GB/s (bytes of the operands read once) for memory-bound ones.
"""
import json
import statistics
import sys

K, N, T, D = 512, 256, 3, 64
ROWS, DIM = 1_000_000, 128


def work(kernel, items):
    """(amount, unit) per operation."""
    if kernel == "project":
        return 2 * items * K * N / 1e9, "GFLOP/s"
    if kernel == "score":
        return 2 * items * N / 1e9, "GFLOP/s"
    if kernel == "normalize":
        return items * N * 4 / 1e9, "GB/s"
    if kernel == "weightedSum":
        return 3 * items * N * 4 / 1e9, "GB/s"
    if kernel == "attention":
        return items * 4 * T * T * D / 1e9, "GFLOP/s"
    if kernel in ("topK", "streamRead", "streamReadAllCores", "streamCopy"):
        return ROWS * DIM * 4 / 1e9, "GB/s"
    raise ValueError(kernel)


def main(path):
    rows = {}
    for r in json.load(open(path)):
        kernel = r["benchmark"].rsplit(".", 1)[1]
        p = r["params"]
        backend = p["backend"]
        if kernel.startswith("stream") and backend != "vector":
            continue
        if kernel.startswith("stream"):
            backend = "java"
        items = int(p.get("items", ROWS))
        raw = [x for it in r["primaryMetric"]["rawData"] for x in it]
        unit = r["primaryMetric"]["scoreUnit"]
        scale = {"us/op": 1e-6, "ms/op": 1e-3, "s/op": 1.0}[unit]
        seconds = statistics.median(raw) * scale
        amount, tunit = work(kernel, items)
        rows[(kernel, items, backend)] = (seconds, amount / seconds, tunit)
    print("| kernel | items | backend | median time | throughput | vs reference | vs pytorch |")
    print("|---|---|---|---|---|---|---|")
    for (kernel, items, backend), (sec, thr, unit) in sorted(rows.items()):
        ref = rows.get((kernel, items, "reference"))
        pt = rows.get((kernel, items, "pytorch"))
        vs_ref = f"{ref[0] / sec:.2f}x" if ref else ""
        vs_pt = f"{pt[0] / sec:.2f}x" if pt else ""
        t = f"{sec * 1e3:.3f} ms" if sec >= 1e-3 else f"{sec * 1e6:.2f} us"
        print(f"| {kernel} | {items} | {backend} | {t} | {thr:.2f} {unit} | {vs_ref} | {vs_pt} |")
    read = rows.get(("streamRead", ROWS, "java"))
    read_all = rows.get(("streamReadAllCores", ROWS, "java"))
    if read:
        print()
        for (kernel, items, backend), (sec, _, _) in sorted(rows.items()):
            if kernel == "topK":
                line = f"- top-K 1M x 128, {backend}: {sec / read[0]:.2f}x the time to stream the bytes once (one thread)"
                if read_all:
                    line += f", {sec / read_all[0]:.2f}x (all cores)"
                print(line)


if __name__ == "__main__":
    main(sys.argv[1])

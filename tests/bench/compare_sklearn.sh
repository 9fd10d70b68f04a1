#!/usr/bin/env bash
# Times scikit-learn's KMeans and shapewatch's FitKMeans on the identical
# segments of the blog's configuration (first 8192 ECG samples, L=32, seed
# window, slide 2 -> 4081 x 32; k=150, n_init=10, tol=1e-4, max_iter=300)
# for several seeds, and prints times and inertias side by side with medians.
#
#   tests/bench/compare_sklearn.sh [BUILD_DIR] [SEED...]
#     BUILD_DIR defaults to build/; seeds default to 0 1 2 3 4.
#     SKLEARN_THREADS=1 limits scikit-learn to one thread (ours uses one).
set -euo pipefail

repo="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$repo/build}"
shift || true
seeds=("$@")
[ ${#seeds[@]} -gt 0 ] || seeds=(0 1 2 3 4)
csv="$repo/tests/data/ecg_mcl1_500hz.csv"
driver="$build/tests/bench/kmeans_compare"
[ -x "$driver" ] || { echo "compare_sklearn.sh: build $driver first" >&2; exit 1; }

ours="$("$driver" "$csv" "${seeds[@]}")"

/usr/bin/python3 - "$csv" "$ours" "${SKLEARN_THREADS:-}" "${seeds[@]}" <<'PY'
import json, statistics, sys, time, warnings
import numpy as np
import sklearn
from sklearn.cluster import KMeans

csv, ours, threads, seeds = sys.argv[1], json.loads(sys.argv[2]), sys.argv[3], sys.argv[4:]
signal = np.loadtxt(csv, skiprows=1, max_rows=8192)
L, slide = 32, 2
window = np.sin(np.linspace(0, np.pi, L)) ** 2          # the 'seed' window
starts = range(0, len(signal) - L + 1, slide)          # truncated tail dropped
x = np.array([signal[s:s + L] * window for s in starts])
if x.shape != (ours["rows"], ours["cols"]):
    sys.exit(f"segment shape differs: {x.shape} vs {ours['rows']}x{ours['cols']}")
if abs(x.sum() - ours["checksum"]) > 1e-9 * abs(x).sum():
    sys.exit(f"segment checksum differs: {x.sum()!r} vs {ours['checksum']!r}")

def fit(seed):
    km = KMeans(n_clusters=150, n_init=10, tol=1e-4, max_iter=300,
                algorithm="lloyd", random_state=int(seed))
    start = time.perf_counter()
    km.fit(x)
    return time.perf_counter() - start, km.inertia_

if threads:
    from threadpoolctl import threadpool_limits
    threadpool_limits(int(threads))
warnings.filterwarnings("ignore")
rows = []
for seed, run in zip(seeds, ours["runs"]):
    t, inertia = fit(seed)
    rows.append((seed, run["seconds"], run["inertia"], t, inertia))

print(f"segments {x.shape[0]} x {x.shape[1]}, k=150, n_init=10, tol=1e-4, max_iter=300; "
      f"scikit-learn {sklearn.__version__} (threads: {threads or 'default'})")
print(f"{'seed':>4}  {'shapewatch s':>12}  {'shapewatch inertia':>18}  "
      f"{'sklearn s':>9}  {'sklearn inertia':>15}")
for seed, ts, ins, tk, ink in rows:
    print(f"{seed:>4}  {ts:12.3f}  {ins:18.6e}  {tk:9.3f}  {ink:15.6e}")
med = lambda i: statistics.median(r[i] for r in rows)
print(f"{'med':>4}  {med(1):12.3f}  {med(2):18.6e}  {med(3):9.3f}  {med(4):15.6e}")
print(f"shapewatch/sklearn: time x{med(1) / med(3):.2f}, inertia x{med(2) / med(4):.5f}")
PY

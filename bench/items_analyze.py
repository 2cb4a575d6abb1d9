"""Must show 4: `eacademy items analyze` on a 10,000 × 100 response matrix (Rasch-simulated,
2 % unanswered) in under a second of CPU — the whole command, start-up included. Baseline in
the same run: a process that only starts Python and reads the same CSV with NumPy."""

import resource
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

from bench.common import ROOT, report

BENCH = "items_analyze"


def _cpu(args: list[str]) -> float:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(args, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    rng = np.random.default_rng(7)
    n, k = 10_000, 100
    theta, b = rng.normal(size=n), rng.normal(size=k)
    scores = (rng.random((n, k)) < 1 / (1 + np.exp(b[None, :] - theta[:, None]))).astype(float)
    scores[rng.random((n, k)) < 0.02] = np.nan
    with tempfile.TemporaryDirectory() as work:
        path = Path(work) / "responses.csv"
        rows = [",".join(f"q{i}" for i in range(1, k + 1))]
        rows += [",".join("" if np.isnan(v) else "1" if v else "0" for v in row) for row in scores]
        path.write_text("\n".join(rows) + "\n")
        env_python = [sys.executable]
        command = min(_cpu([*env_python, "-m", "eacademy", "items", "analyze", str(path), "--json"]) for _ in range(3))
        baseline = min(_cpu([*env_python, "-c", f"import numpy; numpy.genfromtxt({str(path)!r}, delimiter=',', skip_header=1)"]) for _ in range(3))
    report(BENCH, "command_cpu_seconds", command, "s", "< 1.0", command < 1.0)
    report(BENCH, "ratio_to_numpy_genfromtxt_read", command / baseline, "ratio", "informational", True)

"""Time to load each demo scale into a fresh SQLite database, and how it grows with size:
`large` is ten times `medium` in people, so bulk loading should take about ten times as long."""

import time

from bench.common import manage, report, scratch_installation

BENCH = "demo_load"


def _seconds(scale: str) -> float:
    with scratch_installation() as env:
        started = time.perf_counter()
        manage(env, "demo", "--scale", scale, "--seed", "1")
        return time.perf_counter() - started


def main() -> None:
    seconds = {scale: _seconds(scale) for scale in ("small", "medium", "large")}
    for scale, value in seconds.items():
        report(BENCH, f"{scale}_seconds", value, "s", "<= 600" if scale == "large" else "informational", value <= 600)
    growth = seconds["large"] / (10 * seconds["medium"])
    report(BENCH, "large_over_ten_times_medium", growth, "ratio", "<= 1.5", growth <= 1.5)


if __name__ == "__main__":
    main()

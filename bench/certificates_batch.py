"""Must show 5: 500 certificates issued by the batch (numbering, PDF, notification), timed
against rendering the same 500 as HTML; and the journal page's queries for a 30-listener group
with 60 lessons against a 5 × 5 one."""

import json
import subprocess
import sys

from bench.common import ROOT, manage, report, scratch_installation

BENCH = "certificates_batch"


def main() -> None:
    with scratch_installation() as env:
        manage(env, "demo", "--scale", "small", "--seed", "1")
        manage(env, "collectstatic", "--no-input", "-v0")
        done = subprocess.run([sys.executable, "-m", "bench.certificates_batch_run"], env={**env, "ALLOWED_HOSTS": "127.0.0.1"}, cwd=ROOT,
                              capture_output=True, text=True, check=False)
        if done.returncode:
            raise SystemExit(done.stderr[-3000:])
        figures = json.loads(done.stdout.strip().splitlines()[-1])
    ratio = figures["pdf_seconds"] / figures["html_seconds"]
    report(BENCH, "certificates_issued", figures["issued"], "certificates", "== 500", figures["issued"] == 500)
    report(BENCH, "batch_seconds", figures["pdf_seconds"], "s", "informational", True)
    report(BENCH, "ratio_to_html_rendering", ratio, "ratio", "<= 10", ratio <= 10)
    report(BENCH, "print_pdf_kilobytes_per_certificate", figures["pdf_bytes"] / 1024, "KiB", "informational", True)
    report(BENCH, "journal_queries_30x60_minus_5x5", figures["queries_large"] - figures["queries_small"], "queries", "== 0",
           figures["queries_large"] == figures["queries_small"])

"""Peak memory and CPU time, measured so that the process that starts a benchmark does not count.

On Linux a process started with ``subprocess`` inherits the peak of the process that started it
in ``ru_maxrss`` (the high-water mark of the memory it ran in before ``exec``): a 5 MB script
started by a 300 MB benchmark reports 300 MB. ``VmHWM`` in ``/proc/self/status`` is the peak of
the process's own memory; ``run_measured`` starts a command from a small go-between process, so
its ``RUSAGE_CHILDREN`` covers the command and its workers only.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def peak_mb() -> float:
    """This process's own peak resident memory in MB."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


_GO_BETWEEN = ("import json, resource, subprocess, sys, time; start = time.perf_counter(); "
               "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, "
               "stderr=subprocess.DEVNULL); "
               "wall = time.perf_counter() - start; "
               "u = resource.getrusage(resource.RUSAGE_CHILDREN); "
               "print(json.dumps([wall, u.ru_utime + u.ru_stime, u.ru_maxrss / 1024]))")


def run_measured(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds of the command and its children, peak MB of the largest of
    them (started from a small go-between process: the caller's memory does not count)."""
    output = subprocess.run([sys.executable, "-c", _GO_BETWEEN, *command], cwd=ROOT,
                            capture_output=True, text=True, check=True,
                            env={**os.environ, "PYTHONPATH": str(ROOT)}).stdout
    wall, cpu, peak = json.loads(output)
    return wall, cpu, peak

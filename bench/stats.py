"""Small numeric and /proc helpers shared by the benchmarks and the load tool."""
from __future__ import annotations

import math
import os
from pathlib import Path


def percentile(values, q: float) -> float | None:
    """The ``q``-th percentile (0-100) by linear interpolation; None for no values."""
    data = sorted(values)
    if not data:
        return None
    if len(data) == 1:
        return float(data[0])
    rank = (len(data) - 1) * q / 100.0
    low = math.floor(rank)
    high = min(low + 1, len(data) - 1)
    return float(data[low] + (data[high] - data[low]) * (rank - low))


def median(values) -> float | None:
    return percentile(values, 50)


def _status_fields(pid: int | str) -> dict[str, int]:
    fields = {}
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            name, _, value = line.partition(":")
            parts = value.split()
            if len(parts) == 2 and parts[1] == "kB":
                fields[name] = int(parts[0])
    except OSError:
        pass
    return fields


def rss_kib(pid: int | str = "self") -> int | None:
    return _status_fields(pid).get("VmRSS")


def hwm_kib(pid: int | str = "self") -> int | None:
    return _status_fields(pid).get("VmHWM")


def smaps_rollup_kib(pid: int | str = "self") -> dict[str, int]:
    """Rss, Pss, Shared_*/Private_* of a process (kB), empty where the kernel lacks the file."""
    out = {}
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            name, _, value = line.partition(":")
            parts = value.split()
            if len(parts) == 2 and parts[1] == "kB":
                out[name.strip()] = int(parts[0])
    except OSError:
        pass
    return out


def children(pid: int) -> list[int]:
    """Direct child PIDs of ``pid`` (gunicorn workers of a master)."""
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
        return sorted(int(p) for p in text.split())
    except OSError:
        pass
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            # the command may contain spaces: the parent pid follows the closing parenthesis
            fields = stat.rsplit(")", 1)[-1].split()
            if len(fields) > 1 and int(fields[1]) == pid:
                found.append(int(entry))
    return sorted(found)


def cpu_seconds(pid: int | str = "self") -> float | None:
    """User + system CPU time of a process."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()
        ticks = os.sysconf("SC_CLK_TCK")
        return (int(fields[11]) + int(fields[12])) / ticks
    except (OSError, ValueError, IndexError):
        return None


def mib(kib: int | float | None) -> float | None:
    return None if kib is None else kib / 1024.0


def machine_busy_seconds() -> float | None:
    """CPU seconds all CPUs have spent busy since boot (every state but idle and iowait)."""
    try:
        fields = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
        values = [int(v) for v in fields[:8]]
        busy = sum(values) - values[3] - values[4]
        return busy / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None

"""The system's own file systems (/proc, /sys, /dev), never opened as a blog.

Their files are the kernel's view of the machine: /proc alone holds a
folder for each process, links that lead back to ``/``, and files that
never end. A blog there would have the listing and the watcher walk the
whole machine. They are known by the type of the file system the folder
is on (Linux's /proc/self/mountinfo), and by their usual places where that
cannot be read (another system, /proc not mounted).
"""

from __future__ import annotations

import os
import re

PSEUDO_FILESYSTEMS = frozenset(
    {
        "autofs",
        "binfmt_misc",
        "bpf",
        "cgroup",
        "cgroup2",
        "configfs",
        "debugfs",
        "devfs",
        "devpts",
        "devtmpfs",
        "efivarfs",
        "fusectl",
        "hugetlbfs",
        "mqueue",
        "nsfs",
        "proc",
        "pstore",
        "rpc_pipefs",
        "securityfs",
        "selinuxfs",
        "sysfs",
        "tracefs",
    }
)
"""File systems whose files the kernel makes up (tmpfs holds real files, as /tmp)."""
SYSTEM_PLACES = ("/proc", "/sys", "/dev")
"""Where those are, whatever file system a container puts there."""
MOUNTS = "/proc/self/mountinfo"
_ESCAPED = re.compile(r"\\([0-7]{3})")


def pseudo_filesystem(folder: str | os.PathLike[str]) -> str | None:
    """What makes ``folder`` one of the system's own ("a proc file system",
    "under /dev"), or None for a folder that may hold posts."""
    real = os.path.realpath(folder)
    kind = _filesystem_type(real)
    if kind in PSEUDO_FILESYSTEMS:
        return f"on a {kind} file system"
    for place in SYSTEM_PLACES:
        if real == place or real.startswith(place + "/"):
            return f"under {place}"
    return None


def _filesystem_type(real: str) -> str | None:
    """The type of the file system ``real`` (a resolved path) is on, if known."""
    try:
        device = os.stat(real).st_dev
        with open(MOUNTS, "rb") as file:  # a few KB, made by the kernel: read whole
            lines = file.read(1 << 20).decode("utf-8", "surrogateescape").splitlines()
    except (OSError, ValueError):
        return None
    wanted = f"{os.major(device)}:{os.minor(device)}"
    best: tuple[int, str] | None = None
    for line in lines:
        # "36 35 98:0 /root /mnt/point options... - ext3 /dev/root rw"
        fields, _, rest = line.partition(" - ")
        parts, described = fields.split(), rest.split()
        if len(parts) < 5 or not described or parts[2] != wanted:
            continue
        point = _ESCAPED.sub(lambda found: chr(int(found.group(1), 8)), parts[4])
        inside = real == point or real.startswith(point.rstrip("/") + "/")
        # The deepest mount of that device holding the folder; else any of its mounts.
        rank = len(point) if inside else -1
        if best is None or rank > best[0]:
            best = (rank, described[0])
    return best[1] if best else None

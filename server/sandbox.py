"""Keep a query worker off the network and inside a memory budget.

Oxigraph follows ``SERVICE <url>`` and ``LOAD <url>`` to any address and has no switch to stop
it, and no reading of the query text outside the engine agrees with its parser in every
corner (comments ended by a carriage return, escaped characters in prefixed names...). So the
worker itself is made unable to reach the network: a seccomp filter (Linux) makes every new
socket fail with "permission denied", whatever the query says. The memory budget is an
address-space limit on the worker (``RLIMIT_AS``) above what it uses once the store is open.

Example
-------
>>> from abegraph.server.sandbox import network_block_supported
>>> isinstance(network_block_supported(), bool)
True
"""
from __future__ import annotations

import errno
import os
import resource
import sys

from ..exceptions import AbegraphError

__all__ = ["block_network", "network_block_supported", "cap_memory", "address_space", "SandboxUnavailable"]

#: syscalls that make or use a new network endpoint; io_uring could make sockets without them
_DENIED = ("socket", "socketpair", "connect", "io_uring_setup")


class SandboxUnavailable(AbegraphError, OSError):
    """This system cannot take the network away from a process (not Linux, or no libseccomp)."""


def network_block_supported() -> bool:
    """True when this system can take the network away from a worker (Linux with libseccomp)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        import pyseccomp  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


def block_network() -> None:
    """From now on, this process (and any thread or child of it) cannot open a socket.

    Raises :class:`SandboxUnavailable` (an ``OSError``) where the system cannot do it (see
    :func:`network_block_supported`).
    """
    try:
        import pyseccomp as seccomp
    except (ImportError, OSError) as err:
        raise SandboxUnavailable(f"cannot block the network here ({err}); install libseccomp2 and pyseccomp",
                                 thai=f"ระบบนี้ตัดเครือข่ายของตัวประมวลผลไม่ได้ ({err}) ติดตั้ง libseccomp2 และ pyseccomp") from err
    rules = seccomp.SyscallFilter(seccomp.ALLOW)
    for name in _DENIED:
        rules.add_rule(seccomp.ERRNO(errno.EACCES), name)
    rules.load()


def address_space() -> int:
    """Bytes of address space this process uses now (0 where unknown)."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError):
        return 0


def cap_memory(extra_bytes: int) -> None:
    """Limit this process to ``extra_bytes`` of address space beyond what it uses now.

    Only the soft limit is set, so that calling it again counts the budget from the new
    use: a worker does so around an update, which opens the store read-write where its
    queries only read it (the engine's threads for writing need address space of their own).
    """
    if extra_bytes <= 0:
        return
    limit = address_space() + extra_bytes
    hard = resource.getrlimit(resource.RLIMIT_AS)[1]
    resource.setrlimit(resource.RLIMIT_AS, (limit if hard == resource.RLIM_INFINITY else min(limit, hard), hard))

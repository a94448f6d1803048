"""Connecting to Dask: a scheduler by address, or a LocalCluster of worker processes on loopback.

Dask is an optional extra: it is imported here, inside functions, and a missing install says how to get it.
"""

from __future__ import annotations

import importlib.metadata
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

CONNECT_TIMEOUT = "15s"
_LOCAL = re.compile(r"local:(\d+)")
_SCHEME = re.compile(r"[a-z][a-z0-9+]*://\S+")
_HOST_PORT = re.compile(r"[\w.\-\[\]:]+:\d+")
_WARM_TEXT = "قتل ثلاثة مدنيين بقصف جوي على مدينة إدلب أمس."  # one extraction loads whatever loads lazily


class ScaleError(RuntimeError):
    """The distributed run cannot start or go on; the message names the address or worker and the reason."""


class DaskMissing(ScaleError):
    """Dask is not installed: it is the optional extra rasd[dask]."""


@dataclass
class DaskCluster:
    """A connected client, and the local cluster it owns (None for a remote scheduler)."""

    client: Any
    address: str
    local: Any = None

    @property
    def dashboard(self) -> str | None:
        """The dashboard's address when the scheduler serves one."""
        try:
            services = self.client.scheduler_info().get("services", {})
            return str(self.client.dashboard_link) if "dashboard" in services else None
        except Exception:  # noqa: BLE001 - observability only: no dashboard is not an error
            return None

    @property
    def threads(self) -> int:
        """Worker threads now in the cluster (one task each at a time)."""
        workers = self.client.scheduler_info(n_workers=-1).get("workers", {})
        return sum(int(w.get("nthreads", 1)) for w in workers.values())

    def worker_pids(self) -> dict[str, int]:
        """Worker address -> process id (to watch, or to kill in a fault test)."""
        return {str(a): int(p) for a, p in self.client.run(os.getpid).items()}


def require_dask() -> None:
    """Fail with the install command when dask.distributed is missing."""
    try:
        import distributed  # noqa: F401
    except ImportError as e:
        raise DaskMissing(f"--dask needs Dask: pip install 'rasd[dask]' ({e})") from e


def local_workers(address: str) -> int | None:
    """N for 'local:N', None for a scheduler address; a malformed address is an error naming it."""
    m = _LOCAL.fullmatch(address.strip())
    if m:
        n = int(m.group(1))
        if not 1 <= n <= 256:
            raise ScaleError(f"--dask {address!r}: a local cluster needs 1 to 256 workers")
        return n
    if _SCHEME.fullmatch(address.strip()) or _HOST_PORT.fullmatch(address.strip()):
        return None
    raise ScaleError(f"--dask {address!r}: give a scheduler address (tcp://host:8786) or local:N")


@contextmanager
def connect(address: str, warm: bool = True) -> Iterator[DaskCluster]:
    """A client on `address` ('local:N' starts N single-threaded worker processes on 127.0.0.1); closed after."""
    require_dask()
    from distributed import Client, LocalCluster

    n = local_workers(address)
    local = None
    try:
        if n is not None:
            local = LocalCluster(
                n_workers=n, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=":0"
            )
            client = Client(local)
        else:
            target = address if "://" in address else f"tcp://{address}"
            client = Client(target, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError) as e:
        if local is not None:
            local.close()
        raise ScaleError(f"cannot reach the Dask scheduler at {address}: {e}") from e
    cluster = DaskCluster(client, str(client.scheduler.address), local)
    try:
        if warm:
            check_workers(cluster)
        yield cluster
    finally:
        client.close()
        if local is not None:
            local.close()


def _worker_ready() -> str:
    """On a worker: load the lexicons and gazetteer now (a broken file fails here), and say which rasd this is."""
    from rasd.model import Document
    from rasd.pipeline import extract
    from rasd.recognize.matcher import default_matcher

    default_matcher()
    extract(Document(id="warm-up", text=_WARM_TEXT, published="2024-01-02"))
    return importlib.metadata.version("rasd")


def check_workers(cluster: DaskCluster) -> None:
    """Every worker runs the client's rasd version and has loaded its knowledge, before any document is sent."""
    mine = importlib.metadata.version("rasd")
    try:
        cluster.client.wait_for_workers(1, timeout=CONNECT_TIMEOUT)
    except TimeoutError as e:
        raise ScaleError(f"the Dask scheduler at {cluster.address} has no workers: start some with dask worker") from e
    try:
        versions = cluster.client.run(_worker_ready)
    except Exception as e:  # noqa: BLE001 - a worker without rasd, or with broken data files
        raise ScaleError(f"the workers at {cluster.address} cannot run rasd: {type(e).__name__}: {e}") from e
    wrong = {w: v for w, v in versions.items() if v != mine}
    if wrong:
        raise ScaleError(f"workers run another rasd version than the client ({mine}): {wrong}")

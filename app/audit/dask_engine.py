"""``plancheck audit --engine dask``: the batch's executor from a Dask cluster.

Dask is an optional extra (``pip install 'plancheck[dask]'``), so it is imported
here only, and only when the command asks for it; a missing install or an
unreachable scheduler is a ``DaskUnavailable`` with a bilingual message, not a
traceback.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import Executor
from contextlib import ExitStack, contextmanager, suppress

MISSING_DASK = (
    "chưa cài Dask cho --engine dask; cài gói bổ sung: pip install 'plancheck[dask]' "
    "/ Dask is not installed for --engine dask; install the extra: "
    "pip install 'plancheck[dask]'"
)


class DaskUnavailable(Exception):
    """Dask cannot run the batch: not installed, or the scheduler is unreachable."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@contextmanager
def dask_executor(jobs: int | None, scheduler: str | None) -> Iterator[Executor]:
    """A Dask ``Client.get_executor()``: on ``scheduler``, or on a local cluster.

    The local cluster has ``jobs`` worker processes (None: every core) of one
    thread each, as the local pool does, since the per-plan work holds the GIL.
    Cluster and client are closed on leaving, whatever happened inside.
    """
    try:
        from distributed import Client, LocalCluster
    except ImportError as error:
        raise DaskUnavailable(MISSING_DASK) from error
    with ExitStack() as stack:
        if scheduler is None:
            cluster = LocalCluster(
                n_workers=jobs, processes=True, threads_per_worker=1, dashboard_address=None
            )
            # Closed last; a worker already gone must not hide the batch's own result.
            stack.callback(_quietly_close, cluster)
            client = stack.enter_context(Client(cluster))
        else:
            try:  # waits Dask's connect timeout (distributed.comm.timeouts.connect, 30 s)
                client = stack.enter_context(Client(scheduler))
            except OSError as error:  # nothing at that address, or it timed out
                raise DaskUnavailable(
                    f"{scheduler}: không kết nối được bộ điều phối Dask "
                    f"/ cannot connect to the Dask scheduler ({error})"
                ) from error
        yield client.get_executor()


def _quietly_close(cluster: object) -> None:
    with suppress(Exception):
        cluster.close()  # type: ignore[attr-defined]

"""Twenty threads released together: how the tests make real races, on the
real database, rather than assuming what a race would do."""

import threading

from django.db import connections

THREADS = 20


def at_once(work, *, threads: int = THREADS) -> list:
    """Run `work` in `threads` threads released together; each result or exception."""
    start = threading.Barrier(threads)
    results: list = [None] * threads

    def run(i: int) -> None:
        try:
            start.wait()
            results[i] = work()
        except Exception as error:  # noqa: BLE001 - kept to assert on
            results[i] = error
        finally:
            connections.close_all()

    running = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for thread in running:
        thread.start()
    for thread in running:
        thread.join(timeout=120)
    return results

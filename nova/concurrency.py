"""The single factory for executors, green or native.

Every pool in the project comes from here, so the backend decision
(``nova.monkey_patch``) is taken in one place and shared state is only ever
touched from the kind of thread the process runs.
"""

import futurist

from nova import monkey_patch


def make_executor(max_workers, name='nova'):
    """A bounded executor that queues work beyond ``max_workers``.

    A queued job is a future and a work item, never a thread: both futurist
    executors create workers lazily and at most ``max_workers`` of them.
    """
    if max_workers < 1:
        raise ValueError('max_workers must be at least 1')
    if monkey_patch.is_eventlet():
        return futurist.GreenThreadPoolExecutor(max_workers=max_workers)
    return futurist.ThreadPoolExecutor(max_workers=max_workers)


def make_future():
    """A future of the active backend, for work an executor runs later."""
    if monkey_patch.is_eventlet():
        return futurist.GreenFuture()
    return futurist.Future()


def spawn(fn, *args, **kwargs):
    """Run ``fn`` in the background on the active backend."""
    if monkey_patch.is_eventlet():
        import eventlet
        return eventlet.spawn(fn, *args, **kwargs)
    import threading
    thread = threading.Thread(target=fn, args=args, kwargs=kwargs,
                              daemon=True)
    thread.start()
    return thread


def rpc_executor_name():
    """The oslo.messaging executor matching the backend."""
    return 'eventlet' if monkey_patch.is_eventlet() else 'threading'

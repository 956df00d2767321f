"""Summaries of measured samples, and the process figures we sample."""

import gc
import math
import os
import threading

from nova import monkey_patch


def percentile(samples, fraction):
    """Nearest-rank percentile of ``samples`` (fraction in 0..1)."""
    if not samples:
        return None
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[min(rank, len(ordered)) - 1]


def summary_ms(seconds):
    """Median, p95 and max of durations in seconds, as milliseconds."""
    if not seconds:
        return {'count': 0, 'median': None, 'p95': None, 'max': None}
    return {'count': len(seconds),
            'median': _ms(percentile(seconds, 0.5)),
            'p95': _ms(percentile(seconds, 0.95)),
            'max': _ms(max(seconds))}


def _ms(value):
    return round(value * 1000.0, 2)


def rss_bytes():
    """Resident set size of this process, from /proc (psutil if no /proc)."""
    try:
        with open('/proc/self/status') as status:
            for line in status:
                if line.startswith('VmRSS:'):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import psutil
    return psutil.Process().memory_info().rss


def native_threads():
    """Kernel threads of this process (every OS thread, green or not)."""
    try:
        return len(os.listdir('/proc/self/task'))
    except OSError:
        import psutil
        return psutil.Process().num_threads()


def green_threads():
    """Live greenlets under eventlet (None on the threading backend)."""
    if not monkey_patch.is_eventlet():
        return None
    import greenlet
    return sum(1 for obj in gc.get_objects()
               if isinstance(obj, greenlet.greenlet) and not obj.dead)


def process_figures():
    """RSS and thread counts, after a full collection."""
    gc.collect()
    return {'rss': rss_bytes(),
            'threads_active': threading.active_count(),
            'threads_native': native_threads(),
            'greenlets': green_threads()}

"""Entry point for oslo-config-generator: every group of ``nova.conf``."""

import collections

import nova.conf


def list_opts():
    merged = collections.OrderedDict()
    for module in nova.conf.MODULES:
        for group, opts in module.list_opts().items():
            key = group if isinstance(group, str) else group.name
            entry = merged.setdefault(key, [group, []])
            if not isinstance(group, str):
                entry[0] = group
            entry[1].extend(opts)
    return [(group, opts) for group, opts in merged.values()]

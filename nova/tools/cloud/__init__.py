"""nova as a real cloud on one machine: every service its own process.

Split by concern: :mod:`.state` (the :class:`~.state.Cloud`, its
``cloud.json`` and the configs it writes), :mod:`.processes` (one service
process), :mod:`.rabbit`, :mod:`.databases` and :mod:`.keystone` (what a
cloud owns on the local servers), :mod:`.clients` (files and environment of
the ``openstack`` CLI) and :mod:`.cli` (``tools/cloud.py``'s sub-commands).
"""

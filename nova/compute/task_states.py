"""Possible task states of an instance (Nova's wire strings)."""

SCHEDULING = 'scheduling'
SPAWNING = 'spawning'
DELETING = 'deleting'
MIGRATING = 'migrating'

"""Virt drivers: how a compute host talks to its hypervisor."""

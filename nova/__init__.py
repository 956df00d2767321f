"""A clean-room, Nova-shaped OpenStack Compute control plane."""

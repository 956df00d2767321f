"""A clean-room, Nova-shaped OpenStack Compute control plane."""

import warnings

# oslo.messaging imports eventlet even in threading mode; its deprecation
# banner is noise for operators of either backend.
warnings.filterwarnings('ignore', message='\\s*Eventlet is deprecated')

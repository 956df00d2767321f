"""What a server create request asks for, and how its instances are named.

One request may make several instances (``min_count``/``max_count``):
they share one :class:`ServerSpec` and differ only in uuid, launch index
and, when there are several, a suffixed name.
"""

import dataclasses
import re

import nova.conf

CONF = nova.conf.CONF

_HOSTNAME_INVALID = re.compile(r'[^a-z0-9.-]+')
_HOSTNAME_MAX = 63


@dataclasses.dataclass
class ServerSpec:
    name: str
    flavor: object
    image_ref: str
    availability_zone: str = None
    requested_host: str = None
    requested_node: str = None
    key_name: str = None
    description: str = None
    access_ip_v4: str = None
    access_ip_v6: str = None
    user_data: str = None
    auto_disk_config: bool = False
    config_drive: str = ''
    metadata: dict = dataclasses.field(default_factory=dict)
    scheduler_hints: dict = dataclasses.field(default_factory=dict)

    def instance_fields(self):
        """The instance columns copied as they are from the request."""
        return {'key_name': self.key_name,
                'display_description': self.description,
                'access_ip_v4': self.access_ip_v4,
                'access_ip_v6': self.access_ip_v6,
                'user_data': self.user_data,
                'auto_disk_config': self.auto_disk_config,
                'config_drive': self.config_drive}


def display_name(name, index, count, uuid):
    """The name as asked, or suffixed from the template for several."""
    if count <= 1:
        return name
    return CONF.api.multi_instance_display_name_template % {
        'name': name, 'count': index + 1, 'uuid': uuid}


def hostname(name):
    """A host name guests can use, derived from the display name."""
    name = _HOSTNAME_INVALID.sub('-', (name or '').lower().replace('_', '-'))
    name = name.strip('-.')[:_HOSTNAME_MAX].rstrip('-.')
    return name or 'server'

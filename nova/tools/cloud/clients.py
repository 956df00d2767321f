"""What points the ``openstack`` CLI at a cloud.

``clouds.yaml`` with one cloud per user (``nova-admin``, ``nova-member``),
an openrc per user, and the environment the tests run the CLI with.
"""

import os
import sys

import yaml


def write_client_files(cloud):
    """clouds.yaml and one openrc per user for the ``openstack`` CLI."""
    clouds = {'clouds': {
        'nova-%s' % role: _cloud_entry(cloud, user)
        for role, user in (('admin', 'admin'), ('member', 'demo'))}}
    path = cloud.path('clouds.yaml')
    with open(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600),
              'w') as handle:
        yaml.safe_dump(clouds, handle, default_flow_style=False)
    for role, user in (('admin', 'admin'), ('member', 'demo')):
        rc = cloud.path('%s-openrc.sh' % role)
        with open(os.open(rc, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600),
                  'w') as handle:
            handle.write(''.join('export %s=%s\n' % item for item in
                                 sorted(_openrc(cloud, user).items())))


def _cloud_entry(cloud, user):
    project = 'admin' if user == 'admin' else 'demo'
    return {'auth': {'auth_url': cloud.keystone_url, 'username': user,
                     'password': cloud.state['passwords'][user],
                     'project_name': project,
                     'user_domain_name': 'Default',
                     'project_domain_name': 'Default'},
            'identity_api_version': 3, 'region_name': 'RegionOne',
            'interface': 'public',
            # Image look-ups of `server create` go to nova's image API.
            'image_endpoint_override': cloud.compute_url}


def _openrc(cloud, user):
    entry = _cloud_entry(cloud, user)
    env = {'OS_%s' % key.upper(): value
           for key, value in entry['auth'].items()}
    env.update(OS_IDENTITY_API_VERSION='3', OS_REGION_NAME='RegionOne',
               OS_INTERFACE='public',
               OS_IMAGE_ENDPOINT_OVERRIDE=cloud.compute_url)
    return env


def client_env(cloud, user='admin'):
    """os.environ without OS_* plus what selects ``user``'s cloud."""
    env = {k: v for k, v in os.environ.items() if not k.startswith('OS_')}
    env['OS_CLIENT_CONFIG_FILE'] = cloud.path('clouds.yaml')
    env['OS_CLOUD'] = 'nova-%s' % ('admin' if user == 'admin'
                                   else 'member')
    env['PATH'] = os.pathsep.join([os.path.dirname(sys.executable),
                                   env.get('PATH', '')])
    return env

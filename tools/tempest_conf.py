#!/usr/bin/env python3
"""Write ``tempest.conf`` for a cloud started by ``tools/cloud.py``.

    python tools/tempest_conf.py --cloud-dir DIR --output FILE
        [--workspace WORKSPACE]

Everything comes from the running cloud: Keystone's URL and the admin
password from its ``cloud.json``, the image and flavors from the compute
API (asked with the admin's token, so what is written is what is served).
Tempest creates its own projects and users per test class through
Keystone (dynamic credentials).

A feature is turned off here only where the service it needs does not
exist in this project; each such line says why.  Nothing is turned off to
hide a failure: known gaps belong in ``tools/tempest-known-failures.txt``.
"""

import argparse
import os
import sys

# This checkout's launcher, as tools/cloud.py uses it.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(
    __file__))))

from nova.tools.cloud import state as cloud_state  # noqa: E402

MIN_MICROVERSION = '2.1'
MAX_MICROVERSION = '2.65'
# The two smallest seeded flavors (m1.tiny, m1.small): Tempest boots many
# servers and the simulated hosts should not run out of RAM.
FLAVOR_NAMES = ('m1.tiny', 'm1.small')

# Nova's default filters, and the two hint filters this scheduler has.
SCHEDULER_FILTERS = ('AvailabilityZoneFilter', 'ComputeFilter',
                     'ComputeCapabilitiesFilter', 'ImagePropertiesFilter',
                     'ServerGroupAntiAffinityFilter',
                     'ServerGroupAffinityFilter', 'SameHostFilter',
                     'DifferentHostFilter')

# (section, option, value, why) of every feature turned off.
MISSING_SERVICES = (
    ('service_available', 'cinder', 'false',
     'no Block Storage service: the project has no volumes'),
    ('service_available', 'neutron', 'false',
     'no Networking service: servers boot with networks none/auto'),
    ('service_available', 'swift', 'false', 'no Object Storage service'),
    ('service_available', 'horizon', 'false', 'no dashboard'),
    ('service_available', 'placement', 'false',
     'claims are made in nova\'s own database, no Placement API'),
    ('validation', 'run_validation', 'false',
     'guests are simulated: no network path to SSH into them'),
    ('compute-feature-enabled', 'vnc_console', 'false', 'no consoles'),
    ('compute-feature-enabled', 'spice_console', 'false', 'no consoles'),
    ('compute-feature-enabled', 'serial_console', 'false', 'no consoles'),
    ('compute-feature-enabled', 'interface_attach', 'false',
     'no Networking service to attach ports from'),
    ('compute-feature-enabled', 'attach_encrypted_volume', 'false',
     'no Block Storage service'),
    ('compute-feature-enabled', 'volume_backed_live_migration', 'false',
     'no Block Storage service'),
    ('compute-feature-enabled', 'volume_multiattach', 'false',
     'no Block Storage service'),
    ('compute-feature-enabled', 'swap_volume', 'false',
     'no Block Storage service'),
)


def _admin_session(cloud):
    from keystoneauth1.identity import v3
    from keystoneauth1 import session
    return session.Session(auth=v3.Password(
        auth_url=cloud.keystone_url, username='admin',
        password=cloud.state['passwords']['admin'], project_name='admin',
        user_domain_id='default', project_domain_id='default'))


def discover(cloud):
    """The image and flavor ids Tempest should boot with."""
    sess = _admin_session(cloud)
    images = sess.get(cloud.image_url + '/v2/images').json()['images']
    if not images:
        raise SystemExit('the cloud has no image to boot')
    flavors = {f['name']: f['id'] for f in sess.get(
        cloud.compute_url + '/flavors').json()['flavors']}
    missing = [name for name in FLAVOR_NAMES if name not in flavors]
    if missing:
        raise SystemExit('the cloud lacks flavors %s' % ', '.join(missing))
    return images[0]['id'], [flavors[name] for name in FLAVOR_NAMES]


def settings(cloud, image_id, flavor_ids, workspace):
    """{section: {option: value}} of tempest.conf, without the off-list."""
    return {
        'DEFAULT': {'log_file': 'tempest.log',
                    'log_dir': os.path.join(workspace, 'logs')},
        'oslo_concurrency': {'lock_path': os.path.join(workspace,
                                                       'tempest_lock')},
        'auth': {'use_dynamic_credentials': 'true',
                 'admin_username': 'admin',
                 'admin_password': cloud.state['passwords']['admin'],
                 'admin_project_name': 'admin',
                 'admin_domain_name': 'Default'},
        'identity': {'uri_v3': cloud.keystone_url, 'auth_version': 'v3',
                     'region': cloud_state.REGION},
        'identity-feature-enabled': {'api_v2': 'false', 'api_v3': 'true'},
        'compute': {'image_ref': image_id, 'image_ref_alt': image_id,
                    'flavor_ref': flavor_ids[0],
                    'flavor_ref_alt': flavor_ids[1],
                    'min_compute_nodes': str(len(cloud.computes)),
                    'min_microversion': MIN_MICROVERSION,
                    'max_microversion': MAX_MICROVERSION,
                    'region': cloud_state.REGION,
                    'build_timeout': '120'},
        # Tempest's defaults leave these off; the project has them (issue
        # 14: resize, changePassword; same_host/different_host hints).
        'compute-feature-enabled': {
            'resize': 'true', 'change_password': 'true',
            'scheduler_enabled_filters': ','.join(SCHEDULER_FILTERS)},
        'image': {'region': cloud_state.REGION},
        'image-feature-enabled': {'api_v1': 'false', 'api_v2': 'true'},
        'service_available': {'nova': 'true', 'glance': 'true'},
    }


def render(values):
    """tempest.conf text: the settings, then the commented off-list."""
    blocks = {section: ['%s = %s\n' % item for item in options.items()]
              for section, options in values.items()}
    for section, option, value, why in MISSING_SERVICES:
        blocks.setdefault(section, []).append(
            '# Off: %s.\n%s = %s\n' % (why, option, value))
    return '\n'.join('[%s]\n%s' % (section, ''.join(lines))
                     for section, lines in blocks.items())


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--cloud-dir', required=True)
    parser.add_argument('--output', required=True)
    parser.add_argument('--workspace')
    args = parser.parse_args(argv)
    cloud = cloud_state.Cloud.load(args.cloud_dir)
    workspace = os.path.abspath(args.workspace or
                                os.path.dirname(os.path.dirname(args.output)))
    image_id, flavor_ids = discover(cloud)
    text = render(settings(cloud, image_id, flavor_ids, workspace))
    with open(os.open(args.output, os.O_CREAT | os.O_WRONLY | os.O_TRUNC,
                      0o600), 'w') as handle:
        handle.write(text)
    print('wrote %s (image %s, flavors %s)' % (
        args.output, image_id, ', '.join(flavor_ids)))
    return 0


if __name__ == '__main__':
    sys.exit(main())

"""Default policy rules, one module per API resource.

Each module listed in ``POLICY_MODULES`` defines ``list_rules()``; adding a
resource's policies is one line here.  ``list_rules`` is the
``oslo.policy.policies`` entry point used by the sample generator.
"""

import importlib
import itertools

POLICY_MODULES = (
    'base',
    'migrate_server',
    'migrations',
    'server_migrations',
    'servers',
    'extended_server_attributes',
    'flavors',
    'services',
    'instance_actions',
    'pause_server',
    'suspend_server',
    'lock_server',
    'admin_actions',
    'admin_password',
    'console_output',
    'create_backup',
    'deferred_delete',
    'server_actions',
    'shelve',
    'keypairs',
    'server_metadata',
    'quota_sets',
    'quota_class_sets',
    'limits',
    'extensions',
    'hypervisors',
    'flavor_manage',
    'flavor_access',
    'live_migration_queues',
    'aggregates',
    'availability_zone',
)


def list_rules():
    modules = [importlib.import_module('nova.policies.' + name)
               for name in POLICY_MODULES]
    return list(itertools.chain.from_iterable(
        module.list_rules() for module in modules))

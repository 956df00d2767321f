"""The embedded cloud: every service of nova in one process.

``nova-all`` runs it for operators trying the project; the functional tests
run the very same assembly, so what they prove is what nova-all does.  It
uses SQLite under ``state_path``, the ``inprocess://`` transport and
noauth2 unless configured otherwise.
"""

import os

from oslo_log import log as logging
import yaml

from nova.compute import manager as compute_manager
from nova.compute import rpcapi as compute_rpcapi
from nova.conductor import manager as conductor_manager
from nova.conductor import rpcapi as conductor_rpcapi
import nova.conf
from nova import context as nova_context
from nova.db.main import api as db_api
from nova.db import migration
from nova import objects
from nova import rpc
from nova.scheduler import manager as scheduler_manager
from nova.scheduler import rpcapi as scheduler_rpcapi
from nova import service

CONF = nova.conf.CONF
LOG = logging.getLogger(__name__)

ADMIN_TOKEN = 'admin:admin'
MEMBER_TOKEN = 'member:demo'


class EmbeddedCloud(object):
    """Conductor, scheduler, N computes and the API, started in order."""

    def __init__(self, compute_hosts=None, api_port=None,
                 check_stop_requested=None):
        self.compute_hosts = list(compute_hosts or
                                  CONF.embedded.compute_hosts)
        self.api_port = api_port
        # Called before each service starts; raises to abandon the start.
        self._check_stop_requested = check_stop_requested or (lambda: None)
        self.services = []
        self.computes = {}
        self.api = None

    def prepare_database(self):
        os.makedirs(CONF.state_path, exist_ok=True)
        db_api.configure()
        migration.db_sync()

    def start(self):
        objects.register_all()
        self.prepare_database()
        rpc.init()
        self._start(service.Service.create(
            'nova-conductor', conductor_rpcapi.RPC_TOPIC,
            conductor_manager.ConductorManager()))
        self._start(service.Service.create(
            'nova-scheduler', scheduler_rpcapi.RPC_TOPIC,
            scheduler_manager.SchedulerManager()))
        for host in self.compute_hosts:
            self.start_compute(host)
        self.api = service.WSGIService(port=self.api_port)
        self._start(self.api)

    def start_compute(self, host):
        manager = compute_manager.ComputeManager(host=host)
        svc = service.Service(host, 'nova-compute',
                              compute_rpcapi.RPC_TOPIC, manager)
        self._start(svc)
        self.computes[host] = svc
        return svc

    def _end_live_migrations(self, timeout):
        """Each compute ends its live migrations while every host runs."""
        ctxt = nova_context.get_admin_context()
        for svc in self.computes.values():
            svc.manager.live_migrations.shutdown(ctxt, timeout)

    def stop_compute(self, host):
        svc = self.computes.pop(host)
        svc.stop()
        svc.wait()
        self.services.remove(svc)

    def _start(self, svc):
        self._check_stop_requested()
        svc.start()
        self.services.append(svc)

    def stop(self, worker_timeout=None):
        """Stop every service; live migrations end before the hosts go.

        All hosts share this process, so each compute ends its live
        migrations (queued ones cancelled, running ones aborted, each given
        ``worker_timeout`` seconds, by default
        ``live_migration_shutdown_timeout``) while every host still runs;
        then the services stop in reverse order of start.
        """
        if worker_timeout is None:
            worker_timeout = CONF.live_migration_shutdown_timeout
        self._end_live_migrations(worker_timeout)
        for svc in reversed(self.services):
            svc.stop()
        for svc in reversed(self.services):
            svc.wait()
        self.services = []
        self.computes = {}

    @property
    def endpoint(self):
        host = self.api.host
        if host in ('0.0.0.0', '::'):
            host = '127.0.0.1'
        if ':' in host:
            host = '[%s]' % host
        return 'http://%s:%s/v2.1' % (host, self.api.port)

    def write_clouds_yaml(self):
        """clouds.yaml with the no-Keystone settings the clients accept."""
        path = os.path.join(CONF.state_path, 'clouds.yaml')
        clouds = {'clouds': {
            'embedded': _cloud(self.endpoint, ADMIN_TOKEN),
            'embedded-member': _cloud(self.endpoint, MEMBER_TOKEN)}}
        with open(path, 'w') as handle:
            yaml.safe_dump(clouds, handle, default_flow_style=False)
        return path


def _cloud(endpoint, token):
    return {'auth_type': 'admin_token',
            'auth': {'endpoint': endpoint, 'token': token},
            'identity_api_version': 3,
            'identity_endpoint_override': endpoint}


def usage_text(cloud, clouds_yaml):
    endpoint = cloud.endpoint
    return '\n'.join([
        'nova-all is running: compute API at %s' % endpoint,
        'Compute hosts: %s' % ', '.join(cloud.compute_hosts),
        '',
        'openstack CLI (admin, then a member of another project):',
        '  export OS_CLIENT_CONFIG_FILE=%s' % clouds_yaml,
        '  openstack --os-cloud embedded server list',
        '  openstack --os-cloud embedded-member server list',
        '',
        'nova CLI:',
        '  export OS_AUTH_TYPE=admin_token OS_TOKEN=%s OS_ENDPOINT=%s'
        % (ADMIN_TOKEN, endpoint),
        '  export OS_PROJECT_ID=admin OS_AUTH_URL=%s' % endpoint,
        '  nova list',
        '',
        'Stop with Ctrl-C (or SIGTERM).',
    ])

"""HTTP calls of ``/os-live-migration-queues`` for the OSC plugin."""

from osc_lib import exceptions

MICROVERSION = '2.65'
ROOT = '/os-live-migration-queues'


class Client(object):
    """The queue resource over the compute adapter (keystoneauth)."""

    def __init__(self, compute):
        self.compute = compute

    def _call(self, method, path, body=None):
        kwargs = {'microversion': MICROVERSION, 'raise_exc': False,
                  'headers': {'Accept': 'application/json'}}
        if body is not None:
            kwargs['json'] = body
        resp = self.compute.request(path, method, **kwargs)
        if resp.status_code >= 400:
            raise exceptions.CommandError(_fault_message(resp))
        return resp.json()

    def list_queues(self):
        return self._call('GET', ROOT)['live_migration_queues']

    def show_queue(self, host):
        return self._call('GET', '%s/%s' % (ROOT, host))[
            'live_migration_queue']

    def drain(self, host, include_running=False):
        return self._call('POST', '%s/%s/action' % (ROOT, host), {
            'drain': {'include_running': include_running}})['migrations']

    def move(self, host, migration_id, position):
        return self._call('POST', '%s/%s/action' % (ROOT, host), {
            'move': {'migration_id': migration_id,
                     'position': position}})['migration']

    def source_host_of(self, migration_id):
        """The source compute of a live migration, from ``os-migrations``.

        Follows ``migrations_links`` so a long history is searched whole.
        """
        path = '/os-migrations?migration_type=live-migration'
        while path:
            page = self._call('GET', path)
            for migration in page['migrations']:
                if migration['id'] == migration_id:
                    return migration['source_compute']
            path = _next_href(page.get('migrations_links', []))
        raise exceptions.CommandError(
            'No live migration %s found' % migration_id)


def _next_href(links):
    for link in links:
        if link.get('rel') == 'next':
            return link['href']
    return None


def _fault_message(resp):
    """The ``message`` of a Nova fault body, else the status line."""
    try:
        body = resp.json()
        fault = next(iter(body.values()))
        return '%s (HTTP %s)' % (fault['message'], resp.status_code)
    except Exception:
        return 'HTTP %s: %s' % (resp.status_code, resp.text[:200])

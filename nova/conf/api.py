"""Options of the compute REST API."""

from oslo_config import cfg

api_group = cfg.OptGroup('api', title='API options')

api_opts = [
    cfg.StrOpt('auth_strategy', default='noauth2',
               choices=[('noauth2', 'development mode: the token is '
                         '"user:project"; user "admin" is an admin. Never '
                         'use it on a reachable address.'),
                        ('keystone', 'validate tokens with keystonemiddleware '
                         'auth_token against Keystone')],
               help='How API requests are authenticated.'),
    cfg.IntOpt('max_limit', default=1000, min=0,
               help='Largest page a collection returns in one response.'),
    cfg.BoolOpt('enable_instance_password', default=True,
                help='Return ``adminPass`` when a server is created.'),
    cfg.StrOpt('response_validation', default='ignore',
               choices=[('error', 'a response that does not match its '
                         'schema becomes a 500 (for tests)'),
                        ('warn', 'log a warning and send the response'),
                        ('ignore', 'do not check responses')],
               help='Whether to check response bodies against the '
                    'per-microversion response schemas of the API. '
                    'Checking costs CPU on every response; use it in '
                    'tests and when debugging clients.'),
    cfg.StrOpt('multi_instance_display_name_template',
               default='%(name)s-%(count)d',
               help='How the servers of one multi-create request are '
                    'named: ``%(name)s`` is the requested name, '
                    '``%(count)d`` the 1-based index and ``%(uuid)s`` '
                    'the server uuid.'),
]


def register_opts(conf):
    conf.register_group(api_group)
    conf.register_opts(api_opts, group=api_group)


def list_opts():
    return {api_group: api_opts}

"""RPC options; ``transport_url`` itself is registered by oslo.messaging."""

from oslo_config import cfg
import oslo_messaging

rpc_opts = [
    cfg.IntOpt('long_rpc_timeout', default=1800, min=1,
               help='Timeout of RPC calls known to take long '
                    '(pre_live_migration, check_can_live_migrate_*).'),
]

_DEFAULT_TRANSPORT = 'inprocess://'


def register_opts(conf):
    conf.register_opts(rpc_opts)
    oslo_messaging.set_transport_defaults(control_exchange='nova')
    # oslo.messaging registers transport_url lazily on first use; register
    # it now so the embedded default (inprocess://) can be set and overridden.
    conf.register_opts(oslo_messaging.transport._transport_opts)
    # Likewise rpc_response_timeout, so it can be set before any client.
    conf.register_opts(oslo_messaging.rpc.client._client_opts)
    conf.set_default('transport_url', _DEFAULT_TRANSPORT)


def list_opts():
    return {'DEFAULT': rpc_opts}

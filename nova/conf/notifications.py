"""``[notifications]``: which notification families are emitted."""

from oslo_config import cfg

notifications_group = cfg.OptGroup('notifications', title='Notifications')

notifications_opts = [
    cfg.StrOpt('notification_format', default='unversioned',
               choices=[('both', 'legacy and versioned'),
                        ('versioned', 'versioned only'),
                        ('unversioned', 'legacy only')],
               help='Which families of notifications are emitted.'),
    cfg.ListOpt('versioned_notifications_topics',
                default=['versioned_notifications'],
                help='Topics of the versioned notifications.'),
]


def register_opts(conf):
    conf.register_group(notifications_group)
    conf.register_opts(notifications_opts, group=notifications_group)


def list_opts():
    return {notifications_group: notifications_opts}

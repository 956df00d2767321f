"""Legacy and versioned notifications of the live-migration steps."""

from nova import notifications

# step -> (legacy event suffix, versioned action)
STEPS = {
    'pre': ('live_migration.pre', 'live_migration_pre'),
    'post': ('live_migration._post', 'live_migration_post'),
    'post_dest': ('live_migration.post.dest', 'live_migration_post_dest'),
    'rollback': ('live_migration._rollback', 'live_migration_rollback'),
    'rollback_dest': ('live_migration.rollback.dest',
                      'live_migration_rollback_dest'),
    'abort': ('live.migration.abort', 'live_migration_abort'),
    'force_complete': ('live.migration.force.complete',
                       'live_migration_force_complete'),
}


def notify(context, instance, host, step, phase, exception=None):
    """Send ``step`` ``phase`` (start/end/error) in both families."""
    legacy, versioned = STEPS[step]
    notifications.notify_about_instance_usage(
        context, instance, '%s.%s' % (legacy, phase), host)
    notifications.notify_about_instance_action(
        context, instance, host, versioned, phase, exception=exception)


class Notifying(object):
    """Context manager: ``start`` on entry, ``end`` (or ``error``) on exit."""

    def __init__(self, context, instance, host, step):
        self.args = (context, instance, host, step)

    def __enter__(self):
        notify(*self.args, phase='start')
        return self

    def __exit__(self, exc_type, exc_val, exc_tb):
        if exc_val is None:
            notify(*self.args, phase='end')
        else:
            notify(*self.args, phase='error', exception=exc_val)
        return False

"""Domain exceptions.

Each carries the HTTP code the REST layer would map it to, but nothing here
knows about HTTP: controllers translate explicitly (see
``nova.api.openstack.wsgi.expected_errors``).
"""

from nova.i18n import _


class NovaException(Exception):
    msg_fmt = _('An unknown exception occurred.')
    code = 500

    def __init__(self, message=None, **kwargs):
        self.kwargs = kwargs
        self.kwargs.setdefault('code', self.code)
        if not message:
            try:
                message = self.msg_fmt % kwargs
            except (KeyError, TypeError):
                message = self.msg_fmt
        self.message = str(message)
        super().__init__(self.message)

    def format_message(self):
        return self.message


class ConfigError(NovaException):
    msg_fmt = _('Configuration error: %(reason)s')


class Invalid(NovaException):
    msg_fmt = _('Bad request: %(reason)s')
    code = 400


class ValidationError(Invalid):
    msg_fmt = _('%(detail)s')


class InvalidInput(Invalid):
    msg_fmt = _('Invalid input received: %(reason)s')


class InvalidMigrationState(Invalid):
    msg_fmt = _('Migration %(migration_id)s of server %(instance_uuid)s is '
                'in state %(state)s; cannot %(method)s in this state.')


class InvalidMigrationTransition(NovaException):
    msg_fmt = _('Migration %(migration_id)s cannot go from %(current)s to '
                '%(target)s.')


class AbortQueuedLiveMigrationNotYetSupported(Invalid):
    msg_fmt = _('Aborting live migration %(migration_id)s with status '
                '%(status)s is not supported: the nova-compute service on '
                'host %(host)s is too old (service version %(version)s, '
                'at least %(minimum)s is required).')


class LiveMigrationAbortNotSupportedByRPC(Invalid):
    msg_fmt = _('Aborting a live migration with status %(status)s needs '
                'compute RPC %(needed)s but the compute RPC API is capped at '
                '%(cap)s.')


class NotAuthorized(NovaException):
    msg_fmt = _('Not authorized.')
    code = 403


class PolicyNotAuthorized(NotAuthorized):
    msg_fmt = _("Policy doesn't allow %(action)s to be performed.")


class NotFound(NovaException):
    msg_fmt = _('Resource could not be found.')
    code = 404


class InstanceNotFound(NotFound):
    msg_fmt = _('Instance %(instance_id)s could not be found.')


class FlavorNotFound(NotFound):
    msg_fmt = _('Flavor %(flavor_id)s could not be found.')


class ImageNotFound(NotFound):
    msg_fmt = _('Image %(image_id)s could not be found.')


class MigrationNotFound(NotFound):
    msg_fmt = _('Migration %(migration_id)s could not be found.')


class MigrationNotFoundForInstance(MigrationNotFound):
    msg_fmt = _('Migration %(migration_id)s not found for instance '
                '%(instance_id)s')


class ServiceNotFound(NotFound):
    msg_fmt = _('Service %(service_id)s could not be found.')


class ComputeHostNotFound(NotFound):
    msg_fmt = _('Compute host %(host)s could not be found.')


class ComputeNodeNotFound(NotFound):
    msg_fmt = _('Compute node for host %(host)s could not be found.')


class InstanceActionNotFound(NotFound):
    msg_fmt = _('Action for request_id %(request_id)s on instance '
                '%(instance_uuid)s not found')


class Conflict(NovaException):
    msg_fmt = _('Conflict.')
    code = 409


class InstanceInvalidState(Conflict):
    msg_fmt = _('Instance %(instance_uuid)s in %(attr)s %(state)s. Cannot '
                '%(method)s while the instance is in this state.')


class InstanceIsLocked(Conflict):
    msg_fmt = _('Instance %(instance_uuid)s is locked')


class UnexpectedTaskStateError(Conflict):
    msg_fmt = _('Conflict updating instance %(instance_uuid)s. Expected: '
                '%(expected)s. Actual: %(actual)s')


class ComputeServiceTooOld(Conflict):
    msg_fmt = _('The compute service of host %(host)s is too old for this '
                'action: it needs compute RPC %(needed)s, the cap is '
                '%(cap)s.')


class CannotResizeToSameFlavor(Invalid):
    msg_fmt = _('When resizing, instances must change flavor!')


class CannotResizeDisk(Invalid):
    msg_fmt = _('Server disk was unable to be resized because: %(reason)s')


class MigrationNotFoundByStatus(MigrationNotFound):
    msg_fmt = _('Instance %(instance_id)s has no migration in status '
                '%(status)s.')


class InstanceNotRunning(Invalid):
    msg_fmt = _('Instance %(instance_id)s is not running.')


class ConsoleNotAvailable(NotFound):
    msg_fmt = _('Guest does not have a console available.')


class ServiceExists(Conflict):
    msg_fmt = _('Service with host %(host)s binary %(binary)s exists.')


class ClaimConflict(Conflict):
    msg_fmt = _('Resource provider %(host)s changed while claiming; retry.')


class InsufficientResources(NovaException):
    msg_fmt = _('Host %(host)s cannot hold %(consumer)s: %(reason)s')
    code = 409


class NoValidHost(NovaException):
    msg_fmt = _('No valid host was found. %(reason)s')


class MigrationPreCheckError(NovaException):
    msg_fmt = _('Migration pre-check error: %(reason)s')
    code = 400


class ComputeServiceUnavailable(NovaException):
    msg_fmt = _('Compute service of %(host)s is unavailable at this time.')
    code = 400


class LiveMigrationNotSubmitted(NovaException):
    msg_fmt = _('Failed to submit live migration %(migration_uuid)s for '
                'instance %(instance_uuid)s: %(reason)s')


class LiveMigrationQueueShutDown(NovaException):
    msg_fmt = _('The live-migration queue is shut down; no new migrations '
                'are accepted.')


class LiveMigrationTookPlace(NovaException):
    msg_fmt = _('Live migration %(migration_id)s cannot be reverted: '
                'instance %(instance_uuid)s already runs on its destination '
                '%(host)s.')


class ConductorTaskInterrupted(NovaException):
    msg_fmt = _('The live migration of instance %(instance_uuid)s was '
                'interrupted: conductor %(host)s stopped while it was '
                'scheduling it (migration %(migration)s, repaired at the '
                'conductor\'s start).')


class LiveMigrationNeverStarted(NovaException):
    msg_fmt = _('The live migration of instance %(instance_uuid)s was '
                'accepted but never started: the service handling it stopped '
                'before the migration was recorded (repaired by %(host)s at '
                'its start).')


class MigrationError(NovaException):
    msg_fmt = _('Migration error: %(reason)s')


class ObjectActionError(NovaException):
    msg_fmt = _('Object action %(action)s failed because: %(reason)s')


class OrphanedObjectError(NovaException):
    msg_fmt = _('Cannot call %(method)s on orphaned %(objtype)s object')


class DBNotAllowed(NovaException):
    msg_fmt = _('%(binary)s attempted direct database access which is not '
                'allowed by policy')


class MarkerNotFound(NotFound):
    msg_fmt = _('Marker %(marker)s could not be found.')
    code = 400


class KeypairNotFound(NotFound):
    msg_fmt = _('Keypair %(name)s not found for user %(user_id)s')


class KeyPairExists(Conflict):
    msg_fmt = _("Key pair '%(key_name)s' already exists.")


class InvalidKeypair(Invalid):
    msg_fmt = _('Keypair data is invalid: %(reason)s')


class NetworkNotFound(Invalid):
    """A requested network does not exist (there is no network service)."""
    msg_fmt = _('Network %(network_id)s could not be found.')


class SchedulerHintsNotSupported(Invalid):
    msg_fmt = _('Scheduler hints cannot be honoured until every conductor '
                'and scheduler is upgraded.')


# Quotas and flavor management (os-quota-sets, os-quota-class-sets,
# POST /flavors, os-flavor-access, os-flavor-extra-specs).

class OverQuota(NovaException):
    msg_fmt = _('Quota exceeded for resources: %(overs)s')
    code = 403


class MetadataLimitExceeded(OverQuota):
    msg_fmt = _('Maximum number of metadata items exceeds %(allowed)d')


class TooManyInstances(OverQuota):
    msg_fmt = _('Quota exceeded for %(overs)s: Requested %(req)s, but '
                'already used %(used)s of %(allowed)s %(overs)s')


class InvalidQuotaValue(Invalid):
    msg_fmt = _('Quota limit %(limit)s for %(resource)s must be greater '
                'than or equal to already used and reserved %(minimum)s.')


class QuotaAboveProjectLimit(Invalid):
    msg_fmt = _('Quota limit %(limit)s for %(resource)s must be less than '
                'or equal to %(maximum)s.')


class FlavorExists(Conflict):
    msg_fmt = _('Flavor with %(what)s %(value)s already exists.')


class FlavorAccessExists(Conflict):
    msg_fmt = _('Flavor access already exists for flavor %(flavor_id)s and '
                'project %(project_id)s combination.')


class FlavorAccessNotFound(NotFound):
    msg_fmt = _('Flavor access not found for %(flavor_id)s / '
                '%(project_id)s combination.')


class FlavorExtraSpecsNotFound(NotFound):
    msg_fmt = _('Flavor %(flavor_id)s has no extra specs with key '
                '%(extra_specs_key)s.')


class MigrationNotQueued(Conflict):
    msg_fmt = _('The live migration of instance %(instance_uuid)s is not '
                'waiting in its host\'s queue (it is not queued, has '
                'started or has ended).')


class LiveMigrationQueueUnavailable(Conflict):
    msg_fmt = _('The live-migration queue of host %(host)s cannot be '
                'changed now: %(reason)s')


class AggregateNotFound(NotFound):
    msg_fmt = _('Aggregate %(aggregate_id)s could not be found.')


class AggregateNameExists(Conflict):
    msg_fmt = _('Aggregate %(aggregate_name)s already exists.')


class AggregateHostExists(Conflict):
    msg_fmt = _('Aggregate %(aggregate_id)s already has host %(host)s.')


class AggregateHostNotFound(NotFound):
    msg_fmt = _('Aggregate %(aggregate_id)s has no host %(host)s.')


class InvalidAggregateAction(Invalid):
    msg_fmt = _('Cannot %(action)s aggregate %(aggregate_id)s. Reason: '
                '%(reason)s.')


class InvalidAggregateActionAdd(Conflict):
    msg_fmt = _('Cannot add host to aggregate %(aggregate_id)s. Reason: '
                '%(reason)s.')

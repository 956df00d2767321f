"""Version-cap helpers shared by the RPC clients."""

from oslo_utils import versionutils


def resolve_cap(requested, aliases, newest):
    """Turn an ``[upgrade_levels]`` value into a version cap.

    ``None`` means the newest version this code knows; a release alias maps
    through ``aliases``; anything else must be an explicit ``X.Y``.
    """
    if not requested:
        return newest
    version = aliases.get(requested.lower(), requested)
    try:
        versionutils.convert_version_to_tuple(version)
    except ValueError:
        from nova import exception
        raise exception.ConfigError(
            reason='upgrade level %r is neither a known release nor a '
                   'version' % requested)
    return version

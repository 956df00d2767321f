"""Role test used to derive ``is_admin`` without loading the policy engine."""

ADMIN_ROLE = 'admin'


def is_admin_roles(roles):
    return ADMIN_ROLE in [role.lower() for role in roles or ()]

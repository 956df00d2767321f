"""nova's versioned objects; ``register_all()`` loads every one of them."""


def register_all():
    # Importing a module registers its objects as nova.objects.<Name>.
    __import__('nova.objects.aggregate')
    __import__('nova.objects.compute_node')
    __import__('nova.objects.flavor')
    __import__('nova.objects.image')
    __import__('nova.objects.instance')
    __import__('nova.objects.instance_action')
    __import__('nova.objects.instance_fault')
    __import__('nova.objects.keypair')
    __import__('nova.objects.migration')
    __import__('nova.objects.resource_claim')
    __import__('nova.objects.service')

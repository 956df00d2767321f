"""Multi-process tests: every service its own process, the real CLI.

They run only with ``NOVA_TEST_MULTIPROCESS=1`` (``tox -e multiprocess``)
and need the local RabbitMQ (``rabbitmqctl``), MariaDB and PostgreSQL, plus
``multiprocess-requirements.txt`` (Keystone, python-openstackclient).
"""

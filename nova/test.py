"""Base test case: a private state_path and a config reset per test."""

import fixtures
from oslo_config import fixture as config_fixture
import testtools

import nova.conf

CONF = nova.conf.CONF

# Parse no files and no arguments once, so options (policy's included) can
# be read in tests exactly as in a service.
CONF([], project='nova', default_config_files=[])


class TestCase(testtools.TestCase):
    """Every test gets clean options and a temporary ``state_path``."""

    def setUp(self):
        super().setUp()
        self.useFixture(fixtures.Timeout(120, gentle=True))
        self.conf_fixture = self.useFixture(config_fixture.Config(CONF))
        # The fixture's cleanup forgets the parsed (empty) command line;
        # parse it again so every test reads options, policy's included,
        # exactly as a service does, and start each test with a fresh
        # policy enforcer.
        CONF([], project='nova', default_config_files=[])
        from nova import policy
        policy.reset()
        self.addCleanup(policy.reset)
        self.state_path = self.useFixture(fixtures.TempDir()).path
        self.flags(state_path=self.state_path)
        self.flags(connection='sqlite://', group='database')
        # Every response with a schema is checked: a missing or extra
        # field is a 500, hence a failing test.
        self.flags(response_validation='error', group='api')

    def flags(self, **kwargs):
        """Override options for this test only."""
        group = kwargs.pop('group', None)
        for name, value in kwargs.items():
            self.conf_fixture.config(**{name: value, 'group': group})

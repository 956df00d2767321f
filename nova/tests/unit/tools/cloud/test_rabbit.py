"""The cloud's vhost URL (creating vhosts needs the broker)."""

import testtools

from nova.tools.cloud import rabbit


class RabbitTest(testtools.TestCase):

    def test_vhost_url_replaces_the_path(self):
        self.assertEqual('rabbit://guest:guest@h:5672/novamp_x',
                         rabbit.vhost_url('rabbit://guest:guest@h:5672/',
                                          'novamp_x'))
        self.assertEqual('rabbit://h/a%2Fb',
                         rabbit.vhost_url('rabbit://h/old', 'a/b'))

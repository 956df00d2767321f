"""Keystone's config, server command and nova's authtoken options."""

import configparser
import os
import sys

import fixtures
import testtools

from nova.tools.cloud import keystone


class KeystoneTest(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.dir = self.useFixture(fixtures.TempDir()).path
        self.keystone = keystone.Keystone(
            os.path.join(self.dir, 'keystone.conf'),
            os.path.join(self.dir, 'keys'), 'sqlite:///k.db', 5001,
            {'admin': 'a', 'nova': 'n', 'demo': 'd'})

    def test_config(self):
        self.keystone.write_config()
        parser = configparser.RawConfigParser()
        parser.read(self.keystone.conf_path)
        self.assertEqual('sqlite:///k.db', parser.get('database',
                                                      'connection'))
        self.assertEqual(os.path.join(self.dir, 'keys', 'fernet-keys'),
                         parser.get('fernet_tokens', 'key_repository'))
        self.assertEqual('fernet', parser.get('token', 'provider'))

    def test_server_command(self):
        argv, env = self.keystone.server_command()
        self.assertEqual([sys.executable, '-m', keystone.WSGI_RUNNER],
                         argv[:3])
        self.assertEqual('5001', argv[argv.index('--port') + 1])
        self.assertEqual({'OS_KEYSTONE_CONFIG_FILES':
                          self.keystone.conf_path}, env)

    def test_authtoken_options(self):
        options = self.keystone.authtoken_options()
        self.assertEqual(('http://127.0.0.1:5001/v3', 'nova', 'n'),
                         (options['auth_url'], options['username'],
                          options['password']))

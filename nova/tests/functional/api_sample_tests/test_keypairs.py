"""API samples of ``/os-keypairs`` (an imported key, so values are stable)."""

from nova.tests.functional.api_sample_tests import api_sample_base
from nova.tests.functional import test_keypairs


class KeypairsSampleV22Test(api_sample_base.ApiSampleTestBase):
    sample_dir = 'os-keypairs'
    microversion = '2.2'

    def test_import_list_show_delete(self):
        body = {'keypair': {'name': 'keypair-example', 'type': 'ssh',
                            'public_key': test_keypairs.PUBLIC_KEY}}
        self.do_request('POST', '/os-keypairs', 'keypairs-import-post',
                        body=body, expected_status=201)
        self.do_request('GET', '/os-keypairs', 'keypairs-list')
        self.do_request('GET', '/os-keypairs/keypair-example',
                        'keypairs-get')
        self.do_request('DELETE', '/os-keypairs/keypair-example',
                        expected_status=204)


class KeypairsSampleV235Test(api_sample_base.ApiSampleTestBase):
    sample_dir = 'os-keypairs'
    microversion = '2.35'

    def test_list_with_limit(self):
        for name in ('keypair-a', 'keypair-b'):
            body = {'keypair': {'name': name,
                                'public_key': test_keypairs.PUBLIC_KEY}}
            self.do_request('POST', '/os-keypairs', body=body,
                            expected_status=201)
        self.do_request('GET', '/os-keypairs?limit=1',
                        'keypairs-list-limit')

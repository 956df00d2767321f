"""API samples of the image proxy (2.1) and of ``/v2/images``."""

from nova.tests.functional.api_sample_tests import test_servers

IMAGE = test_servers.IMAGE


class ImagesSampleJsonTest(test_servers.ServersSampleBase):
    sample_dir = 'images'

    def test_image_proxy(self):
        self.sample('GET', '/images', 'images-list')
        self.sample('GET', '/images/detail', 'images-details')
        self.sample('GET', '/images/%s' % IMAGE, 'image-get')

    def test_glance_shaped_paths(self):
        self.sample('GET', '/v2/images/%s' % IMAGE, 'glance-image-get')
        self.sample('GET', '/v2/images?name=cirros-0.6.2-x86_64-disk',
                    'glance-images-list')

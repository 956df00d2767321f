"""How registered images look: Nova's image proxy and Glance's v2 shape."""

from nova.api.openstack import common
from nova.api.openstack.compute.views import formats


def _updated(image):
    return image.updated_at or image.created_at


class ViewBuilder:
    """The image proxy (2.1-2.35): index, detail and show."""

    _collection = 'images'

    def index(self, req, images, limit=None):
        items = [{'id': image.id, 'name': image.name,
                  'links': self._links(req, image)} for image in images]
        return self._collection_body(req, items, images, limit)

    def detail(self, req, images, limit=None):
        items = [self._full(req, image) for image in images]
        return self._collection_body(req, items, images, limit)

    def show(self, req, image):
        return {'image': self._full(req, image)}

    def _collection_body(self, req, items, images, limit):
        body = {'images': items}
        if limit and len(images) == limit:
            body['images_links'] = [common.next_link(
                req, images[-1].id)]
        return body

    def _links(self, req, image):
        return common.resource_links(req, self._collection, image.id)

    def _full(self, req, image):
        status = image.status.upper()
        return {
            'id': image.id,
            'name': image.name,
            'status': status,
            'progress': 100 if status == 'ACTIVE' else 0,
            'minDisk': image.min_disk,
            'minRam': image.min_ram,
            'metadata': {},
            'OS-EXT-IMG-SIZE:size': image.size,
            'created': formats.isotime(image.created_at),
            'updated': formats.isotime(_updated(image)),
            'links': self._links(req, image),
        }


class GlanceViewBuilder:
    """The Image service v2 shape that python-novaclient reads.

    Only what the registry knows is filled in; formats and checksums it
    does not know are null rather than invented.
    """

    def show(self, image):
        path = '/v2/images/%s' % image.id
        return {
            'id': image.id,
            'name': image.name,
            'status': image.status.lower(),
            'visibility': 'public',
            'protected': False,
            'os_hidden': False,
            'min_disk': image.min_disk,
            'min_ram': image.min_ram,
            'size': image.size,
            'virtual_size': None,
            'disk_format': None,
            'container_format': None,
            'checksum': None,
            'owner': None,
            'tags': [],
            'created_at': formats.isotime(image.created_at),
            'updated_at': formats.isotime(_updated(image)),
            'self': path,
            'file': path + '/file',
            'schema': '/v2/schemas/image',
        }

    def index(self, images, limit=None):
        body = {'images': [self.show(image) for image in images],
                'first': '/v2/images',
                'schema': '/v2/schemas/images'}
        if limit and len(images) == limit:
            body['next'] = '/v2/images?marker=%s&limit=%d' % (
                images[-1].id, limit)
        return body

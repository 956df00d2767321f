# Licensed under the Apache License, Version 2.0 (the "License"); you may
# not use this file except in compliance with the License. You may obtain
# a copy of the License at
#
#      http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS, WITHOUT
# WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied. See the
# License for the specific language governing permissions and limitations
# under the License.

"""Sphinx settings of the admin and contributor documentation.

The build must stay offline and warning-free (``sphinx-build -W``): no
intersphinx. The configuration reference is generated from the option
definitions through oslo.config's ``show-options``, which finds them by the
``oslo.config.opts`` entry points of ``setup.cfg``.
"""

import configparser
import importlib.metadata
import importlib.util
import os
import sys
import tempfile

DOC_SOURCE = os.path.dirname(os.path.abspath(__file__))
REPO_ROOT = os.path.abspath(os.path.join(DOC_SOURCE, '..', '..'))
sys.path.insert(0, REPO_ROOT)


def _read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def _expose_entry_points_when_not_installed():
    """Let ``show-options`` find ``nova.conf`` in an uninstalled checkout.

    tox installs the package, which registers the entry points. A checkout
    used straight from a venv has none, so publish the ``oslo.config.opts``
    section of ``setup.cfg`` through a minimal distribution on sys.path.
    """
    group = 'oslo.config.opts'
    if importlib.metadata.entry_points(group=group, name='nova.conf'):
        return
    parser = configparser.ConfigParser()
    parser.read(os.path.join(REPO_ROOT, 'setup.cfg'))
    lines = parser.get('entry_points', group, fallback='').strip()
    root = os.path.join(tempfile.gettempdir(), 'nova-doc-entry-points')
    dist_info = os.path.join(root, 'nova_doc_entry_points-0.dist-info')
    os.makedirs(dist_info, exist_ok=True)
    files = {
        'METADATA': 'Metadata-Version: 2.1\n'
                    'Name: nova-doc-entry-points\nVersion: 0\n',
        'entry_points.txt': '[%s]\n%s\n' % (group, lines),
    }
    for name, text in files.items():
        # Rewrite only on change: stevedore caches per sys.path mtime.
        path = os.path.join(dist_info, name)
        if _read(path) != text:
            with open(path, 'w') as f:
                f.write(text)
    sys.path.insert(0, root)


_expose_entry_points_when_not_installed()

extensions = [
    'oslo_config.sphinxext',
]

# Use the OpenStack theme when it is installed; Sphinx's own otherwise.
if importlib.util.find_spec('openstackdocstheme'):
    extensions.append('openstackdocstheme')
    html_theme = 'openstackdocs'
    openstackdocs_auto_name = False
    openstackdocs_auto_version = False
else:
    html_theme = 'alabaster'

project = 'nova'
copyright = 'the project contributors'
version = ''
release = ''

source_suffix = {'.rst': 'restructuredtext'}
master_doc = 'index'
exclude_patterns = []
pygments_style = 'native'
add_module_names = False
show_authors = False
html_show_sourcelink = False
html_static_path = []
htmlhelp_basename = 'nova-doc'

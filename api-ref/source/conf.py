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

"""Sphinx settings of the compute API reference (built with os-api-ref).

The build must stay offline and warning-free (``sphinx-build -W``): no
intersphinx, and samples come from ``doc/api_samples`` in this tree.
"""

import importlib.util

extensions = [
    'os_api_ref',
]

# The openstackdocs theme is what os-api-ref is styled for; fall back to the
# theme Sphinx ships when it is not installed, so a bare venv still builds.
if importlib.util.find_spec('openstackdocstheme'):
    extensions.append('openstackdocstheme')
    html_theme = 'openstackdocs'
    html_theme_options = {'sidebar_mode': 'toc'}
    openstackdocs_auto_name = False
    openstackdocs_auto_version = False
else:
    html_theme = 'alabaster'

project = 'Compute API Reference'
copyright = 'the project contributors'
version = ''
release = ''

# Bounds shown by os-api-ref's microversion widgets.
os_api_ref_min_microversion = '2.1'
os_api_ref_max_microversion = '2.65'

source_suffix = {'.rst': 'restructuredtext'}
master_doc = 'index'
exclude_patterns = []
pygments_style = 'native'
add_module_names = False
show_authors = False
html_show_sourcelink = False
html_static_path = []
htmlhelp_basename = 'compute-api-ref'

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

"""Sphinx settings of the release notes (rendered by reno from git).

reno reads the notes from the git history, so a note shows up here only
once it is committed. The build stays offline and warning-free.
"""

import importlib.util

extensions = [
    'reno.sphinxext',
]

# Use the OpenStack theme when it is installed; Sphinx's own otherwise.
if importlib.util.find_spec('openstackdocstheme'):
    extensions.append('openstackdocstheme')
    html_theme = 'openstackdocs'
    openstackdocs_auto_name = False
    openstackdocs_auto_version = False
else:
    html_theme = 'alabaster'

project = 'nova Release Notes'
copyright = 'the project contributors'
version = ''
release = ''

source_suffix = {'.rst': 'restructuredtext'}
master_doc = 'index'
exclude_patterns = []
pygments_style = 'native'
html_show_sourcelink = False
html_static_path = []
htmlhelp_basename = 'nova-releasenotes'

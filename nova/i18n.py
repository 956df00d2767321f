"""oslo.i18n integration: ``_`` marks user-facing strings for translation."""

import oslo_i18n

DOMAIN = 'nova'

_translators = oslo_i18n.TranslatorFactory(domain=DOMAIN)

_ = _translators.primary

"""WSGI entry point. In production, refuses to serve while ``check --deploy`` warns."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

from config.deploy import enforce_deploy_checks  # noqa: E402

enforce_deploy_checks()

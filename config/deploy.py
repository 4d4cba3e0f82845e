"""Production guard: the portal does not start when Django's deploy checks complain."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def deploy_problems() -> list[str]:
    """Every warning or error of ``manage.py check --deploy``, as text."""
    messages = checks.run_checks(include_deployment_checks=True)
    return [
        f"{message.id}: {message.msg}"
        for message in messages
        if message.level >= checks.WARNING and not message.is_silenced()
    ]


def enforce_deploy_checks() -> None:
    if settings.PORTAL_ENV != "production":
        return
    problems = deploy_problems()
    if problems:
        raise ImproperlyConfigured(
            "PORTAL_ENV=production refuses to start:\n" + "\n".join(problems)
        )

"""Create the first administrator account, once.

Credentials come from ``ADMIN_USERNAME`` / ``ADMIN_PASSWORD`` / ``ADMIN_EMAIL``; without
a password one is generated and printed this one time only.
"""

import os
import secrets

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Create an administrator account if none exists yet."

    def handle(self, *args, **options):
        user_model = get_user_model()
        if user_model.objects.filter(is_superuser=True).exists():
            self.stdout.write("An administrator account already exists.")
            return
        username = os.environ.get("ADMIN_USERNAME", "admin")
        email = os.environ.get("ADMIN_EMAIL", "admin@localhost")
        password = os.environ.get("ADMIN_PASSWORD")
        generated = not password
        if generated:
            password = secrets.token_urlsafe(12)
        user_model.objects.create_superuser(username, email, password)
        self.stdout.write(self.style.SUCCESS(f"Administrator created: {username}"))
        self.stdout.write(
            "At the first login the admin asks to set up two-factor authentication "
            "(an authenticator app)."
        )
        if generated:
            self.stdout.write(
                self.style.WARNING(f"Password (shown once, write it down): {password}")
            )

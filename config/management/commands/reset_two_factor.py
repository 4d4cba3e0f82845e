"""Remove a user's two-factor devices (a lost phone): they enrol again at their
next login if two-factor authentication is required for them."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = "Remove a user's two-factor devices so that they enrol again."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username: str, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"No user named {username!r}.")
        count, _ = TOTPDevice.objects.filter(user=user).delete()
        self.stdout.write(f"{username}: {count} two-factor device(s) removed.")

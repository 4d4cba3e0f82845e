from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewslettersConfig(AppConfig):
    name = "newsletters"
    verbose_name = _("Newsletters")

    def ready(self):
        from core.demo_registry import register_demo_seeder
        from newsletters import signals  # noqa: F401

        register_demo_seeder(_seed_demo_newsletters)

        from core.navigation import register_nav_entry

        register_nav_entry("newsletter", 50, _("Newsletter"), _newsletter_url)


def _newsletter_url(request) -> str | None:
    from newsletters.models import NewsletterPage

    newsletter = NewsletterPage.objects.live().public().first()
    return newsletter.get_url(request) if newsletter else None


def _seed_demo_newsletters(command, home) -> None:
    from newsletters.demo import seed_newsletters

    summary = seed_newsletters(home)
    command.stdout.write(f"Newsletters: {summary}.")

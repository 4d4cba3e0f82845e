"""A changed slug keeps its old URLs alive: Wagtail redirects, one per language."""

from __future__ import annotations

from django.conf import settings
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.redirects.models import Redirect

from directory.models import Antenna, Organisation

ROUTES = {Organisation: "directory:organisation", Antenna: "directory:antenna"}


def _paths(model, slug: str) -> dict[str, str]:
    paths = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            paths[code] = reverse(ROUTES[model], kwargs={"slug": slug})
    return paths


@receiver(pre_save, sender=Organisation)
@receiver(pre_save, sender=Antenna)
def redirect_old_slug(sender, instance, raw=False, **kwargs):
    if raw or not instance.pk or not instance.slug:
        return
    old = sender.objects.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if not old or old == instance.slug:
        return
    old_paths, new_paths = _paths(sender, old), _paths(sender, instance.slug)
    for code, old_path in old_paths.items():
        Redirect.objects.update_or_create(
            old_path=Redirect.normalise_path(old_path),
            site=None,
            defaults={"redirect_link": new_paths[code], "is_permanent": True},
        )
    # A slug given back to a record must not keep redirecting away.
    for path in new_paths.values():
        Redirect.objects.filter(old_path=Redirect.normalise_path(path)).delete()

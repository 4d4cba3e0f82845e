"""Urgent help lines shown in the footer of every page.

The listening line and the suicide prevention line are different services (and
numbers) for French and Dutch speakers, so the list is chosen per language.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class UrgentLine:
    name: str
    number: str
    description: str

    @property
    def tel(self) -> str:
        return "tel:" + self.number.replace(" ", "")


def urgent_lines(language: str) -> list[UrgentLine]:
    emergency = UrgentLine(
        _("Emergencies"), "112", _("Ambulance, fire brigade, police")
    )
    if language.startswith("nl"):
        return [
            emergency,
            UrgentLine("Tele-Onthaal", "106", _("Someone to talk to, day and night")),
            UrgentLine("Zelfmoordlijn", "1813", _("Suicide prevention, day and night")),
        ]
    return [
        emergency,
        UrgentLine("Télé-Accueil", "107", _("Someone to talk to, day and night")),
        UrgentLine(
            "Centre de prévention du suicide",
            "0800 32 123",
            _("Suicide prevention, day and night"),
        ),
    ]

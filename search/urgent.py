"""Urgent help lines shown in the footer of every page.

The listening line and the suicide prevention line are different services (and
numbers) for French and Dutch speakers, so the list is chosen per language.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from core.text import folded_words
from search.plain_words import corrected


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


# What a search says about danger (folded words, ``*`` a prefix), and the lines
# that answer it: shown first on the results page and in the search API.
URGENT_TOPICS: dict[str, tuple[str, ...]] = {
    "suicide": (
        "suicid*",
        "me tuer",
        "en finir",
        "mourir",
        "zelfmoord*",
        "niet meer leven",
        "dood willen",
        "mezelf doden",
        "zelfdoding",
    ),
    "violence": (
        "frappe*",
        "me bat",
        "battu*",
        "violence*",
        "violent*",
        "coups",
        "viol",
        "menace*",
        "slaat",
        "slaan",
        "geslagen",
        "geweld*",
        "mishandel*",
        "verkracht*",
        "bedreig*",
    ),
    "child": (
        "enfant*",
        "fils",
        "fille",
        "ado",
        "ados",
        "kind",
        "kinderen",
        "zoon",
        "dochter",
    ),
    "child_abuse": (
        "maltraitance",
        "maltraite*",
        "kindermishandeling",
        "disparu*",
        "vermist*",
        "fugue",
        "weggelopen",
    ),
    "danger": ("danger", "en danger", "gevaar", "in gevaar", "peur pour ma vie"),
}


def urgent_topics(query: str) -> set[str]:
    """The topics of :data:`URGENT_TOPICS` that ``query`` names."""
    tokens = [corrected(token) for token in folded_words(query)]
    found = set()
    for topic, phrases in URGENT_TOPICS.items():
        for phrase in phrases:
            words = folded_words(phrase.replace("*", ""))
            prefix = phrase.endswith("*")
            for start in range(len(tokens) - len(words) + 1):
                chunk = tokens[start : start + len(words)]
                if chunk[:-1] == words[:-1] and (
                    chunk[-1].startswith(words[-1])
                    if prefix
                    else chunk[-1] == words[-1]
                ):
                    found.add(topic)
    return found


def urgent_lines_for_query(query: str, language: str) -> list[UrgentLine]:
    """The help lines a search about violence, suicide or danger shows first,
    in ``language`` (French- and Dutch-speaking services differ)."""
    topics = urgent_topics(query)
    if "child_abuse" in topics or (
        "child" in topics and topics & {"violence", "danger"}
    ):
        topics.add("child")
    else:
        topics.discard("child")  # a child alone is no danger
    dutch = language.startswith("nl")
    lines: list[UrgentLine] = []
    if "suicide" in topics:
        lines.append(
            UrgentLine("Zelfmoordlijn", "1813", _("Suicide prevention, day and night"))
            if dutch
            else UrgentLine(
                "Centre de prévention du suicide",
                "0800 32 123",
                _("Suicide prevention, day and night"),
            )
        )
    if "violence" in topics and "child" not in topics:
        lines.append(
            UrgentLine(
                "1712",
                "1712",
                _("Violence, abuse and child abuse: free and anonymous"),
            )
            if dutch
            else UrgentLine(
                "Écoute violences conjugales",
                "0800 30 030",
                _("Domestic violence: free and anonymous, day and night"),
            )
        )
    if "child" in topics:
        lines.append(
            UrgentLine("Awel", "102", _("For children and young people"))
            if dutch
            else UrgentLine("Écoute-Enfants", "103", _("For children and young people"))
        )
        lines.append(
            UrgentLine(
                "Child Focus", "116 000", _("Missing or sexually exploited children")
            )
        )
    if topics & {"suicide", "violence"}:
        lines.append(
            UrgentLine("Tele-Onthaal", "106", _("Someone to talk to, day and night"))
            if dutch
            else UrgentLine(
                "Télé-Accueil", "107", _("Someone to talk to, day and night")
            )
        )
    if topics & {"violence", "danger"}:
        lines.insert(
            0,
            UrgentLine(_("Emergencies"), "112", _("Ambulance, fire brigade, police")),
        )
    return lines

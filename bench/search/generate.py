# ruff: noqa: E501  (tables of bilingual names and descriptions)
"""Realistic FR/NL data for the search benchmark, written with ``bulk_create``.

``scale`` 1.0 = 20,000 organisations, 50,000 antennas, 20,000 publications over
the real communes, postcodes and categories loaded by the migrations. Names and
descriptions are composed from the sector's vocabulary in both languages
("CPAS de X" / "OCMW van X", "Maison médicale …" / "Wijkgezondheidscentrum …");
Brussels and a third of the rest are bilingual, Flanders is Dutch only, Wallonia
mostly French. Coordinates are within ~3 km of the commune's centroid.

Imported by ``phases.py`` once Django is set up (it imports the models).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from django.db import transaction

from directory.models import Antenna, Category, Language, Organisation, Public
from documents.models import Publication
from places.models import Commune, Postcode

BATCH = 2000

# (category slug, French kind, Dutch kind, French description, Dutch description)
KINDS = [
    ("cpas", "CPAS de {c}", "OCMW van {c}",
     "Centre public d'action sociale : revenu d'intégration, aide sociale, aide médicale urgente, guidance budgétaire.",
     "Openbaar centrum voor maatschappelijk welzijn: leefloon, sociale hulp, dringende medische hulp, budgetbegeleiding."),
    ("maison-medicale", "Maison médicale {w}", "Wijkgezondheidscentrum {w}",
     "Soins de santé de première ligne au forfait : médecine générale, kinésithérapie, soins infirmiers.",
     "Eerstelijnsgezondheidszorg met forfait: huisarts, kinesitherapie, verpleging."),
    ("sante-mentale", "Service de santé mentale {w}", "Centrum geestelijke gezondheidszorg {w}",
     "Consultations psychologiques et psychiatriques pour adultes, enfants et familles.",
     "Psychologische en psychiatrische consultaties voor volwassenen, kinderen en gezinnen."),
    ("planning-familial", "Planning familial {w}", "Centrum voor gezinsplanning {w}",
     "Contraception, grossesse, vie affective et sexuelle, consultations juridiques.",
     "Anticonceptie, zwangerschap, relaties en seksualiteit, juridisch advies."),
    ("aide-alimentaire", "Restaurant social {w}", "Sociaal restaurant {w}",
     "Repas à petit prix, colis alimentaires et épicerie sociale.",
     "Maaltijden aan democratische prijs, voedselpakketten en sociale kruidenier."),
    ("dettes", "Service de médiation de dettes {w}", "Dienst schuldbemiddeling {w}",
     "Médiation de dettes amiable et judiciaire, guidance budgétaire.",
     "Minnelijke en gerechtelijke schuldbemiddeling, budgetbegeleiding."),
    ("logement", "Agence immobilière sociale {w}", "Sociaal verhuurkantoor {w}",
     "Logement à loyer modéré, aide à la recherche d'un logement, guidance.",
     "Betaalbare huisvesting, hulp bij het zoeken naar een woning, begeleiding."),
    ("casg", "Centre d'action sociale globale {w}", "Centrum algemeen welzijnswerk {w}",
     "Accueil, information et orientation pour toute question sociale.",
     "Onthaal, informatie en doorverwijzing voor elke sociale vraag."),
    ("aide-domicile", "Aide à domicile {w}", "Thuishulp {w}",
     "Aides familiales et seniors, aide ménagère, garde à domicile.",
     "Gezins- en bejaardenhulp, poetshulp, oppas aan huis."),
    ("assuetudes", "Centre d'accueil assuétudes {w}", "Centrum verslavingszorg {w}",
     "Accompagnement des personnes dépendantes à l'alcool, aux drogues, au jeu.",
     "Begeleiding van mensen met een alcohol-, drugs- of gokverslaving."),
    ("justice", "Service d'aide aux justiciables {w}", "Dienst justitieel welzijnswerk {w}",
     "Aide aux victimes, aux détenus et à leurs proches.",
     "Hulp aan slachtoffers, gedetineerden en hun naasten."),
    ("energie", "Cellule énergie {w}", "Energiecel {w}",
     "Conseils pour réduire la facture d'énergie, aide au paiement, compteurs à budget.",
     "Advies om de energiefactuur te verlagen, betalingshulp, budgetmeters."),
]  # fmt: skip
WORDS = [
    ("du Centre", "Centrum"), ("Les Marolles", "De Marollen"), ("La Passerelle", "De Brug"),
    ("Le Relais", "Het Relais"), ("Entraide", "Onderlinge Hulp"), ("Solidarité", "Solidariteit"),
    ("La Clairière", "De Open Plek"), ("Le Pont", "De Brug"), ("Horizon", "Horizon"),
    ("L'Escale", "De Halte"), ("Le Phare", "De Vuurtoren"), ("Saint-Pierre", "Sint-Pieter"),
]  # fmt: skip
STREETS = [
    ("Rue de la Station", "Stationsstraat"), ("Chaussée de Louvain", "Leuvensesteenweg"),
    ("Rue Haute", "Hoogstraat"), ("Place communale", "Gemeenteplein"),
    ("Avenue de la Gare", "Stationslaan"), ("Rue de l'Église", "Kerkstraat"),
    ("Rue du Moulin", "Molenstraat"), ("Rue de la Paix", "Vredestraat"),
]  # fmt: skip
HOURS = [
    "Mo-Fr 09:00-12:00,13:30-16:30; PH off",
    "Mo-Fr 08:30-12:30",
    "Mo,We,Fr 09:00-12:00; Tu,Th 13:00-17:00; PH off",
    "Mo-Th 09:00-18:00; Fr 09:00-16:00",
    "Mo-Fr 08:00-19:00; Sa 09:00-12:00; PH off",
    "Tu 09:00-12:00; Th 14:00-18:00",
    "Mo-Fr 09:00-17:00; 12:00-13:00 off",
    "24/7",
    "",
]
PUB_KINDS = ["book", "journal_issue", "article", "brochure", "report", "memorandum"]
PUB_TITLES = [
    ("Rapport annuel sur la pauvreté {y}", "Jaarverslag armoede {y}"),
    ("Le non-recours aux droits sociaux à {c}", "Niet-gebruik van sociale rechten in {c}"),
    ("Guide pratique du revenu d'intégration", "Praktische gids leefloon"),
    ("L'accès aux soins de santé des personnes sans abri", "Toegang tot gezondheidszorg voor daklozen"),
    ("Surendettement et médiation de dettes : bilan {y}", "Overmatige schuldenlast en schuldbemiddeling: balans {y}"),
    ("Le logement social en Région bruxelloise", "Sociale huisvesting in het Brussels Gewest"),
    ("Précarité énergétique : chiffres et pistes", "Energiearmoede: cijfers en oplossingen"),
    ("L'aide alimentaire à {c}", "Voedselhulp in {c}"),
    ("Santé mentale des jeunes : état des lieux", "Geestelijke gezondheid van jongeren: stand van zaken"),
    ("Les maisons médicales et la première ligne", "Wijkgezondheidscentra en de eerste lijn"),
]  # fmt: skip
ABSTRACT = (
    "Cette publication analyse {t} à partir des données des CPAS et des associations "
    "de terrain, et formule des recommandations pour les pouvoirs publics.",
    "Deze publicatie analyseert {t} op basis van gegevens van de OCMW's en "
    "organisaties op het terrein, en formuleert aanbevelingen voor de overheid.",
)


@dataclass
class Reference:
    """The rows the generated records point to (loaded by the migrations)."""

    communes: list[Commune]
    postcodes: dict[int, list[str]]
    categories: dict[str, Category]
    publics: list[Public]
    lang_fr: Language | None
    lang_nl: Language | None
    others: list[Language]

    @classmethod
    def load(cls) -> Reference:
        postcodes: dict[int, list[str]] = {}
        for commune_id, code in Postcode.objects.values_list("commune_id", "code"):
            postcodes.setdefault(commune_id, []).append(code)
        languages = {lang.code: lang for lang in Language.objects.all()}
        return cls(
            communes=[c for c in Commune.objects.all() if c.id in postcodes],
            postcodes=postcodes,
            categories={c.slug: c for c in Category.objects.all()},
            publics=list(Public.objects.all()),
            lang_fr=languages.get("fr"),
            lang_nl=languages.get("nl"),
            others=[
                lang for code, lang in languages.items() if code not in ("fr", "nl")
            ],
        )

    @property
    def all_categories(self) -> list[Category]:
        return list(self.categories.values())


def generate(scale: float, seed: int = 2026) -> dict:
    rng = random.Random(seed)
    n_org = max(1, round(20_000 * scale))
    n_ant = max(n_org, round(50_000 * scale))
    n_pub = max(1, round(20_000 * scale))
    ref = Reference.load()
    # One generator for everything, drawn in a fixed order: a seed gives one data set.
    orgs, org_meta = make_organisations(rng, ref, n_org)
    with transaction.atomic():
        Organisation.objects.bulk_create(orgs, batch_size=BATCH)
        orgs = list(Organisation.objects.order_by("external_id"))
        link_organisations(rng, ref, orgs, org_meta)
        Antenna.objects.bulk_create(
            make_antennas(rng, ref, orgs, org_meta, n_ant), batch_size=BATCH
        )
        Publication.objects.bulk_create(
            make_publications(rng, orgs, n_pub, ref.communes), batch_size=BATCH
        )
        link_publications(rng, ref, list(Publication.objects.order_by("external_id")))
    return {
        "organisations": Organisation.objects.count(),
        "antennas": Antenna.objects.count(),
        "publications": Publication.objects.count(),
        "communes": len(ref.communes),
    }


def _langs(rng: random.Random, commune: Commune) -> tuple[bool, bool]:
    """Whether an organisation in ``commune`` works in French, in Dutch."""
    if commune.refnis.startswith("21"):
        return True, True
    if commune.region == "flanders":
        return rng.random() < 0.1, True
    return True, rng.random() < 0.2


def make_organisations(
    rng: random.Random, ref: Reference, n_org: int
) -> tuple[list[Organisation], list[tuple]]:
    """Unsaved organisations, and for each (category slug, commune, fr, nl, words)."""
    orgs, org_meta = [], []
    for i in range(n_org):
        slug, kind_fr, kind_nl, desc_fr, desc_nl = rng.choice(KINDS)
        commune = rng.choice(ref.communes)
        fr, nl = _langs(rng, commune)
        w_fr, w_nl = rng.choice(WORDS)
        name_fr = kind_fr.format(c=commune.name_fr, w=w_fr) if fr else ""
        name_nl = kind_nl.format(c=commune.name_nl, w=w_nl) if nl else ""
        orgs.append(
            Organisation(
                external_id=f"bench-org-{i:06d}",
                name=name_fr or name_nl,
                name_fr=name_fr,
                name_nl=name_nl,
                slug=f"bench-org-{i:06d}",
                description=desc_fr if fr else desc_nl,
                description_fr=desc_fr if fr else "",
                description_nl=desc_nl if nl else "",
                legal_form=rng.choice(["ASBL", "VZW", "CPAS", "OCMW"]),
                phone=f"+32 2 {rng.randrange(100, 999)} {rng.randrange(10, 99)} "
                f"{rng.randrange(10, 99)}",
                community="nl" if (nl and not fr) else "fr",
                live=True,
            )
        )
        org_meta.append((slug, commune, fr, nl, w_fr, w_nl))
    return orgs, org_meta


def link_organisations(
    rng: random.Random, ref: Reference, orgs: list[Organisation], org_meta: list
) -> None:
    """Categories, publics and languages of the saved organisations."""
    through_cat = Organisation.categories.through
    through_pub = Organisation.publics.through
    through_lang = Organisation.languages.through
    all_categories = ref.all_categories
    cats, pubs, lngs = [], [], []
    for org, (slug, _c, fr, nl, *_w) in zip(orgs, org_meta, strict=True):
        chosen = {ref.categories[slug]} if slug in ref.categories else set()
        chosen |= set(rng.sample(all_categories, rng.choice([0, 1, 2])))
        cats += [through_cat(organisation=org, category=c) for c in chosen]
        pubs += [
            through_pub(organisation=org, public=p)
            for p in rng.sample(ref.publics, min(len(ref.publics), rng.randint(1, 3)))
        ]
        spoken = [x for x, ok in ((ref.lang_fr, fr), (ref.lang_nl, nl)) if x and ok]
        spoken += rng.sample(ref.others, rng.choice([0, 0, 1, 2]))
        lngs += [through_lang(organisation=org, language=x) for x in spoken]
    through_cat.objects.bulk_create(cats, batch_size=BATCH, ignore_conflicts=True)
    through_pub.objects.bulk_create(pubs, batch_size=BATCH, ignore_conflicts=True)
    through_lang.objects.bulk_create(lngs, batch_size=BATCH, ignore_conflicts=True)


def make_antennas(
    rng: random.Random,
    ref: Reference,
    orgs: list[Organisation],
    org_meta: list,
    n_ant: int,
) -> list[Antenna]:
    """One antenna per organisation, the rest spread at random; most near the
    organisation's commune, some anywhere."""
    n_org = len(orgs)
    owners = list(range(n_org)) + [rng.randrange(n_org) for _ in range(n_ant - n_org)]
    antennas = []
    for i, owner in enumerate(owners):
        org = orgs[owner]
        slug, commune, fr, nl, w_fr, w_nl = org_meta[owner]
        if rng.random() < 0.3:
            commune = rng.choice(ref.communes)
        street_fr, street_nl = rng.choice(STREETS)
        site = f" – antenne {i}" if fr else ""
        antennas.append(
            Antenna(
                external_id=f"bench-ant-{i:06d}",
                organisation=org,
                name=(org.name_fr or org.name_nl) + site,
                name_fr=(org.name_fr + site) if org.name_fr else "",
                name_nl=(org.name_nl + f" – vestiging {i}") if org.name_nl else "",
                slug=f"bench-ant-{i:06d}",
                street=street_fr if fr else street_nl,
                number=str(rng.randint(1, 250)),
                postcode=rng.choice(ref.postcodes[commune.id]),
                commune=commune,
                latitude=commune.latitude + rng.uniform(-0.025, 0.025),
                longitude=commune.longitude + rng.uniform(-0.035, 0.035),
                precision="address",
                opening_hours=rng.choice(HOURS),
                wheelchair=rng.choice(["yes", "partial", "no", "unknown"]),
                live=True,
            )
        )
    return antennas


def make_publications(
    rng: random.Random, orgs: list[Organisation], n_pub: int, communes: list[Commune]
) -> list[Publication]:
    """Unsaved publications: French, Dutch or both (titles and abstracts)."""
    n_org = len(orgs)
    publications = []
    for i in range(n_pub):
        t_fr, t_nl = rng.choice(PUB_TITLES)
        commune = rng.choice(communes)
        year = rng.randint(1995, 2026)
        title_fr = t_fr.format(y=year, c=commune.name_fr)
        title_nl = t_nl.format(y=year, c=commune.name_nl)
        both = rng.random() < 0.4
        dutch = not both and rng.random() < 0.4
        publications.append(
            Publication(
                external_id=f"bench-pub-{i:06d}",
                kind=rng.choice(PUB_KINDS),
                title=title_nl if dutch else title_fr,
                title_fr="" if dutch else title_fr,
                title_nl=title_nl if (dutch or both) else "",
                original_language="nl" if dutch else "fr",
                slug=f"bench-pub-{i:06d}",
                abstract_fr="" if dutch else ABSTRACT[0].format(t=title_fr.lower()),
                abstract_nl=ABSTRACT[1].format(t=title_nl.lower())
                if (dutch or both)
                else "",
                publisher=orgs[rng.randrange(n_org)].name,
                publisher_organisation=orgs[rng.randrange(n_org)]
                if rng.random() < 0.5
                else None,
                publication_date=date(year, rng.randint(1, 12), rng.randint(1, 28)),
                year=year,
                keywords=", ".join(
                    rng.sample(
                        [
                            "pauvreté",
                            "armoede",
                            "CPAS",
                            "OCMW",
                            "santé",
                            "gezondheid",
                            "logement",
                            "wonen",
                            "dettes",
                            "schulden",
                        ],
                        3,
                    )  # fmt: skip
                ),
                access=rng.choice(["open", "library", "request"]),
                live=True,
            )
        )
    return publications


def link_publications(
    rng: random.Random, ref: Reference, pubs_saved: list[Publication]
) -> None:
    """Themes and languages of the saved publications."""
    all_categories = ref.all_categories
    lang_fr, lang_nl = ref.lang_fr, ref.lang_nl
    through_theme = Publication.themes.through
    through_plang = Publication.languages.through
    themes, plangs = [], []
    for pub in pubs_saved:
        themes += [
            through_theme(publication=pub, category=c)
            for c in rng.sample(all_categories, rng.randint(1, 3))
        ]
        if pub.title_fr and lang_fr:
            plangs.append(through_plang(publication=pub, language=lang_fr))
        if pub.title_nl and lang_nl:
            plangs.append(through_plang(publication=pub, language=lang_nl))
    through_theme.objects.bulk_create(themes, batch_size=BATCH, ignore_conflicts=True)
    through_plang.objects.bulk_create(plangs, batch_size=BATCH, ignore_conflicts=True)

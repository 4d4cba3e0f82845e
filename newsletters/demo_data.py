# ruff: noqa: E501 - bilingual demo sentences read better unbroken
"""Demo newsletter for ``seed_demo``: Mutmail N° 25-26 of the FCSSMB / VCMWZB.

Texts written for the portal from ``shared/sector-facts.md``. Upserts on slugs and
the issue number, publishes only what changed: running it again changes nothing.
"""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from core.demo_registry import set_translated
from directory.models import Organisation
from newsletters.models import (
    ArticlePage,
    NewsletterIssuePage,
    NewsletterPage,
    Subscriber,
)
from newsletters.pdf import update_issue_pdf
from newsletters.workflow import ensure_review_workflow

NEWSLETTER = {
    "title": {"fr": "Mutmail", "nl": "Mutmail"},
    "slug": {"fr": "mutmail", "nl": "mutmail"},
    "intro": {
        "fr": "<p>La lettre bilingue de la Fédération de Centres de Service Social "
        "Mutualistes Bruxellois : chaque article en français et en néerlandais.</p>",
        "nl": "<p>De tweetalige nieuwsbrief van het Verbond van Centra voor "
        "Maatschappelijk Werk van de Ziekenfondsen uit het Brusselse: elk artikel in "
        "het Nederlands en in het Frans.</p>",
    },
}

ISSUE = {
    "number": "25-26",
    "date": date(2011, 2, 15),
    "title": {
        "fr": "Pauvreté à Bruxelles, petite enfance et secret professionnel",
        "nl": "Armoede in Brussel, het jonge kind en beroepsgeheim",
    },
    "slug": {"fr": "numero-25-26", "nl": "nummer-25-26"},
    "editorial": {
        "fr": "<p>Le rapport 2010 de l'Observatoire de la Santé et du Social sur l'état "
        "de la pauvreté à Bruxelles dresse un constat que nos services sociaux vivent "
        "chaque jour : plus d'un Bruxellois sur quatre vit sous le seuil de pauvreté.</p>"
        "<p>Le chômage y est deux fois plus élevé que dans l'ensemble du pays, et la part "
        "des habitants qui dépendent d'une allocation du CPAS est près de trois fois "
        "supérieure à la moyenne nationale.</p>"
        "<p>Le plan d'action bruxellois de lutte contre la pauvreté adopté en 2010 doit "
        "se traduire en moyens concrets pour l'accueil et l'accompagnement. Nos centres "
        "continueront à en témoigner.</p>",
        "nl": "<p>Het armoederapport 2010 van het Observatorium voor Gezondheid en "
        "Welzijn bevestigt wat onze sociale diensten elke dag zien: meer dan één "
        "Brusselaar op vier leeft onder de armoedegrens.</p>"
        "<p>De werkloosheid ligt er dubbel zo hoog als in het hele land, en het aandeel "
        "inwoners met een uitkering van het OCMW is bijna drie keer hoger dan het "
        "nationale gemiddelde.</p>"
        "<p>Het Brusselse actieplan armoedebestrijding van 2010 moet leiden tot "
        "concrete middelen voor onthaal en begeleiding. Onze centra blijven daarvan "
        "getuigen.</p>",
    },
    "signatories": [
        ("Marc Dumont", "Président", "Voorzitter"),
        ("Eric Colle", "Secrétaire-trésorier", "Secretaris-penningmeester"),
    ],
}


def _paragraphs(*texts: str) -> list[dict]:
    return [{"type": "paragraph", "value": f"<p>{text}</p>"} for text in texts]


ARTICLES = [
    {
        "title": {
            "fr": "Echos de la matinée Petite enfance",
            "nl": "Verslag over de voormiddag rond Het jonge kind",
        },
        "slug": {"fr": "matinee-petite-enfance", "nl": "voormiddag-het-jonge-kind"},
        "standfirst": {
            "fr": "Le 25 novembre 2010, une quarantaine de travailleurs sociaux se sont "
            "réunis à la Ville de Bruxelles autour de l'accueil des tout-petits.",
            "nl": "Op 25 november 2010 kwamen een veertigtal maatschappelijk werkers "
            "samen bij de Stad Brussel rond de opvang van de allerkleinsten.",
        },
        "body": {
            "fr": _paragraphs(
                "Depuis octobre 2009, l'Antenne petite enfance de la Ville centralise "
                "les demandes de place en crèche. L'échevine a porté à 30 % (contre "
                "10 % auparavant) la part des places réservées aux familles en "
                "difficulté ; environ 2 000 demandes par an restent pourtant sans "
                "solution.",
                "Trois ateliers ont suivi : l'assurance soins de santé (INAMI, "
                "intervention majorée, statut Omnio, maximum à facturer), la "
                "législation sociale à partir de fiches d'information (pauses "
                "d'allaitement, allocation de naissance, congé parental, allocations "
                "familiales) et les inégalités sociales de santé.",
                "Une prochaine rencontre est prévue le 12 mai 2011 ; des projets "
                "semblables existent à Anderlecht et à Uccle.",
            )
            + [
                {
                    "type": "quote",
                    "value": {
                        "text": "Environ 2 000 demandes par an ne trouvent pas de place.",
                        "attribution": "Antenne petite enfance",
                    },
                }
            ],
            "nl": _paragraphs(
                "Sinds oktober 2009 centraliseert het Antenne Jonge Kind van de Stad "
                "alle aanvragen voor een kinderdagverblijf. De schepen verhoogde het "
                "aandeel plaatsen voor gezinnen in moeilijkheden tot 30 % (vroeger "
                "10 %); toch blijven zo'n 2 000 aanvragen per jaar onbeantwoord.",
                "Daarna volgden drie workshops: de ziekteverzekering (RIZIV, verhoogde "
                "tegemoetkoming, Omnio-statuut, maximumfactuur), de sociale wetgeving "
                "aan de hand van informatiefiches (borstvoedingspauzes, "
                "kraamgeld, ouderschapsverlof, kinderbijslag) en de sociale "
                "ongelijkheid op het vlak van gezondheid.",
                "Een volgende bijeenkomst is gepland op 12 mei 2011; gelijkaardige "
                "projecten bestaan in Anderlecht en Ukkel.",
            )
            + [
                {
                    "type": "quote",
                    "value": {
                        "text": "Zo'n 2 000 aanvragen per jaar vinden geen plaats.",
                        "attribution": "Antenne Jonge Kind",
                    },
                }
            ],
        },
    },
    {
        "title": {
            "fr": "Secret professionnel : état des lieux (deuxième partie)",
            "nl": "Beroepsgeheim: stand van zaken (tweede deel)",
        },
        "slug": {"fr": "secret-professionnel-2", "nl": "beroepsgeheim-2"},
        "standfirst": {
            "fr": "Ce que la loi de 2010 sur les méthodes de recueil de données change "
            "pour les assistants sociaux, CPAS compris.",
            "nl": "Wat de wet van 2010 op de methoden voor het verzamelen van gegevens "
            "verandert voor maatschappelijk werkers, ook in het OCMW.",
        },
        "body": {
            "fr": _paragraphs(
                "Le secret professionnel des assistants sociaux repose sur l'article "
                "458 du Code pénal¹ ; la loi du 12 juin 1945 protège leur titre.",
                "La loi du 30 novembre 1998 sur les services de renseignement et de "
                "sécurité ne protège que les médecins, les avocats et les "
                "journalistes. L'article 14 de la loi du 4 février 2010 (Moniteur "
                "belge du 10 mars 2010, en vigueur le 1er septembre 2010) permet aux "
                "services publics, CPAS compris, de transmettre des informations à la "
                "Sûreté de l'État.",
                "Or les articles 36 et 50 de la loi organique des CPAS du 8 juillet "
                "1976 tiennent leur personnel au secret. Une question parlementaire a "
                "été posée au Parlement bruxellois ; le ministre a annoncé des séances "
                "d'information les 3 et 6 décembre.",
            )
            + [
                {
                    "type": "footnotes",
                    "value": {
                        "notes": [
                            "<p>Voir la première partie dans le numéro précédent.</p>"
                        ]
                    },
                }
            ],
            "nl": _paragraphs(
                "Het beroepsgeheim van maatschappelijk werkers steunt op artikel 458 "
                "van het Strafwetboek¹; de wet van 12 juni 1945 beschermt hun titel.",
                "De wet van 30 november 1998 op de inlichtingen- en "
                "veiligheidsdiensten beschermt enkel artsen, advocaten en "
                "journalisten. Artikel 14 van de wet van 4 februari 2010 (Belgisch "
                "Staatsblad van 10 maart 2010, van kracht op 1 september 2010) laat "
                "openbare diensten, ook het OCMW, toe informatie door te geven aan de "
                "Veiligheid van de Staat.",
                "De artikelen 36 en 50 van de organieke OCMW-wet van 8 juli 1976 "
                "binden het personeel echter aan het geheim. In het Brussels "
                "parlement werd een vraag gesteld; de minister kondigde "
                "infosessies aan op 3 en 6 december.",
            )
            + [
                {
                    "type": "footnotes",
                    "value": {
                        "notes": ["<p>Zie het eerste deel in het vorige nummer.</p>"]
                    },
                }
            ],
        },
    },
    {
        "title": {
            "fr": "La fédération se présente",
            "nl": "Het verbond stelt zich voor",
        },
        "slug": {"fr": "la-federation", "nl": "het-verbond"},
        "standfirst": {
            "fr": "Quatre services sociaux de mutualités bruxelloises, une lettre "
            "bilingue.",
            "nl": "Vier sociale diensten van Brusselse ziekenfondsen, één tweetalige "
            "nieuwsbrief.",
        },
        "body": {
            "fr": _paragraphs(
                "La FCSSMB fédère les centres de service social des mutualités à "
                "Bruxelles. Elle porte leur parole auprès des pouvoirs publics, "
                "organise des rencontres entre travailleurs sociaux et publie "
                "Mutmail, en français et en néerlandais.",
            ),
            "nl": _paragraphs(
                "Het VCMWZB verenigt de centra voor maatschappelijk werk van de "
                "ziekenfondsen in Brussel. Het vertegenwoordigt hen bij de overheid, "
                "organiseert ontmoetingen tussen maatschappelijk werkers en geeft "
                "Mutmail uit, in het Nederlands en in het Frans.",
            ),
        },
        "organisation": True,
    },
]

SUBSCRIBERS = [
    ("lecteur.fr@example.org", "fr"),
    ("lezer.nl@example.org", "nl"),
    ("bilingue@example.org", "both"),
]


ARTICLE_FIELDS = ("title", "slug", "intro", "editorial", "standfirst", "body")


def _set_translated(page, spec: dict) -> bool:
    return set_translated(page, spec, ARTICLE_FIELDS)


def _publish(page, changed: bool) -> None:
    if changed or page.latest_revision_id is None or not page.live:
        page.save_revision().publish()


def seed_demo_newsletters(command, home) -> None:
    """The newsletters' part of ``seed_demo`` (registered in ``apps.py``)."""
    summary = seed_newsletters(home)
    command.stdout.write(f"Newsletters: {summary}.")


def seed_newsletters(home) -> str:
    federation = Organisation.objects.filter(external_id="fcssmb").first()
    if federation is None:
        return "skipped (no FCSSMB in the directory)"
    newsletter = _seed_newsletter(home, federation)
    issue, changed = _seed_issue(newsletter)
    for spec in ARTICLES:
        _seed_article(issue, spec, federation)
    _publish(issue, changed)
    issue = NewsletterIssuePage.objects.get(pk=issue.pk)
    update_issue_pdf(issue)
    for email, languages in SUBSCRIBERS:
        Subscriber.objects.get_or_create(
            newsletter=newsletter,
            email=email,
            defaults={"languages": languages, "consent_at": timezone.now()},
        )
    return f"{newsletter.title} N° {issue.number} with {len(ARTICLES)} articles"


def _seed_newsletter(home, federation: Organisation) -> NewsletterPage:
    """The Mutmail page under ``home``, published by ``federation``."""
    newsletter = NewsletterPage.objects.child_of(home).filter(slug_fr="mutmail").first()
    created = newsletter is None
    if created:
        newsletter = NewsletterPage(organisation=federation)
        _set_translated(newsletter, NEWSLETTER)
        home.add_child(instance=newsletter)
    changed = _set_translated(newsletter, NEWSLETTER)
    if newsletter.organisation_id != federation.pk:
        newsletter.organisation = federation
        changed = True
    _publish(newsletter, changed or created)
    newsletter = NewsletterPage.objects.get(pk=newsletter.pk)
    ensure_review_workflow(newsletter)
    return newsletter


def _seed_issue(newsletter: NewsletterPage) -> tuple[NewsletterIssuePage, bool]:
    """The demo issue and whether it changed; published by the caller once its
    articles are in place."""
    issue = (
        NewsletterIssuePage.objects.child_of(newsletter)
        .filter(number=ISSUE["number"])
        .first()
    )
    signatories = [
        {"type": "signatory", "value": {"name": n, "role_fr": fr, "role_nl": nl}}
        for n, fr, nl in ISSUE["signatories"]
    ]
    if issue is None:
        issue = NewsletterIssuePage(number=ISSUE["number"], issue_date=ISSUE["date"])
        _set_translated(issue, ISSUE)
        issue.signatories = signatories
        newsletter.add_child(instance=issue)
    changed = _set_translated(issue, ISSUE)
    if [(b["type"], b["value"]) for b in issue.signatories.raw_data] != [
        (b["type"], b["value"]) for b in signatories
    ]:
        issue.signatories = signatories
        changed = True
    if issue.issue_date != ISSUE["date"]:
        issue.issue_date = ISSUE["date"]
        changed = True
    return issue, changed


def _seed_article(
    issue: NewsletterIssuePage, spec: dict, federation: Organisation
) -> None:
    article = (
        ArticlePage.objects.child_of(issue).filter(slug_fr=spec["slug"]["fr"]).first()
    )
    body = {code: list(blocks) for code, blocks in spec["body"].items()}
    if spec.get("organisation"):
        for code in body:
            body[code] = body[code] + [
                {
                    "type": "organisation",
                    "value": {"organisation": federation.pk, "note": ""},
                }
            ]
    spec = {**spec, "body": body}
    if article is None:
        article = ArticlePage(author="FCSSMB / VCMWZB")
        _set_translated(article, spec)
        issue.add_child(instance=article)
    _publish(article, _set_translated(article, spec))

# ruff: noqa: E501 - demo sentences read better unbroken
"""Demo content of the documentation centre, in our own words.

Publications follow ``shared/sector-facts.md``; the legislation fiches summarise
Belgian rules in general terms (no amounts, which change every year) and say where
to check them. Legal references name real instruments.
"""

from __future__ import annotations

from datetime import date


def rich(*paragraphs: str) -> str:
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def section(heading: str, *paragraphs: str) -> dict:
    return {"type": "section", "value": {"heading": heading, "text": rich(*paragraphs)}}


def reference(
    instrument_type: str,
    title: str,
    *,
    on: date | None = None,
    articles: str = "",
    published: date | None = None,
    url: str = "",
) -> dict:
    return {
        "type": "legal_reference",
        "value": {
            "instrument_type": instrument_type,
            "date": on.isoformat() if on else None,
            "title": title,
            "articles": articles,
            "publication_date": published.isoformat() if published else None,
            "official_url": url,
        },
    }


def helpers(heading: str, categories: list[str], organisations: list[str] = ()) -> dict:
    """Category slugs and organisation external ids, resolved by the seeder."""
    return {
        "type": "who_can_help",
        "value": {
            "heading": heading,
            "categories": list(categories),
            "organisations": list(organisations),
        },
    }


PUBLICATIONS = [
    {
        "external_id": "fdss-memorandum-2024",
        "kind": "memorandum",
        "title": {
            "fr": "Mémorandum 2024 : des services sociaux accessibles à toutes et tous",
            "nl": "Memorandum 2024: sociale diensten die voor iedereen toegankelijk zijn",
        },
        "original_title": "Mémorandum 2024 : des services sociaux accessibles à toutes et tous",
        "original_language": "fr",
        "abstract": {
            "fr": "En vue des élections de 2024, la Fédération des Services Sociaux constate "
            "un non-recours massif aux droits (de 57 à 76 % pour le revenu d'intégration), "
            "la fermeture des guichets physiques au profit du numérique, des permanences "
            "sociales saturées et des difficultés à recruter des travailleurs sociaux. Elle "
            "demande notamment, à Bruxelles, un équivalent temps plein de travailleur social "
            "en plus par centre et vingt heures de permanence sans rendez-vous par semaine ; "
            "en Wallonie, la prise en charge complète des frais de personnel et le versement "
            "de 85 % des subsides en début d'année.",
            "nl": "Met het oog op de verkiezingen van 2024 stelt de Federatie van de Sociale "
            "Diensten vast dat veel mensen hun rechten niet opnemen (57 tot 76 % voor het "
            "leefloon), dat fysieke loketten sluiten ten voordele van digitale diensten, dat "
            "de sociale permanenties overbevraagd zijn en dat maatschappelijk werkers moeilijk "
            "te vinden zijn. Zij vraagt onder meer, in Brussel, een extra voltijdse "
            "maatschappelijk werker per centrum en twintig uur permanentie zonder afspraak "
            "per week; in Wallonië, de volledige dekking van de personeelskosten en de "
            "uitbetaling van 85 % van de subsidies bij het begin van het jaar.",
        },
        "corporate_authors": [("fdss", "")],
        "publisher": "Fédération des Services Sociaux",
        "publisher_organisation": "fdss",
        "place": "Bruxelles",
        "publication_date": date(2024, 2, 15),
        "languages": ["fr"],
        "themes": ["aide-sociale-generale", "cap", "casg"],
        "keywords": "non-recours, permanences sociales, numérisation, élections 2024",
        "pages": "24",
        "access": "open",
    },
    {
        "external_id": "uvcw-cpas-plus-2024-01",
        "kind": "journal_issue",
        "title": {"fr": "CPAS+ n° 1 (2024)", "nl": "CPAS+ nr. 1 (2024)"},
        "original_title": "CPAS+",
        "original_language": "fr",
        "abstract": {
            "fr": "La revue mensuelle de la Fédération des CPAS de l'Union des Villes et "
            "Communes de Wallonie : actualité législative, jurisprudence et pratiques des "
            "CPAS wallons.",
            "nl": "Het maandblad van de Federatie van de OCMW's van de Vereniging van Waalse "
            "Steden en Gemeenten: wetgeving, rechtspraak en praktijk van de Waalse OCMW's.",
        },
        "corporate_authors": [("federation-cpas", "")],
        "publisher": "Union des Villes et Communes de Wallonie",
        "publisher_organisation": "federation-cpas",
        "place": "Namur",
        "publication_date": date(2024, 1, 15),
        "series": "CPAS+",
        "series_number": "1",
        "languages": ["fr"],
        "themes": ["cpas"],
        "keywords": "CPAS, revenu d'intégration, jurisprudence",
        "access": "request",
    },
    {
        "external_id": "uvcw-boite-a-outils",
        "kind": "book",
        "title": {
            "fr": "Boîte à outils des CPAS",
            "nl": "Gereedschapskist van de OCMW's (Boîte à outils des CPAS)",
        },
        "original_title": "Boîte à outils des CPAS",
        "original_language": "fr",
        "abstract": {
            "fr": "La collection d'ouvrages pratiques de la Fédération des CPAS de l'UVCW, "
            "à l'usage des mandataires et des travailleurs sociaux des CPAS wallons.",
            "nl": "De reeks praktische handboeken van de Federatie van de OCMW's van de "
            "VWSG, voor mandatarissen en maatschappelijk werkers van de Waalse OCMW's.",
        },
        "corporate_authors": [("federation-cpas", "")],
        "publisher": "Union des Villes et Communes de Wallonie",
        "publisher_organisation": "federation-cpas",
        "place": "Namur",
        "year": 2022,
        "series": "Boîte à outils des CPAS",
        "languages": ["fr"],
        "themes": ["cpas", "aide-sociale-generale"],
        "keywords": "CPAS, formation, aide sociale",
        "access": "request",
    },
    {
        "external_id": "cbcs-hors-circuit-2017",
        "kind": "report",
        "title": {"fr": "Hors-circuit", "nl": "Buiten het circuit (Hors-circuit)"},
        "original_title": "Hors-circuit",
        "original_language": "fr",
        "abstract": {
            "fr": "Une analyse du Conseil bruxellois de coordination sociopolitique sur les "
            "personnes qui restent à l'écart des circuits d'aide sociale et de santé.",
            "nl": "Een analyse van de Conseil bruxellois de coordination sociopolitique over "
            "mensen die buiten de circuits van sociale hulp en gezondheidszorg blijven.",
        },
        "corporate_authors": [
            ("", "Conseil bruxellois de coordination sociopolitique (CBCS)")
        ],
        "publisher": "CBCS",
        "place": "Bruxelles",
        "year": 2017,
        "languages": ["fr"],
        "themes": ["aide-sociale-generale", "sante"],
        "keywords": "non-recours, exclusion, coordination sociale",
        "access": "open",
    },
    {
        "external_id": "portal-demo-fiches-bilingues",
        "kind": "brochure",
        "title": {
            "fr": "Fiches d'information bilingues (document de démonstration)",
            "nl": "Tweetalige infofiches (demonstratiedocument)",
        },
        "original_title": "Fiches d'information / Infofiches",
        "original_language": "other",
        "abstract": {
            "fr": "Un PDF de démonstration, en français et en néerlandais, dont le texte "
            "extrait présente les défauts des PDF réels du secteur (ligatures perdues, "
            "césures, titres espacés) : le portail les répare avant l'indexation.",
            "nl": "Een demonstratie-PDF, in het Frans en het Nederlands, waarvan de "
            "geëxtraheerde tekst de gebreken van echte PDF's uit de sector vertoont "
            "(verloren ligaturen, afbrekingen, gespatieerde titels): het portaal herstelt "
            "ze vóór de indexering.",
        },
        "corporate_authors": [("", "Portail social · Sociaal portaal")],
        "publisher": "Portail social · Sociaal portaal",
        "place": "Bruxelles",
        "publication_date": date(2026, 11, 1),
        "languages": ["fr", "nl"],
        "themes": ["service-social-mutualiste", "sante"],
        "keywords": "secret professionnel, maximum à facturer, beroepsgeheim, maximumfactuur",
        "pages": "3",
        "access": "open",
        "file": {
            "path": "defective.pdf",
            "title": "Fiches d'information bilingues / Tweetalige infofiches (PDF)",
            "label": "",
        },
    },
]

FICHE_INDEX = {
    "title": {"fr": "Fiches législatives", "nl": "Wetgevingsfiches"},
    "slug": {"fr": "fiches-legislatives", "nl": "wetgevingsfiches"},
    "intro": {
        "fr": rich(
            "Ce que dit la loi, à qui elle s'applique et qui peut vous aider : des fiches "
            "courtes, datées et sourcées, pour les travailleurs sociaux et le public."
        ),
        "nl": rich(
            "Wat de wet zegt, voor wie ze geldt en wie u kan helpen: korte, gedateerde "
            "fiches met bronvermelding, voor maatschappelijk werkers en het publiek."
        ),
    },
}

SECRECY_REFERENCES = [
    reference("code", "Code pénal / Strafwetboek", articles="458"),
    reference(
        "law",
        "Loi protégeant le titre d'assistant social / Wet tot bescherming van de titel "
        "van maatschappelijk assistent",
        on=date(1945, 6, 12),
    ),
    reference(
        "law",
        "Loi organique des services de renseignement et de sécurité / Wet houdende "
        "regeling van de inlichtingen- en veiligheidsdiensten",
        on=date(1998, 11, 30),
    ),
    reference(
        "law",
        "Loi relative aux méthodes de recueil des données par les services de "
        "renseignement et de sécurité / Wet betreffende de methoden voor het verzamelen "
        "van gegevens door de inlichtingen- en veiligheidsdiensten",
        on=date(2010, 2, 4),
        articles="14",
        published=date(2010, 3, 10),
    ),
    reference(
        "law",
        "Loi organique des centres publics d'action sociale / Organieke wet betreffende "
        "de openbare centra voor maatschappelijk welzijn",
        on=date(1976, 7, 8),
        articles="36, 50",
    ),
]

FICHES = [
    {
        "key": "secret-professionnel",
        "slug": {"fr": "secret-professionnel", "nl": "beroepsgeheim"},
        "title": {
            "fr": "Le secret professionnel des travailleurs sociaux",
            "nl": "Het beroepsgeheim van maatschappelijk werkers",
        },
        "authority": "federal",
        "themes": ["aide-sociale-generale", "cpas", "justice"],
        "publics": ["professionnels"],
        "valid_from": date(2010, 9, 1),
        "last_reviewed": date(2026, 6, 15),
        "reviewer": "Centre de documentation",
        "summary": {
            "fr": "Les travailleurs sociaux sont tenus au secret professionnel. Depuis le "
            "1er septembre 2010, les services publics, dont les CPAS, peuvent toutefois "
            "transmettre des informations à la Sûreté de l'État.",
            "nl": "Maatschappelijk werkers zijn gebonden door het beroepsgeheim. Sinds "
            "1 september 2010 mogen openbare diensten, waaronder de OCMW's, wel informatie "
            "doorgeven aan de Staatsveiligheid.",
        },
        "body": {
            "fr": [
                section(
                    "Qui est tenu au secret ?",
                    "L'article 458 du Code pénal punit les personnes dépositaires, par "
                    "état ou par profession, des secrets qu'on leur confie et qui les "
                    "révèlent. Il s'applique aux travailleurs sociaux, dont le titre est "
                    "protégé par la loi du 12 juin 1945.",
                    "Le personnel des CPAS est en outre tenu au secret par les articles "
                    "36 et 50 de la loi organique du 8 juillet 1976.",
                ),
                section(
                    "Ce qui a changé en 2010",
                    "La loi du 30 novembre 1998 sur les services de renseignement ne "
                    "protège expressément que les médecins, les avocats et les "
                    "journalistes. L'article 14 de la loi du 4 février 2010, publiée au "
                    "Moniteur belge le 10 mars 2010 et en vigueur depuis le 1er septembre "
                    "2010, permet aux services publics, CPAS compris, de communiquer des "
                    "informations à la Sûreté de l'État.",
                    "En cas de doute, demandez conseil à votre fédération avant de "
                    "répondre à une demande.",
                ),
                *SECRECY_REFERENCES,
                helpers(
                    "Qui peut vous conseiller ?",
                    ["casg", "service-social-mutualiste"],
                    ["fdss", "fcssmb"],
                ),
            ],
            "nl": [
                section(
                    "Wie is gebonden door het beroepsgeheim?",
                    "Artikel 458 van het Strafwetboek bestraft wie door staat of beroep "
                    "kennis draagt van geheimen die hem zijn toevertrouwd en die "
                    "bekendmaakt. Het geldt voor maatschappelijk werkers, wier titel "
                    "beschermd is door de wet van 12 juni 1945.",
                    "Het OCMW-personeel is bovendien tot geheimhouding verplicht door de "
                    "artikelen 36 en 50 van de organieke wet van 8 juli 1976.",
                ),
                section(
                    "Wat er in 2010 veranderde",
                    "De wet van 30 november 1998 op de inlichtingendiensten beschermt "
                    "uitdrukkelijk alleen artsen, advocaten en journalisten. Artikel 14 "
                    "van de wet van 4 februari 2010, bekendgemaakt in het Belgisch "
                    "Staatsblad op 10 maart 2010 en van kracht sinds 1 september 2010, "
                    "laat openbare diensten, ook de OCMW's, toe informatie door te geven "
                    "aan de Staatsveiligheid.",
                    "Bij twijfel vraagt u advies aan uw federatie voordat u op een vraag "
                    "antwoordt.",
                ),
                *SECRECY_REFERENCES,
                helpers(
                    "Wie kan u raad geven?",
                    ["casg", "service-social-mutualiste"],
                    ["fdss", "fcssmb"],
                ),
            ],
        },
        # The version first published, before the 2010 law came into force.
        "history": {
            "published_at": date(2010, 6, 1),
            "last_reviewed": date(2010, 6, 1),
            "valid_from": None,
            "body": {
                "fr": [
                    section(
                        "Qui est tenu au secret ?",
                        "L'article 458 du Code pénal punit les personnes dépositaires, par "
                        "état ou par profession, des secrets qu'on leur confie et qui les "
                        "révèlent. Il s'applique aux travailleurs sociaux, dont le titre est "
                        "protégé par la loi du 12 juin 1945, et au personnel des CPAS "
                        "(articles 36 et 50 de la loi organique du 8 juillet 1976).",
                    ),
                    section(
                        "Une loi nouvelle",
                        "La loi du 4 février 2010 sur les méthodes de recueil des données "
                        "des services de renseignement entrera en vigueur le 1er septembre "
                        "2010. Cette fiche sera mise à jour à ce moment.",
                    ),
                    *[r for r in SECRECY_REFERENCES if r["value"]["articles"] != "14"],
                ],
                "nl": [
                    section(
                        "Wie is gebonden door het beroepsgeheim?",
                        "Artikel 458 van het Strafwetboek bestraft wie door staat of beroep "
                        "kennis draagt van geheimen die hem zijn toevertrouwd en die "
                        "bekendmaakt. Het geldt voor maatschappelijk werkers, wier titel "
                        "beschermd is door de wet van 12 juni 1945, en voor het "
                        "OCMW-personeel (artikelen 36 en 50 van de organieke wet van "
                        "8 juli 1976).",
                    ),
                    section(
                        "Een nieuwe wet",
                        "De wet van 4 februari 2010 op de methoden voor het verzamelen van "
                        "gegevens door de inlichtingendiensten treedt in werking op "
                        "1 september 2010. Deze fiche wordt dan bijgewerkt.",
                    ),
                    *[r for r in SECRECY_REFERENCES if r["value"]["articles"] != "14"],
                ],
            },
            "summary": {
                "fr": "Les travailleurs sociaux sont tenus au secret professionnel "
                "(article 458 du Code pénal). Une loi du 4 février 2010 entrera en vigueur "
                "le 1er septembre 2010 : cette fiche sera mise à jour.",
                "nl": "Maatschappelijk werkers zijn gebonden door het beroepsgeheim "
                "(artikel 458 van het Strafwetboek). Een wet van 4 februari 2010 treedt in "
                "werking op 1 september 2010: deze fiche wordt dan bijgewerkt.",
            },
        },
        "related": ["intervention-majoree"],
    },
    {
        "key": "intervention-majoree",
        "slug": {"fr": "intervention-majoree", "nl": "verhoogde-tegemoetkoming"},
        "title": {
            "fr": "L'intervention majorée (BIM)",
            "nl": "De verhoogde tegemoetkoming (VT)",
        },
        "authority": "federal",
        "themes": ["sante", "service-social-mutualiste"],
        "publics": ["tout-public", "familles"],
        "valid_from": date(2014, 1, 1),
        "last_reviewed": date(2026, 9, 1),
        "reviewer": "Centre de documentation",
        "summary": {
            "fr": "L'intervention majorée diminue la part payée par le patient pour ses "
            "soins de santé. Elle est accordée selon un statut (revenu d'intégration, "
            "GRAPA…) ou après une enquête sur les revenus du ménage.",
            "nl": "De verhoogde tegemoetkoming vermindert het remgeld dat de patiënt zelf "
            "betaalt. Ze wordt toegekend op grond van een statuut (leefloon, IGO…) of na "
            "een onderzoek naar de inkomsten van het gezin.",
        },
        "body": {
            "fr": [
                section(
                    "Comment l'obtenir ?",
                    "Certaines personnes l'obtiennent automatiquement grâce à leur "
                    "statut. Les autres la demandent à leur mutualité, qui examine les "
                    "revenus bruts imposables du ménage de l'année précédente.",
                ),
                reference(
                    "law",
                    "Loi relative à l'assurance obligatoire soins de santé et indemnités, "
                    "coordonnée le 14 juillet 1994",
                    on=date(1994, 7, 14),
                    articles="37, § 19",
                ),
                reference(
                    "royal_decree",
                    "Arrêté royal relatif à l'intervention majorée de l'assurance",
                    on=date(2014, 1, 15),
                ),
                helpers("Qui peut vous aider ?", ["service-social-mutualiste", "cpas"]),
            ],
            "nl": [
                section(
                    "Hoe krijgt u ze?",
                    "Sommige mensen krijgen ze automatisch op grond van hun statuut. De "
                    "anderen vragen ze aan bij hun ziekenfonds, dat de belastbare "
                    "bruto-inkomsten van het gezin van het vorige jaar onderzoekt.",
                ),
                reference(
                    "law",
                    "Wet betreffende de verplichte verzekering voor geneeskundige "
                    "verzorging en uitkeringen, gecoördineerd op 14 juli 1994",
                    on=date(1994, 7, 14),
                    articles="37, § 19",
                ),
                reference(
                    "royal_decree",
                    "Koninklijk besluit betreffende de verhoogde verzekeringstegemoetkoming",
                    on=date(2014, 1, 15),
                ),
                helpers("Wie kan u helpen?", ["service-social-mutualiste", "cpas"]),
            ],
        },
        "related": ["omnio", "maximum-a-facturer"],
    },
    {
        "key": "omnio",
        "slug": {"fr": "statut-omnio", "nl": "omnio-statuut"},
        "title": {"fr": "Le statut Omnio", "nl": "Het omniostatuut"},
        "authority": "federal",
        "themes": ["sante", "service-social-mutualiste"],
        "publics": ["familles"],
        "valid_from": date(2007, 7, 1),
        "valid_to": date(2013, 12, 31),
        "last_reviewed": date(2026, 9, 1),
        "reviewer": "Centre de documentation",
        "summary": {
            "fr": "Le statut Omnio accordait un meilleur remboursement des soins aux "
            "ménages à faibles revenus. Depuis le 1er janvier 2014, il est intégré dans "
            "l'intervention majorée.",
            "nl": "Het omniostatuut gaf gezinnen met een laag inkomen een betere "
            "terugbetaling van hun zorgen. Sinds 1 januari 2014 is het opgenomen in de "
            "verhoogde tegemoetkoming.",
        },
        "body": {
            "fr": [
                section(
                    "Et aujourd'hui ?",
                    "Les ménages qui auraient eu droit au statut Omnio demandent "
                    "désormais l'intervention majorée à leur mutualité.",
                ),
                reference(
                    "royal_decree",
                    "Arrêté royal relatif à l'intervention majorée de l'assurance",
                    on=date(2014, 1, 15),
                ),
                helpers("Qui peut vous aider ?", ["service-social-mutualiste"]),
            ],
            "nl": [
                section(
                    "En vandaag?",
                    "Gezinnen die recht zouden hebben gehad op het omniostatuut, vragen "
                    "nu de verhoogde tegemoetkoming aan bij hun ziekenfonds.",
                ),
                reference(
                    "royal_decree",
                    "Koninklijk besluit betreffende de verhoogde verzekeringstegemoetkoming",
                    on=date(2014, 1, 15),
                ),
                helpers("Wie kan u helpen?", ["service-social-mutualiste"]),
            ],
        },
        "related": ["intervention-majoree"],
    },
    {
        "key": "maximum-a-facturer",
        "slug": {"fr": "maximum-a-facturer", "nl": "maximumfactuur"},
        "title": {
            "fr": "Le maximum à facturer (MAF)",
            "nl": "De maximumfactuur (MAF)",
        },
        "authority": "federal",
        "themes": ["sante", "service-social-mutualiste"],
        "publics": ["tout-public", "familles"],
        "valid_from": date(2002, 1, 1),
        "last_reviewed": date(2026, 3, 1),
        "reviewer": "Centre de documentation",
        "summary": {
            "fr": "Le maximum à facturer plafonne les tickets modérateurs payés par un "
            "ménage au cours d'une année. Au-delà du plafond, qui dépend des revenus, la "
            "mutualité rembourse d'office la différence.",
            "nl": "De maximumfactuur begrenst het remgeld dat een gezin in een jaar "
            "betaalt. Boven het plafond, dat van het inkomen afhangt, betaalt het "
            "ziekenfonds het verschil automatisch terug.",
        },
        "body": {
            "fr": [
                section(
                    "Faut-il faire une demande ?",
                    "Non : la mutualité calcule le plafond et rembourse automatiquement. "
                    "Vérifiez toutefois que votre composition de ménage est à jour.",
                ),
                reference(
                    "law",
                    "Loi relative à l'assurance obligatoire soins de santé et indemnités, "
                    "coordonnée le 14 juillet 1994",
                    on=date(1994, 7, 14),
                    articles="37undecies et suivants",
                ),
                helpers("Qui peut vous aider ?", ["service-social-mutualiste"]),
            ],
            "nl": [
                section(
                    "Moet u een aanvraag indienen?",
                    "Nee: het ziekenfonds berekent het plafond en betaalt automatisch "
                    "terug. Controleer wel of uw gezinssamenstelling klopt.",
                ),
                reference(
                    "law",
                    "Wet betreffende de verplichte verzekering voor geneeskundige "
                    "verzorging en uitkeringen, gecoördineerd op 14 juli 1994",
                    on=date(1994, 7, 14),
                    articles="37undecies en volgende",
                ),
                helpers("Wie kan u helpen?", ["service-social-mutualiste"]),
            ],
        },
        "related": ["intervention-majoree"],
    },
    {
        "key": "conge-parental",
        "slug": {"fr": "conge-parental", "nl": "ouderschapsverlof"},
        "title": {"fr": "Le congé parental", "nl": "Het ouderschapsverlof"},
        "authority": "federal",
        "themes": ["petite-enfance"],
        "publics": ["familles"],
        "valid_from": date(1998, 1, 1),
        # Reviewed more than a year ago: the fiche says so.
        "last_reviewed": date(2024, 5, 1),
        "reviewer": "Centre de documentation",
        "summary": {
            "fr": "Le congé parental permet à un travailleur d'interrompre totalement ou "
            "partiellement sa carrière pour s'occuper de son enfant, avec une allocation "
            "de l'ONEM.",
            "nl": "Met ouderschapsverlof kan een werknemer zijn loopbaan volledig of "
            "gedeeltelijk onderbreken om voor zijn kind te zorgen, met een uitkering van "
            "de RVA.",
        },
        "body": {
            "fr": [
                section(
                    "Conditions",
                    "Le congé est pris pour un enfant jusqu'à ses 12 ans. Le travailleur "
                    "avertit son employeur par écrit et introduit sa demande d'allocation "
                    "auprès de l'ONEM.",
                ),
                reference(
                    "royal_decree",
                    "Arrêté royal relatif à l'introduction d'un droit au congé parental "
                    "dans le cadre d'une interruption de la carrière professionnelle",
                    on=date(1997, 10, 29),
                ),
                helpers("Qui peut vous aider ?", ["casg", "service-social-mutualiste"]),
            ],
            "nl": [
                section(
                    "Voorwaarden",
                    "Het verlof wordt opgenomen voor een kind tot 12 jaar. De werknemer "
                    "verwittigt zijn werkgever schriftelijk en vraagt de uitkering aan bij "
                    "de RVA.",
                ),
                reference(
                    "royal_decree",
                    "Koninklijk besluit tot invoering van een recht op "
                    "ouderschapsverlof in het kader van de onderbreking van de "
                    "beroepsloopbaan",
                    on=date(1997, 10, 29),
                ),
                helpers("Wie kan u helpen?", ["casg", "service-social-mutualiste"]),
            ],
        },
        "related": ["allocation-naissance"],
    },
    {
        "key": "allocations-familiales",
        "slug": {
            "fr": "allocations-familiales-bruxelles",
            "nl": "kinderbijslag-brussel",
        },
        "title": {
            "fr": "Les allocations familiales à Bruxelles",
            "nl": "De kinderbijslag in Brussel",
        },
        "authority": "cocom",
        "themes": ["petite-enfance"],
        "publics": ["familles", "enfants"],
        "valid_from": date(2020, 1, 1),
        "last_reviewed": date(2026, 1, 10),
        "reviewer": "Centre de documentation",
        "summary": {
            "fr": "Depuis 2020, les allocations familiales des enfants domiciliés à "
            "Bruxelles relèvent de la Commission communautaire commune (COCOM), qui "
            "les verse par l'intermédiaire de caisses d'allocations familiales.",
            "nl": "Sinds 2020 valt de kinderbijslag voor kinderen die in Brussel "
            "gedomicilieerd zijn onder de Gemeenschappelijke Gemeenschapscommissie "
            "(GGC), die hem uitbetaalt via kinderbijslagfondsen.",
        },
        "body": {
            "fr": [
                section(
                    "Qui y a droit ?",
                    "Chaque enfant domicilié en Région bruxelloise ouvre le droit à une "
                    "allocation de base, éventuellement augmentée d'un supplément social "
                    "selon les revenus du ménage.",
                ),
                reference(
                    "ordinance",
                    "Ordonnance réglant l'octroi des prestations familiales",
                    on=date(2019, 4, 25),
                ),
                helpers("Qui peut vous aider ?", ["casg", "cap", "cpas"]),
            ],
            "nl": [
                section(
                    "Wie heeft er recht op?",
                    "Elk kind dat in het Brussels Gewest gedomicilieerd is, geeft recht op "
                    "een basisbedrag, eventueel verhoogd met een sociale toeslag volgens "
                    "het inkomen van het gezin.",
                ),
                reference(
                    "ordinance",
                    "Ordonnantie tot regeling van de toekenning van gezinsbijslagen",
                    on=date(2019, 4, 25),
                ),
                helpers("Wie kan u helpen?", ["casg", "cap", "cpas"]),
            ],
        },
        "related": ["allocation-naissance"],
    },
    {
        "key": "allocation-naissance",
        "slug": {"fr": "allocation-de-naissance", "nl": "geboortepremie"},
        "title": {
            "fr": "L'allocation de naissance à Bruxelles",
            "nl": "De geboortepremie in Brussel",
        },
        "authority": "cocom",
        "themes": ["petite-enfance"],
        "publics": ["familles"],
        "valid_from": date(2020, 1, 1),
        "last_reviewed": date(2026, 1, 10),
        "reviewer": "Centre de documentation",
        "summary": {
            "fr": "Une allocation unique est versée pour chaque naissance d'un enfant "
            "domicilié à Bruxelles. Elle peut être demandée dès le sixième mois de "
            "grossesse.",
            "nl": "Voor elke geboorte van een kind dat in Brussel gedomicilieerd is, wordt "
            "een eenmalige premie betaald. Ze kan vanaf de zesde maand van de "
            "zwangerschap worden aangevraagd.",
        },
        "body": {
            "fr": [
                section(
                    "Comment la demander ?",
                    "La demande est introduite auprès de la caisse d'allocations "
                    "familiales choisie, avec une attestation de grossesse ou l'acte de "
                    "naissance.",
                ),
                reference(
                    "ordinance",
                    "Ordonnance réglant l'octroi des prestations familiales",
                    on=date(2019, 4, 25),
                ),
                helpers("Qui peut vous aider ?", ["casg", "petite-enfance"]),
            ],
            "nl": [
                section(
                    "Hoe vraagt u ze aan?",
                    "De aanvraag gebeurt bij het gekozen kinderbijslagfonds, met een "
                    "zwangerschapsattest of de geboorteakte.",
                ),
                reference(
                    "ordinance",
                    "Ordonnantie tot regeling van de toekenning van gezinsbijslagen",
                    on=date(2019, 4, 25),
                ),
                helpers("Wie kan u helpen?", ["casg", "petite-enfance"]),
            ],
        },
        "related": ["allocations-familiales", "conge-parental"],
    },
]

"""Demo directory for ``seed_demo``: the sector's federations, members and antennas.

Organisations and federations follow ``shared/sector-facts.md``; street addresses and
phone numbers are illustrative. Upserts on the stable ids, so running it again
changes nothing.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from directory.models import (
    Accreditation,
    Antenna,
    Category,
    Commune,
    FederationMembership,
    Language,
    Organisation,
    Public,
    Wheelchair,
)

WEEKDAYS = "Mo-Fr 09:00-12:30,13:30-16:30; PH off"
MORNINGS = "Mo-Fr 09:00-12:00; PH off"
LONG_DAYS = "Mo-Fr 08:30-19:00; Sa 09:00-12:00; PH off"

# id, name fr, name nl, short, categories, publics, languages, federations,
# accreditation (authority, kind) or None, community, description fr, description nl
ORGANISATIONS = [
    ("fdss", "Fédération des Services Sociaux", "Federatie van de Sociale Diensten", "FdSS",
     ["federation"], ["professionnels"], ["fr"], [], None, "fr",
     "Fédère les services sociaux associatifs et mutualistes de Wallonie : CSS, ILI et "
     "SASPP. Expertise en aide alimentaire, énergie et recherche-action.",
     "Federeert de associatieve en mutualistische sociale diensten in Wallonië."),
    ("fdssb", "Fédération des Services Sociaux Bicommunautaires",
     "Federatie van de Bicommunautaire Maatschappelijke Diensten", "FdSSB",
     ["federation"], ["professionnels"], ["fr", "nl"], [], None, "bi",
     "Fédère à Bruxelles 28 services sociaux sur 51 sites : CASG agréés par la COCOF et "
     "CAP agréés par la COCOM.",
     "Federeert in Brussel 28 sociale diensten op 51 plaatsen: CASG erkend door de "
     "COCOF en CAP erkend door de GGC."),
    ("fass", "Fédération des Associations Sociales et de Santé",
     "Federatie van de Sociale en Gezondheidsverenigingen", "FASS",
     ["federation"], ["professionnels"], ["fr"], [], None, "fr",
     "Confédération des fédérations patronales du secteur social et de la santé "
     "non hospitalier en Wallonie et à Bruxelles, fondée en 1994.",
     "Confederatie van werkgeversfederaties uit de niet-ziekenhuisgebonden sociale en "
     "gezondheidssector in Wallonië en Brussel, opgericht in 1994."),
    ("fcssmb", "Fédération de Centres de Service Social Mutualistes Bruxellois",
     "Verbond van Centra voor Maatschappelijk Werk van de Ziekenfondsen uit het Brusselse",
     "FCSSMB", ["federation", "service-social-mutualiste"], ["professionnels"],
     ["fr", "nl"], [], None, "bi",
     "Fédère quatre services sociaux des mutualités à Bruxelles et publie la lettre "
     "bilingue Mutmail.",
     "Federeert vier sociale diensten van de ziekenfondsen in Brussel en geeft de "
     "tweetalige nieuwsbrief Mutmail uit."),
    ("federation-cpas", "Fédération des CPAS de l'Union des Villes et Communes de Wallonie",
     "Federatie van de OCMW's van de Vereniging van Waalse Steden en Gemeenten",
     "Fédération des CPAS", ["federation", "cpas"], ["professionnels"], ["fr"], [], None,
     "fr",
     "Tous les CPAS wallons en sont membres ; elle forme quelque 5 000 personnes par an "
     "et publie la revue CPAS+.",
     "Alle Waalse OCMW's zijn lid; ze vormt jaarlijks zo'n 5 000 mensen en geeft het "
     "tijdschrift CPAS+ uit."),
    # Brussels CPAS / OCMW
    ("cpas-schaerbeek", "CPAS de Schaerbeek", "OCMW van Schaarbeek", "", ["cpas"],
     ["tout-public"], ["fr", "nl"], [], ("cocom", "cpas"), "bi",
     "Revenu d'intégration, aide sociale, aide médicale urgente, énergie et logement "
     "pour les habitants de Schaerbeek.",
     "Leefloon, maatschappelijke dienstverlening, dringende medische hulp, energie en "
     "huisvesting voor de inwoners van Schaarbeek."),
    ("cpas-ixelles", "CPAS d'Ixelles", "OCMW van Elsene", "", ["cpas"], ["tout-public"],
     ["fr", "nl"], [], ("cocom", "cpas"), "bi",
     "Aide sociale et revenu d'intégration pour les habitants d'Ixelles.",
     "Maatschappelijke dienstverlening en leefloon voor de inwoners van Elsene."),
    ("cpas-bruxelles", "CPAS de la Ville de Bruxelles", "OCMW van de Stad Brussel", "",
     ["cpas"], ["tout-public"], ["fr", "nl"], [], ("cocom", "cpas"), "bi",
     "Aide sociale, revenu d'intégration et accompagnement des habitants de la Ville "
     "de Bruxelles.", "Sociale hulp, leefloon en begeleiding voor de inwoners van de "
     "Stad Brussel."),
    ("cpas-saint-gilles", "CPAS de Saint-Gilles", "OCMW van Sint-Gillis", "", ["cpas"],
     ["tout-public"], ["fr", "nl"], [], ("cocom", "cpas"), "bi",
     "Aide sociale pour les habitants de Saint-Gilles.",
     "Sociale hulp voor de inwoners van Sint-Gillis."),
    # Walloon CPAS
    ("cpas-mons", "CPAS de Mons", "OCMW van Bergen", "", ["cpas"], ["tout-public"], ["fr"],
     ["federation-cpas"], ("wallonia", "cpas"), "fr",
     "Revenu d'intégration, aide sociale et médiation de dettes à Mons.",
     "Leefloon, sociale hulp en schuldbemiddeling in Bergen."),
    ("cpas-liege", "CPAS de Liège", "OCMW van Luik", "", ["cpas", "dettes"], ["tout-public"],
     ["fr"], ["federation-cpas"], ("wallonia", "cpas"), "fr",
     "Aide sociale, énergie et médiation de dettes pour les Liégeois.",
     "Sociale hulp, energie en schuldbemiddeling voor de inwoners van Luik."),
    ("cpas-namur", "CPAS de Namur", "OCMW van Namen", "", ["cpas", "logement"],
     ["tout-public"], ["fr"], ["federation-cpas"], ("wallonia", "cpas"), "fr",
     "Aide sociale, logement d'urgence et insertion à Namur.",
     "Sociale hulp, noodhuisvesting en inschakeling in Namen."),
    ("cpas-charleroi", "CPAS de Charleroi", "OCMW van Charleroi", "", ["cpas", "energie"],
     ["tout-public"], ["fr"], ["federation-cpas"], ("wallonia", "cpas"), "fr",
     "Aide sociale et cellule énergie à Charleroi.",
     "Sociale hulp en energiecel in Charleroi."),
    ("cpas-bastogne", "CPAS de Bastogne", "OCMW van Bastenaken", "", ["cpas"],
     ["tout-public"], ["fr"], ["federation-cpas"], ("wallonia", "cpas"), "fr",
     "Aide sociale pour les habitants de Bastogne, Bertogne comprise depuis 2025.",
     "Sociale hulp voor de inwoners van Bastenaken, sinds 2025 ook Bertogne."),
    # Mutualist social services (FCSSMB)
    ("ss-saint-michel", "Service social de la Mutualité Saint-Michel",
     "Sociale dienst van de Mutualité Saint-Michel", "", ["service-social-mutualiste", "css"],
     ["tout-public", "personnes-agees"], ["fr", "nl"], ["fcssmb"], ("cocof", "css"), "fr",
     "Intervention majorée, maximum à facturer, congés liés à la naissance : le service "
     "social de la mutualité chrétienne vous informe.",
     "Verhoogde tegemoetkoming, maximumfactuur, geboorteverlof: de sociale dienst van "
     "het christelijk ziekenfonds informeert u."),
    ("ss-socialiste", "Service social de la Mutualité socialiste du Brabant",
     "Sociale dienst van het Socialistisch Ziekenfonds Brabant", "", ["service-social-mutualiste", "cap"],
     ["tout-public", "personnes-handicapees"], ["fr", "nl"], ["fcssmb", "fdssb"],
     ("cocom", "cap"), "bi",
     "Centre d'aide aux personnes avec une mission d'accueil social.",
     "Centrum voor hulp aan personen met een opdracht van sociaal onthaal."),
    ("ss-liberal", "Service social des Mutualités libérales",
     "Sociale dienst van de Liberale Mutualiteit", "", ["service-social-mutualiste", "cap"],
     ["tout-public"], ["fr", "nl"], ["fcssmb", "fdssb"], ("cocom", "cap"), "bi",
     "Accueil social, aide administrative et orientation.",
     "Sociaal onthaal, administratieve hulp en doorverwijzing."),
    ("cap-westland", "CAP Westland", "CAP Westland", "", ["cap"], ["tout-public", "familles"],
     ["fr", "nl"], ["fcssmb", "fdssb"], ("cocom", "cap"), "bi",
     "Centre d'aide aux personnes à Anderlecht : permanences sociales sans rendez-vous.",
     "Centrum voor hulp aan personen in Anderlecht: sociale permanenties zonder afspraak."),
    # FdSSB members
    ("casg-nord", "Centre d'action sociale globale du Nord", "Centrum voor algemeen "
     "maatschappelijk werk Noord", "CASG Nord", ["casg", "aide-alimentaire"],
     ["tout-public", "familles"], ["fr", "ar", "tr"], ["fdssb"], ("cocof", "casg"), "fr",
     "Accueil social généraliste, colis alimentaires et permanences énergie.",
     "Algemeen sociaal onthaal, voedselpakketten en energiepermanenties."),
    ("casg-midi", "Service social du Midi", "Sociale dienst Zuid", "", ["casg", "dettes"],
     ["tout-public"], ["fr", "es", "pt"], ["fdssb"], ("cocof", "casg"), "fr",
     "Service social généraliste et médiation de dettes.",
     "Algemene sociale dienst en schuldbemiddeling."),
    ("cap-justice", "Service d'aide aux justiciables de Bruxelles",
     "Dienst justitieel welzijnswerk Brussel", "", ["cap", "justice"], ["justiciables"],
     ["fr", "nl"], ["fdssb"], ("cocom", "justice"), "bi",
     "Aide sociale aux personnes face à la justice, à leurs proches et aux victimes.",
     "Sociale hulp aan justitiabelen, hun naasten en slachtoffers."),
    ("socialenergie", "Centre d'appui SocialEnergie", "Steunpunt SocialEnergie", "",
     ["energie"], ["professionnels"], ["fr", "nl"], ["fdssb"], None, "bi",
     "Appui aux travailleurs sociaux sur l'énergie et l'eau : factures, compteurs, "
     "statut de client protégé.",
     "Ondersteuning van sociaal werkers rond energie en water: facturen, meters, "
     "statuut van beschermde afnemer."),
    # FdSS Wallonia members
    ("css-namur", "Centre de service social de Namur", "Centrum voor maatschappelijk werk "
     "Namen", "", ["css"], ["tout-public"], ["fr"], ["fdss"], ("wallonia", "css"), "fr",
     "Service social associatif : accueil, information, accompagnement.",
     "Associatieve sociale dienst: onthaal, informatie, begeleiding."),
    ("ili-liege", "Centre liégeois d'intégration", "Luiks integratiecentrum", "",
     ["migration"], ["personnes-etrangeres", "sans-papiers"], ["fr", "ar", "fa", "en"],
     ["fdss"], ("wallonia", "ili"), "fr",
     "Initiative locale d'intégration : permanences juridiques, cours de français, "
     "accompagnement des personnes étrangères.",
     "Lokaal integratie-initiatief: juridische permanenties, Franse les, begeleiding "
     "van personen van vreemde herkomst."),
    ("saspp-charleroi", "Espace de soutien aux personnes prostituées de Charleroi",
     "Steunpunt voor personen in de prostitutie Charleroi", "", ["prostitution"],
     ["personnes-prostituees"], ["fr", "ro", "bg"], ["fdss"], ("wallonia", "saspp"), "fr",
     "Accueil, soins et accompagnement social des personnes prostituées.",
     "Onthaal, zorg en sociale begeleiding van personen in de prostitutie."),
    # FASS members (health)
    ("mm-schaerbeek-nord", "Maison médicale du Nord de Schaerbeek",
     "Wijkgezondheidscentrum Schaarbeek-Noord", "", ["maison-medicale"],
     ["tout-public", "familles"], ["fr", "nl", "ar", "tr"], ["fass"],
     ("cocof", "maison-medicale"), "fr",
     "Médecine générale, kinésithérapie et soins infirmiers au forfait pour les "
     "habitants du quartier.",
     "Huisartsgeneeskunde, kinesitherapie en verpleging per forfait voor de "
     "buurtbewoners."),
    ("mm-marolles", "Maison médicale des Marolles", "Wijkgezondheidscentrum Marollen", "",
     ["maison-medicale"], ["tout-public", "sans-abri"], ["fr", "nl", "es"], ["fass"],
     ("cocof", "maison-medicale"), "fr",
     "Soins de première ligne dans le quartier des Marolles.",
     "Eerstelijnszorg in de Marollenwijk."),
    ("mm-ixelles", "Maison médicale d'Ixelles", "Wijkgezondheidscentrum Elsene", "",
     ["maison-medicale"], ["tout-public"], ["fr", "en"], ["fass"],
     ("cocof", "maison-medicale"), "fr",
     "Équipe pluridisciplinaire de médecine générale.",
     "Multidisciplinair team huisartsgeneeskunde."),
    ("mm-liege", "Maison médicale du Laveu", "Wijkgezondheidscentrum Laveu", "",
     ["maison-medicale"], ["tout-public"], ["fr"], ["fass"], ("wallonia", "maison-medicale"),
     "fr", "Maison médicale au forfait à Liège.", "Wijkgezondheidscentrum per forfait in Luik."),
    ("planning-ixelles", "Centre de planning familial d'Ixelles",
     "Centrum voor gezinsplanning Elsene", "", ["planning-familial"],
     ["jeunes", "femmes", "familles"], ["fr", "nl", "en"], ["fass"],
     ("cocof", "planning-familial"), "fr",
     "Contraception, IVG, consultations psychologiques et juridiques, animations à la "
     "vie affective et sexuelle.",
     "Anticonceptie, abortus, psychologische en juridische consultaties, relationele "
     "en seksuele vorming."),
    ("planning-mons", "Centre de planning familial de Mons", "Centrum voor gezinsplanning "
     "Bergen", "", ["planning-familial"], ["jeunes", "femmes"], ["fr"], ["fass"],
     ("wallonia", "planning-familial"), "fr",
     "Consultations médicales, psychologiques et juridiques, IVG.",
     "Medische, psychologische en juridische consultaties, abortus."),
    ("ssm-meridien", "Service de santé mentale Le Méridien",
     "Dienst geestelijke gezondheidszorg Le Méridien", "", ["sante-mentale"],
     ["tout-public", "enfants", "personnes-etrangeres"], ["fr", "es", "ar"], ["fass"],
     ("cocof", "sante-mentale"), "fr",
     "Consultations psychologiques et psychiatriques pour enfants et adultes.",
     "Psychologische en psychiatrische consultaties voor kinderen en volwassenen."),
    ("tele-accueil-bxl", "Télé-Accueil Bruxelles", "Tele-Onthaal Brussel", "",
     ["ecoute"], ["tout-public"], ["fr"], ["fass"], ("cocof", "other"), "fr",
     "Écoute anonyme 24 heures sur 24 au 107.", "Anoniem luisteren, dag en nacht, op 107."),
    # Other themes
    ("epicerie-solidaire", "Épicerie sociale de Saint-Gilles", "Sociale kruidenier "
     "Sint-Gillis", "", ["aide-alimentaire"], ["familles", "tout-public"], ["fr", "nl"],
     [], None, "bi", "Produits à prix réduit sur orientation d'un service social.",
     "Producten aan verminderde prijs na doorverwijzing door een sociale dienst."),
    ("ais-bruxelles", "Agence immobilière sociale du Centre", "Sociaal verhuurkantoor "
     "Centrum", "AIS Centre", ["logement"], ["familles"], ["fr", "nl"], [], None, "bi",
     "Logements à loyer modéré gérés pour des propriétaires privés.",
     "Woningen met een matige huur, beheerd voor private eigenaars."),
    ("habitations-protegees", "Initiative d'habitations protégées L'Équipe",
     "Initiatief beschut wonen L'Équipe", "", ["habitations-protegees", "sante-mentale"],
     ["tout-public"], ["fr"], ["fass"], ("cocom", "other"), "fr",
     "Logement accompagné pour des personnes souffrant de troubles psychiques.",
     "Begeleid wonen voor personen met psychische problemen."),
    ("antenne-petite-enfance", "Antenne petite enfance de la Ville de Bruxelles",
     "Antenne jonge kinderen van de Stad Brussel", "", ["petite-enfance"], ["familles"],
     ["fr", "nl"], [], None, "bi",
     "Centralise depuis 2009 les demandes de place en crèche de la Ville de Bruxelles.",
     "Centraliseert sinds 2009 de aanvragen voor een kinderdagverblijf van de Stad "
     "Brussel."),
    ("sos-enfants", "Équipe SOS-Enfants de Bruxelles", "SOS-Kinderen Brussel", "",
     ["maltraitance-enfants"], ["enfants", "familles"], ["fr"], ["fass"],
     ("fwb", "other"), "fr",
     "Prévention et prise en charge de la maltraitance des enfants.",
     "Preventie en opvang bij kindermishandeling."),
    ("assuetudes-liege", "Centre d'accueil assuétudes de Liège",
     "Onthaalcentrum verslaving Luik", "", ["assuetudes"], ["tout-public"], ["fr"],
     ["fass"], ("wallonia", "assuetudes"), "fr",
     "Accueil et accompagnement des personnes dépendantes et de leurs proches.",
     "Onthaal en begeleiding van verslaafden en hun naasten."),
    ("aide-domicile-namur", "Centrale de services à domicile de Namur",
     "Centrale voor thuisdiensten Namen", "CSD Namur", ["aide-domicile"],
     ["personnes-agees", "personnes-handicapees"], ["fr"], ["fass"],
     ("wallonia", "aide-domicile"), "fr",
     "Aides familiales, soins infirmiers et coordination des soins à domicile.",
     "Gezinshulp, verpleging en coördinatie van thuiszorg."),
]

# antenna id, organisation id, name fr, name nl, street, number, postcode, REFNIS,
# hours, drop-in hours, wheelchair, served communes (REFNIS) or [], (lat, lon) or None
ANTENNAS = [
    ("fdss-siege", "fdss", "Secrétariat", "Secretariaat", "Rue Gheude", "49", "1070",
     "21001", MORNINGS, "", "yes", [], None),
    ("fdssb-siege", "fdssb", "Secrétariat", "Secretariaat", "Rue Gheude", "49", "1070",
     "21001", MORNINGS, "", "yes", [], None),
    ("fass-siege", "fass", "Secrétariat", "Secretariaat", "Rue Royale", "55", "1000",
     "21004", MORNINGS, "", "partial", [], None),
    ("fcssmb-siege", "fcssmb", "Secrétariat", "Secretariaat", "Rue du Midi", "111", "1000",
     "21004", MORNINGS, "", "unknown", [], None),
    ("federation-cpas-siege", "federation-cpas", "Siège", "Zetel", "Rue de l'Étoile", "14",
     "5000", "92094", WEEKDAYS, "", "yes", [], None),
    ("cpas-schaerbeek-reyers", "cpas-schaerbeek", "CPAS de Schaerbeek — siège",
     "OCMW Schaarbeek — zetel", "Boulevard Auguste Reyers", "70", "1030", "21015",
     LONG_DAYS, "Mo,We 09:00-12:00", "yes", ["21015"], (50.8478, 4.4004)),
    ("cpas-schaerbeek-helmet", "cpas-schaerbeek", "Antenne sociale Helmet",
     "Sociale antenne Helmet", "Chaussée de Helmet", "250", "1030", "21015", WEEKDAYS,
     "Tu,Th 13:30-16:00", "partial", ["21015"], (50.8680, 4.3840)),
    ("cpas-ixelles-siege", "cpas-ixelles", "CPAS d'Ixelles", "OCMW Elsene",
     "Chaussée de Boondael", "92", "1050", "21009", WEEKDAYS, "", "yes", ["21009"],
     (50.8225, 4.3850)),
    ("cpas-bruxelles-siege", "cpas-bruxelles", "CPAS de Bruxelles — Huileries",
     "OCMW Brussel — Huileries", "Rue Haute", "298A", "1000", "21004", LONG_DAYS,
     "Mo-Fr 08:30-11:30", "yes", ["21004"], (50.8355, 4.3450)),
    ("cpas-saint-gilles-siege", "cpas-saint-gilles", "CPAS de Saint-Gilles",
     "OCMW Sint-Gillis", "Rue Fernand Bernier", "40", "1060", "21013", WEEKDAYS, "",
     "yes", ["21013"], (50.8270, 4.3400)),
    ("cpas-mons-siege", "cpas-mons", "CPAS de Mons", "OCMW Bergen", "Rue de Bouzanton",
     "1", "7000", "53053", WEEKDAYS, "Mo 09:00-12:00", "yes", ["53053"], None),
    ("cpas-liege-siege", "cpas-liege", "CPAS de Liège — Place Saint-Jacques",
     "OCMW Luik — Place Saint-Jacques", "Place Saint-Jacques", "13", "4000", "62063",
     WEEKDAYS, "", "yes", ["62063"], None),
    ("cpas-namur-siege", "cpas-namur", "CPAS de Namur", "OCMW Namen",
     "Rue de Dave", "165", "5100", "92094", WEEKDAYS, "", "yes", ["92094"], None),
    ("cpas-charleroi-siege", "cpas-charleroi", "CPAS de Charleroi", "OCMW Charleroi",
     "Boulevard Joseph II", "13", "6000", "52011", WEEKDAYS, "", "partial", ["52011"], None),
    ("cpas-bastogne-siege", "cpas-bastogne", "CPAS de Bastogne", "OCMW Bastenaken",
     "Rue des Remparts", "45", "6600", "82039", MORNINGS, "", "yes", ["82039"], None),
    ("ss-saint-michel-midi", "ss-saint-michel", "Service social — Boulevard Anspach",
     "Sociale dienst — Anspachlaan", "Boulevard Anspach", "111", "1000", "21004",
     WEEKDAYS, "Tu 09:00-12:00", "yes", [], (50.8460, 4.3490)),
    ("ss-socialiste-midi", "ss-socialiste", "Service social — Rue du Midi",
     "Sociale dienst — Zuidstraat", "Rue du Midi", "111", "1000", "21004", WEEKDAYS,
     "Mo-Fr 09:00-11:30", "yes", [], (50.8455, 4.3480)),
    ("ss-socialiste-schaerbeek", "ss-socialiste", "Antenne de Schaerbeek",
     "Antenne Schaarbeek", "Avenue Louis Bertrand", "43", "1030", "21015", MORNINGS, "",
     "partial", [], (50.8620, 4.3780)),
    ("ss-liberal-bruxelles", "ss-liberal", "Service social — Rue de Livourne",
     "Sociale dienst — Livornostraat", "Rue de Livourne", "25", "1050", "21009", WEEKDAYS,
     "", "no", [], (50.8310, 4.3590)),
    ("cap-westland-anderlecht", "cap-westland", "CAP Westland", "CAP Westland",
     "Rue Ropsy Chaudron", "36", "1070", "21001", WEEKDAYS, "Mo-Th 09:00-12:00", "yes",
     [], (50.8380, 4.3110)),
    ("casg-nord-schaerbeek", "casg-nord", "CASG Nord — Schaerbeek",
     "CASG Noord — Schaarbeek", "Rue Royale-Sainte-Marie", "118", "1030", "21015",
     WEEKDAYS, "We 13:30-16:30", "partial", [], (50.8600, 4.3720)),
    ("casg-nord-saint-josse", "casg-nord", "CASG Nord — Saint-Josse",
     "CASG Noord — Sint-Joost", "Rue de la Limite", "12", "1210", "21014", MORNINGS, "",
     "no", [], (50.8520, 4.3700)),
    ("casg-midi-saint-gilles", "casg-midi", "Service social du Midi", "Sociale dienst Zuid",
     "Avenue du Parc", "5", "1060", "21013", WEEKDAYS, "Th 09:00-12:00", "yes", [],
     (50.8290, 4.3450)),
    ("cap-justice-bruxelles", "cap-justice", "Accueil justiciables", "Onthaal justitiabelen",
     "Rue de la Régence", "63", "1000", "21004", WEEKDAYS, "", "yes", [], (50.8390, 4.3550)),
    ("socialenergie-bruxelles", "socialenergie", "Centre d'appui SocialEnergie",
     "Steunpunt SocialEnergie", "Rue Gheude", "49", "1070", "21001", MORNINGS, "", "yes",
     [], None),
    ("css-namur-siege", "css-namur", "Centre de service social de Namur",
     "Centrum voor maatschappelijk werk Namen", "Rue Borgnet", "13", "5000", "92094",
     WEEKDAYS, "Mo 13:30-16:30", "yes", [], None),
    ("ili-liege-siege", "ili-liege", "Centre liégeois d'intégration",
     "Luiks integratiecentrum", "Rue Hors-Château", "8", "4000", "62063", WEEKDAYS,
     "We 09:00-12:00", "no", [], None),
    ("saspp-charleroi-siege", "saspp-charleroi", "Espace de soutien — gare du Sud",
     "Steunpunt — Zuidstation", "Rue de la Villette", "2", "6000", "52011",
     "Mo-Fr 10:00-18:00; PH off", "Mo-Fr 14:00-18:00", "partial", [], None),
    ("mm-schaerbeek-nord-siege", "mm-schaerbeek-nord", "Maison médicale du Nord",
     "Wijkgezondheidscentrum Noord", "Rue Josaphat", "200", "1030", "21015",
     "Mo-Fr 08:00-19:00; Sa 09:00-12:00; PH off", "Mo-Fr 08:00-10:00", "yes",
     ["21015", "21014"], (50.8640, 4.3800)),
    ("mm-marolles-siege", "mm-marolles", "Maison médicale des Marolles",
     "Wijkgezondheidscentrum Marollen", "Rue Blaes", "120", "1000", "21004",
     "Mo-Fr 08:30-18:30; PH off", "Mo-Fr 08:30-10:30", "partial", ["21004"],
     (50.8375, 4.3460)),
    ("mm-ixelles-siege", "mm-ixelles", "Maison médicale d'Ixelles",
     "Wijkgezondheidscentrum Elsene", "Rue de la Digue", "10", "1050", "21009",
     "Mo-Fr 08:00-19:00; PH off", "", "yes", ["21009"], (50.8290, 4.3700)),
    ("mm-liege-siege", "mm-liege", "Maison médicale du Laveu",
     "Wijkgezondheidscentrum Laveu", "Rue du Laveu", "88", "4000", "62063",
     "Mo-Fr 08:00-18:00; PH off", "", "yes", ["62063"], None),
    ("planning-ixelles-siege", "planning-ixelles", "Planning familial d'Ixelles",
     "Gezinsplanning Elsene", "Rue de la Tulipe", "34", "1050", "21009",
     "Mo-Fr 09:00-18:00; Sa 10:00-13:00; PH off", "We 14:00-18:00", "yes", [],
     (50.8330, 4.3660)),
    ("planning-mons-siege", "planning-mons", "Planning familial de Mons",
     "Gezinsplanning Bergen", "Rue d'Havré", "58", "7000", "53053", WEEKDAYS, "", "partial",
     [], None),
    ("ssm-meridien-siege", "ssm-meridien", "Le Méridien", "Le Méridien",
     "Rue du Méridien", "68", "1210", "21014", WEEKDAYS, "", "no", [], (50.8530, 4.3680)),
    ("tele-accueil-bxl-ligne", "tele-accueil-bxl", "Télé-Accueil — ligne 107",
     "Tele-Onthaal — lijn 107", "", "", "1000", "21004", "24/7", "", "unknown", [], None),
    ("epicerie-solidaire-siege", "epicerie-solidaire", "Épicerie sociale",
     "Sociale kruidenier", "Rue de Moscou", "7", "1060", "21013",
     "Tu-Sa 10:00-17:00; PH off", "", "yes", ["21013"], (50.8300, 4.3430)),
    ("ais-bruxelles-siege", "ais-bruxelles", "AIS du Centre", "SVK Centrum",
     "Rue de Flandre", "40", "1000", "21004", MORNINGS, "", "partial", [], (50.8520, 4.3470)),
    ("habitations-protegees-siege", "habitations-protegees", "L'Équipe — Anderlecht",
     "L'Équipe — Anderlecht", "Rue de Veeweyde", "60", "1070", "21001", WEEKDAYS, "",
     "unknown", [], None),
    ("antenne-petite-enfance-siege", "antenne-petite-enfance", "Antenne petite enfance",
     "Antenne jonge kinderen", "Boulevard Anspach", "6", "1000", "21004",
     "Mo-Fr 08:30-12:30; We 13:30-16:00; PH off", "", "yes", ["21004"],
     (50.8490, 4.3500)),
    ("sos-enfants-siege", "sos-enfants", "SOS-Enfants Bruxelles", "SOS-Kinderen Brussel",
     "Rue Haute", "322", "1000", "21004", WEEKDAYS, "", "yes", [], (50.8345, 4.3440)),
    ("assuetudes-liege-siege", "assuetudes-liege", "Centre d'accueil", "Onthaalcentrum",
     "Rue Saint-Gilles", "110", "4000", "62063", "Mo-Sa 09:00-17:00; PH off",
     "Mo-Fr 09:00-12:00", "yes", [], None),
    ("aide-domicile-namur-siege", "aide-domicile-namur", "CSD Namur", "CSD Namen",
     "Chaussée de Liège", "20", "5100", "92094", WEEKDAYS, "", "yes",
     ["92094", "92003"], None),
]


def _set_m2m(obj, field: str, model, keys, key_field: str) -> bool:
    """Set a parental many-to-many field; True if it changed (then ``obj`` needs a save,
    since modelcluster only writes these relations when the parent is saved)."""
    wanted = list(model.objects.filter(**{f"{key_field}__in": keys}))
    current = set(getattr(obj, field).values_list("pk", flat=True))
    if current != {item.pk for item in wanted}:
        getattr(obj, field).set(wanted)
        return True
    return False


@transaction.atomic
def seed_directory() -> tuple[int, int]:
    """Create or update the demo directory; returns (organisations, antennas)."""
    organisations = {}
    for (ext, fr, nl, short, categories, publics, languages, _feds, accreditation,
         community, desc_fr, desc_nl) in ORGANISATIONS:
        org = Organisation.objects.filter(external_id=ext).first() or Organisation(
            external_id=ext, last_verified_on=date(2026, 9, 1)
        )
        org.name, org.name_fr, org.name_nl, org.short_name = fr, fr, nl, short
        org.description, org.description_fr, org.description_nl = desc_fr, desc_fr, desc_nl
        org.community = community
        org.legal_form = "CPAS" if ext.startswith("cpas-") else "ASBL"
        org.save()
        changed = _set_m2m(org, "categories", Category, categories, "slug")
        changed |= _set_m2m(org, "publics", Public, publics, "slug")
        changed |= _set_m2m(org, "languages", Language, languages, "code")
        if changed:
            org.save()
        if accreditation and not org.accreditations.exists():
            authority, kind = accreditation
            Accreditation.objects.create(organisation=org, authority=authority, kind=kind,
                                         valid_from=date(2015, 1, 1))
        organisations[ext] = org
    for ext, *rest in ORGANISATIONS:
        for federation in rest[6]:
            FederationMembership.objects.get_or_create(
                member=organisations[ext], federation=organisations[federation]
            )
    communes = {c.refnis: c for c in Commune.objects.all()}
    for (ext, org, fr, nl, street, number, postcode, refnis, hours, dropin, wheelchair,
         served, point) in ANTENNAS:
        antenna = Antenna.objects.filter(external_id=ext).first() or Antenna(external_id=ext)
        antenna.organisation = organisations[org]
        antenna.name, antenna.name_fr, antenna.name_nl = fr, fr, nl
        antenna.street, antenna.number, antenna.postcode = street, number, postcode
        antenna.commune = communes[refnis]
        antenna.opening_hours, antenna.dropin_hours = hours, dropin
        antenna.wheelchair = wheelchair or Wheelchair.UNKNOWN
        if point and not antenna.has_coordinates:
            antenna.latitude, antenna.longitude = point
            antenna.precision = "street"
            antenna.coordinates_set_by_hand = True
        antenna.save()
        if _set_m2m(antenna, "served_communes", Commune, served, "refnis"):
            antenna.save()
    return len(organisations), len(ANTENNAS)

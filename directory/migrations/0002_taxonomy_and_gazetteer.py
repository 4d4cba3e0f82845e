"""Reference data: the service taxonomy, target publics, languages and the gazetteer.

Created here (not only by the demo) because the import format relies on these slugs
and codes. The gazetteer comes from places/gazetteer/*.csv (see its README).
"""

import csv
from pathlib import Path

from django.db import migrations
from django.utils.text import slugify

GAZETTEER = Path(__file__).resolve().parent.parent.parent / "places" / "gazetteer"

# slug, parent slug, French, Dutch
CATEGORIES = [
    ("aide-sociale-generale", None, "Aide sociale générale", "Algemeen maatschappelijk werk"),
    ("cpas", "aide-sociale-generale", "CPAS", "OCMW"),
    ("casg", "aide-sociale-generale", "Centres d'action sociale globale (CASG)",
     "Centra voor algemeen maatschappelijk werk (CASG)"),
    ("cap", "aide-sociale-generale", "Centres d'aide aux personnes (CAP)",
     "Centra voor hulpverlening aan personen (CAP)"),
    ("css", "aide-sociale-generale", "Centres de service social (CSS)",
     "Centra voor maatschappelijk werk (CSS)"),
    ("service-social-mutualiste", "aide-sociale-generale", "Services sociaux des mutualités",
     "Sociale diensten van de ziekenfondsen"),
    ("sante", None, "Santé", "Gezondheid"),
    ("maison-medicale", "sante", "Maisons médicales", "Wijkgezondheidscentra"),
    ("sante-mentale", "sante", "Santé mentale", "Geestelijke gezondheidszorg"),
    ("planning-familial", "sante", "Planning familial", "Centra voor gezinsplanning"),
    ("assuetudes", "sante", "Assuétudes", "Verslavingszorg"),
    ("aide-domicile", "sante", "Aide et soins à domicile", "Thuishulp en thuiszorg"),
    ("ecoute", "sante", "Écoute et prévention du suicide",
     "Luisterlijnen en zelfmoordpreventie"),
    ("aide-alimentaire", None, "Aide alimentaire", "Voedselhulp"),
    ("energie", None, "Énergie et eau", "Energie en water"),
    ("logement", None, "Logement", "Huisvesting"),
    ("habitations-protegees", "logement", "Habitations protégées", "Beschut wonen"),
    ("justice", None, "Justice et aide aux justiciables", "Justitie en justitieel welzijnswerk"),
    ("migration", None, "Migration et intégration (ILI)", "Migratie en integratie (ILI)"),
    ("petite-enfance", None, "Petite enfance", "Jonge kinderen"),
    ("maltraitance-enfants", "petite-enfance", "SOS-Enfants", "Kindermishandeling"),
    ("prostitution", None, "Aide aux personnes prostituées (SASPP)",
     "Hulp aan personen in de prostitutie (SASPP)"),
    ("dettes", None, "Dettes et budget", "Schulden en budget"),
    ("federation", None, "Fédérations et coordinations", "Federaties en coördinaties"),
]

PUBLICS = [
    ("tout-public", "Tout public", "Iedereen"),
    ("enfants", "Enfants", "Kinderen"),
    ("jeunes", "Jeunes", "Jongeren"),
    ("familles", "Familles", "Gezinnen"),
    ("femmes", "Femmes", "Vrouwen"),
    ("personnes-agees", "Personnes âgées", "Ouderen"),
    ("personnes-handicapees", "Personnes handicapées", "Personen met een handicap"),
    ("sans-abri", "Personnes sans abri", "Daklozen"),
    ("personnes-etrangeres", "Personnes étrangères", "Personen van vreemde herkomst"),
    ("sans-papiers", "Personnes sans titre de séjour", "Personen zonder wettig verblijf"),
    ("justiciables", "Personnes face à la justice", "Justitiabelen"),
    ("personnes-prostituees", "Personnes prostituées", "Personen in de prostitutie"),
    ("professionnels", "Professionnels du social et de la santé",
     "Professionals uit de sociale sector en de zorg"),
]

LANGUAGES = [
    ("fr", "français", "Frans"), ("nl", "néerlandais", "Nederlands"),
    ("de", "allemand", "Duits"), ("en", "anglais", "Engels"),
    ("ar", "arabe", "Arabisch"), ("es", "espagnol", "Spaans"),
    ("it", "italien", "Italiaans"), ("pt", "portugais", "Portugees"),
    ("tr", "turc", "Turks"), ("pl", "polonais", "Pools"),
    ("ro", "roumain", "Roemeens"), ("bg", "bulgare", "Bulgaars"),
    ("ru", "russe", "Russisch"), ("uk", "ukrainien", "Oekraïens"),
    ("fa", "persan", "Perzisch"), ("ps", "pachto", "Pasjtoe"),
    ("so", "somali", "Somalisch"), ("ti", "tigrigna", "Tigrinya"),
    ("ln", "lingala", "Lingala"), ("sw", "swahili", "Swahili"),
    ("el", "grec", "Grieks"), ("sq", "albanais", "Albanees"),
    ("zh", "chinois", "Chinees"), ("vi", "vietnamien", "Vietnamees"),
    ("ku", "kurde", "Koerdisch"), ("am", "amharique", "Amhaars"),
    ("sgn", "langue des signes", "gebarentaal"),
]


def load(apps, schema_editor):
    Category = apps.get_model("directory", "Category")
    Public = apps.get_model("directory", "Public")
    Language = apps.get_model("directory", "Language")
    Commune = apps.get_model("directory", "Commune")
    Postcode = apps.get_model("directory", "Postcode")

    by_slug = {}
    for order, (slug, parent, fr, nl) in enumerate(CATEGORIES):
        by_slug[slug] = Category.objects.create(
            slug=slug, parent=by_slug.get(parent), sort_order=order,
            name=fr, name_fr=fr, name_nl=nl,
        )
    for order, (slug, fr, nl) in enumerate(PUBLICS):
        Public.objects.create(slug=slug, sort_order=order, name=fr, name_fr=fr, name_nl=nl)
    for code, fr, nl in LANGUAGES:
        Language.objects.create(code=code, name=fr, name_fr=fr, name_nl=nl)

    used = {"fr": set(), "nl": set()}
    communes = []
    with open(GAZETTEER / "communes.csv", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            slugs = {}
            for lang in ("fr", "nl"):
                slug = slugify(row[f"name_{lang}"])
                if slug in used[lang]:
                    slug = f"{slug}-{slugify(row['province_' + lang] or row['refnis'])}"
                used[lang].add(slug)
                slugs[lang] = slug
            communes.append(Commune(
                refnis=row["refnis"], name=row["name_fr"], name_fr=row["name_fr"],
                name_nl=row["name_nl"], name_de=row["name_de"], slug=slugs["fr"],
                slug_fr=slugs["fr"], slug_nl=slugs["nl"], region=row["region"],
                province=row["province_fr"], province_fr=row["province_fr"],
                province_nl=row["province_nl"], latitude=float(row["latitude"]),
                longitude=float(row["longitude"]), centroid_source=row["centroid_source"],
            ))
    Commune.objects.bulk_create(communes, batch_size=500)
    ids = dict(Commune.objects.values_list("refnis", "id"))
    with open(GAZETTEER / "postcodes.csv", encoding="utf-8") as handle:
        Postcode.objects.bulk_create(
            [Postcode(code=row["postcode"], commune_id=ids[row["refnis"]])
             for row in csv.DictReader(handle)],
            batch_size=500,
        )


def unload(apps, schema_editor):
    for model in ("Postcode", "Commune", "Language", "Public"):
        apps.get_model("directory", model).objects.all().delete()
    Category = apps.get_model("directory", "Category")
    Category.objects.filter(parent__isnull=False).delete()
    Category.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]

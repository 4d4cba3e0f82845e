"""Phone, e-mail and website on every record page (issue #14)."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from directory.contacts import tel_href
from directory.demo_data import demo_contact_rows, demo_rows, seed_directory
from directory.models import Antenna, Organisation
from tests.factories import AntennaFactory, OrganisationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]

TWO_NUMBERS = {
    "fr": "(numéros de l'organisation)",
    "nl": "(nummers van de organisatie)",
}
MAIL_HINTS = {"fr": "e-mail de l'organisation", "nl": "e-mail van de organisatie"}


def _record(html: str) -> str:
    """The record alone: the footer's urgent lines are tel: links too."""
    return html.split('<article class="record', 1)[1].split("</article>", 1)[0]


def _get(client, language: str, name: str, slug: str) -> str:
    with translation.override(language):
        url = reverse(f"directory:{name}", kwargs={"slug": slug})
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize(
    ("written", "href"),
    [
        ("02 435 50 50", "tel:+3224355050"),
        ("02/435.50.50", "tel:+3224355050"),
        ("+32 (0)2 435 50 50", "tel:+3224355050"),
        ("0032 2 435 50 50", "tel:+3224355050"),
        ("0800 30 030", "tel:+3280030030"),
        ("0470 12 34 56", "tel:+32470123456"),
        ("107", "tel:107"),
        ("1813", "tel:1813"),
        ("116 000", "tel:116000"),
        ("02/435.50.90 - 02/240.30.80", "tel:+3224355090"),
        # Ways of writing seen in imports: a dash inside, two numbers with "/",
        # a national "(0)", a label before, a digit count no number has.
        ("02 - 435 50 50", "tel:+3224355050"),
        ("02 240 30 80/02 435 50 90", "tel:+3222403080"),
        ("(0)2 435 50 50", "tel:+3224355050"),
        ("Tél. 02 435 50 50", "tel:+3224355050"),
        ("107 / 106", "tel:107"),
        ("12", ""),
        ("02 435 50", ""),
        ("02 515 61 55 (ext. 3)", "tel:+3225156155"),
        ('"><script>alert(1)</script>', ""),
        ("javascript:alert(1)", ""),
        ("", ""),
    ],
)
def test_tel_href_normalises_belgian_numbers(written, href):
    assert tel_href(written) == href


@pytest.fixture
def org_with_contacts(demo_directory):
    org = OrganisationFactory(
        slug="service-contacts",
        phone="02 435 50 50",
        phone_2="0800 30 030",
        email="accueil@example.org",
        website="https://service.example.org/",
    )
    own = AntennaFactory(
        organisation=org, slug="antenne-propre", phone="02 111 22 33", email=""
    )
    borrowing = AntennaFactory(organisation=org, slug="antenne-sans-contact")
    return org, own, borrowing


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_organisation_page_links_phone_email_and_website(
    client, org_with_contacts, language
):
    html = _get(client, language, "organisation", "service-contacts")
    assert '<a href="tel:+3224355050">02 435 50 50</a>' in html
    assert '<a href="tel:+3280030030">0800 30 030</a>' in html
    assert '<a href="mailto:accueil@example.org">accueil@example.org</a>' in html
    assert (
        '<a href="https://service.example.org/" rel="external noopener">'
        "https://service.example.org/</a>" in html
    )
    # The hit list of its antennas uses the same normalisation.
    assert '<p class="hit__phone"><a href="tel:+3221112233">' in html


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_antenna_without_contacts_shows_its_organisations_and_says_so(
    client, org_with_contacts, language
):
    html = _get(client, language, "antenna", "antenne-sans-contact")
    assert '<a href="tel:+3224355050">02 435 50 50</a>' in html
    assert '<a href="tel:+3280030030">0800 30 030</a>' in html
    unescaped = html.replace("&#x27;", "'")
    assert TWO_NUMBERS[language] in unescaped
    assert '<a href="mailto:accueil@example.org">' in html
    assert MAIL_HINTS[language] in unescaped
    assert 'href="https://service.example.org/" rel="external noopener"' in html


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_antenna_with_its_own_phone_shows_it_without_the_hint(
    client, org_with_contacts, language
):
    html = _get(client, language, "antenna", "antenne-propre")
    assert '<a href="tel:+3221112233">02 111 22 33</a>' in html
    assert 'href="tel:+3224355050"' not in html
    unescaped = html.replace("&#x27;", "'")
    assert "(numéro" not in unescaped and "(nummer" not in unescaped
    # Its e-mail is empty: the organisation's, flagged.
    assert MAIL_HINTS[language] in unescaped


def test_hostile_contact_text_is_escaped(client, demo_directory):
    org = OrganisationFactory(
        slug="hostile-contacts",
        phone='"><script>alert(1)</script>',
        phone_2='02 435 50 50"><img src=x onerror=a(2)>',  # 40 characters at most
        email='a@b.be"><script>alert(3)</script>',
        website='javascript:alert(4)//"><script>alert(5)</script>',
    )
    AntennaFactory(organisation=org, slug="hostile-contacts-antenne")
    for name, slug in (
        ("organisation", "hostile-contacts"),
        ("antenna", "hostile-contacts-antenne"),
    ):
        html = _get(client, "fr", name, slug)
        assert "<script>alert" not in html
        assert "<img src=x" not in html
        assert 'href="javascript:' not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert '<a href="tel:+3224355050">' in html
        hrefs = re.findall(r'href="(tel:[^"]*)"', html)
        assert all(re.fullmatch(r"tel:\+?\d+", href) for href in hrefs), hrefs


@pytest.mark.parametrize("language", ["fr", "nl"])
def test_demo_helpline_shows_tel_107(client, demo_directory, language):
    helpline = Antenna.objects.get(external_id="tele-accueil-bxl-ligne")
    html = _record(_get(client, language, "antenna", helpline.slug))
    assert '<a href="tel:107">107</a>' in html
    slug = helpline.organisation.slug
    org_html = _record(_get(client, language, "organisation", slug))
    assert '<a href="tel:107">107</a>' in org_html


def test_demo_organisations_without_a_sourced_contact_show_no_phone(
    client, demo_directory
):
    contacts = ("phone", "phone_2", "email", "website")
    # The contacts sheet holds sourced contacts too (each row names its source).
    with_contact_rows = {row["organisation_id"] for row in demo_contact_rows()}
    without = [
        row["organisation_id"]
        for row in demo_rows()
        if not any(row[field] for field in contacts)
        and row["organisation_id"] not in with_contact_rows
    ]
    assert without, "the demo names organisations no source gives a contact for"
    for org in Organisation.objects.filter(external_id__in=without):
        assert not (org.phone or org.phone_2 or org.email or org.website)
        html = _record(_get(client, "fr", "organisation", org.slug))
        assert 'href="tel:' not in html, org.external_id
        assert 'href="mailto:' not in html, org.external_id
        assert 'rel="external noopener"' not in html, org.external_id
        for antenna in org.antennas.public():
            html = _record(_get(client, "fr", "antenna", antenna.slug))
            assert 'href="tel:' not in html, antenna.external_id


def test_seeding_again_keeps_the_sourced_contacts(demo_directory):
    seed_directory()
    row = next(r for r in demo_rows() if r["organisation_id"] == "cpas-schaerbeek")
    cpas = Organisation.objects.get(external_id="cpas-schaerbeek")
    assert cpas.phone == row["phone"]
    assert cpas.email == row["email"]
    assert tel_href(cpas.phone) == "tel:+3222403080"

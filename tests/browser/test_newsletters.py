"""Newsletters in Chromium: composing, publishing and sending an issue in the
Wagtail admin; the public pages in both languages pass axe-core."""

import pytest

pytestmark = [pytest.mark.browser]

PASSWORD = "correct horse battery staple"

PAGES = {
    "fr": [
        "/fr/mutmail/",
        "/fr/mutmail/2011/",
        "/fr/mutmail/numero-25-26/",
        "/fr/mutmail/numero-25-26/?view=bilingual",
        "/fr/mutmail/numero-25-26/matinee-petite-enfance/",
        "/fr/mutmail/numero-25-26/secret-professionnel-2/?view=bilingual",
        "subscribe",
    ],
    "nl": [
        "/nl/mutmail/",
        "/nl/mutmail/nummer-25-26/",
        "/nl/mutmail/nummer-25-26/?view=bilingual",
        "/nl/mutmail/nummer-25-26/het-verbond/",
        "/nl/mutmail/nummer-25-26/voormiddag-het-jonge-kind/?view=bilingual",
        "subscribe",
    ],
}


def test_public_newsletter_pages_are_accessible_in_both_languages(phone_page):
    from newsletters.models import NewsletterPage

    mutmail = NewsletterPage.objects.get(slug_fr="mutmail")
    page = phone_page.page
    for lang, paths in PAGES.items():
        for path in paths:
            if path == "subscribe":
                path = mutmail.subscribe_url(lang)
            phone_page.goto(path)
            assert page.locator("html").get_attribute("lang") == lang, path
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path
            phone_page.assert_clean()


def _publish(page):
    # The publish action sits in the footer's dropdown; the click is the same.
    with page.expect_navigation():
        page.evaluate("document.querySelector('button[name=action-publish]').click()")
    page.wait_for_load_state()


def _fill_page(page, values: dict) -> None:
    for name, value in values.items():
        page.evaluate(
            "([name, value]) => { const f = document.getElementById('id_' + name);"
            " f.value = value; f.dispatchEvent(new Event('input', {bubbles: true})); }",
            [name, value],
        )


def test_compose_publish_test_send_and_archive(browser, live_demo, mailoutbox):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from newsletters.models import ArticlePage, NewsletterIssuePage, NewsletterPage
    from tests.conftest import totp_code
    from tests.factories import UserFactory

    editor = UserFactory(
        username="editor",
        email="editor@example.org",
        is_superuser=True,
        is_staff=True,
        password=PASSWORD,
    )
    device = TOTPDevice.objects.create(user=editor, name="phone", confirmed=True)
    mutmail = NewsletterPage.objects.get(slug_fr="mutmail")
    context = browser.new_context(locale="fr-BE")
    page = context.new_page()
    base = live_demo.url
    try:
        page.goto(base + "/admin/login/")
        page.fill("input[name=username]", "editor")
        page.fill("input[name=password]", PASSWORD)
        page.locator("form button[type=submit]").first.click()
        # Administrators enter a code from their authenticator app.
        page.wait_for_url(base + "/admin/two-factor/verify/")
        page.fill("input[name=token]", totp_code(device))
        page.get_by_role("button", name="Vérifier").click()
        page.wait_for_url(base + "/admin/")

        page.goto(
            f"{base}/admin/pages/add/newsletters/newsletterissuepage/{mutmail.pk}/"
        )
        _fill_page(
            page,
            {
                "title_fr": "Numéro composé en ligne",
                "title_nl": "Online samengesteld nummer",
                "slug_fr": "numero-en-ligne",
                "slug_nl": "online-nummer",
                "number": "99",
                "issue_date": "2026-11-20",
            },
        )
        _publish(page)
        assert page.url.endswith(f"/admin/pages/{mutmail.pk}/")
        issue = NewsletterIssuePage.objects.get(number="99")
        assert issue.live

        page.goto(f"{base}/admin/pages/add/newsletters/articlepage/{issue.pk}/")
        _fill_page(
            page,
            {
                "title_fr": "Un article du navigateur",
                "title_nl": "Een artikel uit de browser",
                "slug_fr": "article-navigateur",
                "slug_nl": "artikel-browser",
                "standfirst_fr": "Chapeau en français.",
                "standfirst_nl": "Inleiding in het Nederlands.",
            },
        )
        _publish(page)
        assert ArticlePage.objects.child_of(issue).live().count() == 1

        page.goto(f"{base}/admin/newsletters/issues/{issue.pk}/sending/")
        send_button = page.locator("form:has(input[value=send]) button")
        assert send_button.is_disabled()  # no test yet
        assert page.locator("#test-email").input_value() == "editor@example.org"
        with page.expect_navigation():
            page.locator("form:has(input[value=test]) button").click()
        assert [m.to for m in mailoutbox] == [["editor@example.org"]]
        assert mailoutbox[0].subject.startswith("[TEST] Mutmail N° 99")

        with page.expect_navigation():
            page.locator("form:has(input[value=send]) button").click()
        page.wait_for_function(
            "document.querySelector('[data-count=remaining]').textContent.trim()"
            " === '0'"
        )
        assert page.locator("[data-count=sent]").inner_text().strip() == "3"
        assert sorted(m.to[0] for m in mailoutbox[1:]) == [
            "bilingue@example.org",
            "lecteur.fr@example.org",
            "lezer.nl@example.org",
        ]

        page.goto(base + "/fr/mutmail/")
        with page.expect_navigation():
            page.get_by_role("link", name="N° 99 Numéro composé en ligne").click()
        assert page.url.endswith("/fr/mutmail/numero-en-ligne/")
        assert page.get_by_role("link", name="Un article du navigateur").count() == 1
        page.goto(base + "/nl/mutmail/")
        assert page.get_by_role("link", name="N° 99 Online samengesteld nummer")
    finally:
        context.close()

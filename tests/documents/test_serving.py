"""Documents are served only through ``documents.serving``, which checks the
publication's state and access, the pages that link them and the collection's
privacy (rule in that module's docstring)."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.test import override_settings
from django.urls import clear_url_caches
from wagtail.models import (
    Collection,
    CollectionViewRestriction,
    GroupCollectionPermission,
    PageViewRestriction,
)

from documents.models import Publication, PublicationFile
from tests.conftest import login_verified
from tests.documents.factories import PublicationFactory, PublicationFileLinkFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% portal test file\n"


def _document(name: str = "rapport.pdf", collection=None) -> PublicationFile:
    document = PublicationFile(title=name)
    if collection is not None:
        document.collection = collection
    document.file.save(name, ContentFile(PDF), save=False)
    document.save()
    return document


def _publication(document, *, live: bool, access: str) -> Publication:
    publication = PublicationFactory(live=live, access=access)
    PublicationFileLinkFactory(publication=publication, document=document)
    return publication


@pytest.fixture
def documentalist():
    """An editor of the documentation centre: may change documents."""
    group = Group.objects.create(name="Documentalists")
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    GroupCollectionPermission.objects.create(
        group=group,
        collection=Collection.get_first_root_node(),
        permission=Permission.objects.get(
            content_type__app_label="wagtaildocs", codename="change_document"
        ),
    )
    user = UserFactory()
    user.groups.add(group)
    return user


@pytest.fixture
def federation_editor():
    """An editor of the directory, without any right on documents."""
    from directory.permissions import FEDERATION_EDITORS

    user = UserFactory()
    user.groups.add(Group.objects.get(name=FEDERATION_EDITORS))
    return user


def _status(client, document, user=None) -> int:
    if user is not None:
        login_verified(client, user)  # with the second factor those users owe
    else:
        client.logout()
    return client.get(document.url).status_code


def test_document_urls_lead_to_the_checking_view():
    document = _document()
    assert document.url == f"/documents/{document.pk}/{document.filename}"


def test_unpublished_restricted_publication_is_not_found(
    client, admin_user, documentalist, federation_editor
):
    document = _document()
    _publication(document, live=False, access=Publication.Access.RESTRICTED)
    assert _status(client, document) == 404
    assert _status(client, document, federation_editor) == 404
    assert _status(client, document, documentalist) == 200
    assert _status(client, document, admin_user) == 200


def test_unpublished_open_publication_is_not_found(client, admin_user):
    document = _document()
    _publication(document, live=False, access=Publication.Access.OPEN)
    assert _status(client, document) == 404
    assert _status(client, document, admin_user) == 200


def test_live_restricted_publication_is_forbidden_with_a_translated_page(
    client, admin_user, documentalist, federation_editor
):
    document = _document()
    _publication(document, live=True, access=Publication.Access.RESTRICTED)
    response = client.get(document.url, HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 403
    assert "Document met beperkte toegang" in response.content.decode()
    assert PDF not in response.content
    assert _status(client, document, federation_editor) == 403
    assert _status(client, document, documentalist) == 200
    assert _status(client, document, admin_user) == 200


def test_live_open_publication_is_served_to_anyone(client, federation_editor):
    document = _document()
    _publication(document, live=True, access=Publication.Access.OPEN)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-cache"
    assert _status(client, document, federation_editor) == 200


def test_one_open_live_publication_is_enough(client):
    document = _document()
    _publication(document, live=True, access=Publication.Access.RESTRICTED)
    _publication(document, live=True, access=Publication.Access.OPEN)
    assert _status(client, document) == 200


def test_unreferenced_and_unknown_documents_are_not_found(client, admin_user):
    document = _document()
    assert _status(client, document) == 404
    assert client.get(f"/documents/{document.pk}/other.pdf").status_code == 404
    assert client.get("/documents/999999/rapport.pdf").status_code == 404
    assert _status(client, document, admin_user) == 200


def test_no_content_encoding_header(client):
    """Wagtail's sendfile wrote the literal ``Content-Encoding: None``."""
    document = _document()
    _publication(document, live=True, access=Publication.Access.OPEN)
    response = client.get(document.url)
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"] == (
        f'inline; filename="{document.filename}"'
    )


def test_private_collection_is_checked_first(client, admin_user):
    root = Collection.get_first_root_node()
    private = root.add_child(name="Internal")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    document = _document(collection=private)
    _publication(document, live=True, access=Publication.Access.OPEN)
    response = client.get(document.url)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
    assert _status(client, document, admin_user) == 200


@pytest.mark.parametrize(
    "url",
    [
        "/media/documents/{name}",
        "/media/x/../documents/{name}",
        "/media/Documents/{name}",
        "/media//documents/{name}",
    ],
)
def test_media_folder_never_serves_documents(client, settings, url):
    """Even in DEBUG, where ``/media/`` is served by Django."""
    document = _document()
    _publication(document, live=True, access=Publication.Access.OPEN)
    name = document.file.name.split("/", 1)[1]
    settings.DEBUG = True
    import importlib

    import config.urls

    try:
        importlib.reload(config.urls)
        clear_url_caches()
        with override_settings(ROOT_URLCONF="config.urls"):
            response = client.get(url.format(name=name))
        assert response.status_code == 404
        assert PDF not in b"".join(getattr(response, "streaming_content", [b""]))
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)
        clear_url_caches()


def test_other_media_still_served_in_debug(client, settings):
    from django.core.files.storage import default_storage

    default_storage.save("images/pixel.txt", ContentFile(b"pixel"))
    settings.DEBUG = True
    import importlib

    import config.urls

    try:
        importlib.reload(config.urls)
        clear_url_caches()
        response = client.get("/media/images/pixel.txt")
        assert response.status_code == 200
    finally:
        settings.DEBUG = False
        importlib.reload(config.urls)
        clear_url_caches()


def test_nginx_backend_answers_with_x_accel_redirect(client, settings):
    settings.DOCUMENTS_SENDFILE_BACKEND = "nginx"
    settings.DOCUMENTS_SENDFILE_URL = "/protected-media/"
    document = _document("état des lieux.pdf")
    _publication(document, live=True, access=Publication.Access.OPEN)
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == (
        "/protected-media/"
        + document.file.name.replace(" ", "%20").replace("é", "%C3%A9")
    )
    assert response.content == b""
    assert "Content-Encoding" not in response.headers


# --- pages that link a document ------------------------------------------------------


def _page_linking(home, document, *, publish: bool = True):
    from portal.models import StandardPage

    link = f'<p><a linktype="document" id="{document.pk}">Le rapport</a></p>'
    page = StandardPage(
        title="Avec un fichier",
        title_fr="Avec un fichier",
        title_nl="Met een bestand",
        slug="avec-un-fichier",
        slug_fr="avec-un-fichier",
        slug_nl="met-een-bestand",
        body=[("paragraph", link)],
        live=False,
    )
    home.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


def test_live_public_page_link_makes_a_document_public(client, demo_site):
    document = _document()
    _page_linking(demo_site, document)
    assert _status(client, document) == 200


def test_draft_page_link_keeps_a_document_unpublished(client, demo_site, admin_user):
    document = _document()
    _page_linking(demo_site, document, publish=False)
    assert _status(client, document) == 404
    assert _status(client, document, admin_user) == 200


def test_link_only_in_a_live_pages_draft_does_not_count(client, demo_site):
    from portal.models import StandardPage

    document = _document()
    page = StandardPage(
        title="Sans fichier",
        title_fr="Sans fichier",
        title_nl="Zonder bestand",
        slug="sans-fichier",
        slug_fr="sans-fichier",
        slug_nl="zonder-bestand",
    )
    demo_site.add_child(instance=page)
    page.save_revision().publish()
    page.body = [
        ("paragraph", f'<p><a linktype="document" id="{document.pk}">x</a></p>')
    ]
    page.save_revision()
    assert _status(client, document) == 404


def test_restricted_live_page_link_is_forbidden(client, demo_site):
    document = _document()
    page = _page_linking(demo_site, document)
    PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    assert _status(client, document) == 403


def test_newsletter_print_edition_follows_its_issue(client, demo_site):
    from newsletters.models import NewsletterIssuePage

    issue = NewsletterIssuePage.objects.live().filter(print_file__isnull=False).first()
    assert issue is not None, "the demo has a newsletter issue with a print edition"
    document = issue.print_file
    assert _status(client, document) == 200
    issue.unpublish()
    assert _status(client, document) == 404


def test_demo_publication_files_are_served(client, demo_site):
    publication = Publication.objects.filter(
        live=True, access=Publication.Access.OPEN, files__isnull=False
    ).first()
    assert publication is not None
    response = client.get(publication.main_file().url)
    assert response.status_code == 200


def test_record_of_a_restricted_publication_does_not_link_its_file(client, admin_user):
    document = _document()
    publication = _publication(
        document, live=True, access=Publication.Access.RESTRICTED
    )
    html = client.get(publication.get_absolute_url()).content.decode()
    assert document.url not in html
    assert "Document à accès restreint" in html
    login_verified(client, admin_user)
    assert document.url in client.get(publication.get_absolute_url()).content.decode()


def test_a_password_alone_does_not_open_an_unpublished_document(client, admin_user):
    """An administrator owes a second factor: logged in with the password only,
    the unpublished file stays hidden (it opened with a stolen password)."""
    document = _document()
    _publication(document, live=False, access=Publication.Access.RESTRICTED)
    client.force_login(admin_user)  # password checked, code not yet given
    assert client.get(document.url).status_code == 404
    login_verified(client, admin_user)
    assert client.get(document.url).status_code == 200


def test_restricted_text_is_not_indexed_and_has_no_public_cover(client, settings):
    document = _document()
    document.text_fr = "mot-secret-du-rapport"
    document.save()
    publication = _publication(
        document, live=True, access=Publication.Access.RESTRICTED
    )
    assert publication.file_text_fr() == ""
    response = client.get(f"/fr/publications/{publication.slug}/cover.png")
    assert response.status_code == 404
    publication.access = Publication.Access.OPEN
    publication.save()
    assert "mot-secret-du-rapport" in publication.file_text_fr()


def test_a_private_collections_text_is_not_indexed(client):
    from wagtail.models import CollectionViewRestriction

    root = Collection.get_first_root_node()
    private = root.add_child(name="Private for the text")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type="login"
    )
    document = _document(collection=private)
    document.text_fr = "texte-prive"
    document.save()
    publication = _publication(document, live=True, access=Publication.Access.OPEN)
    assert publication.file_text_fr() == ""

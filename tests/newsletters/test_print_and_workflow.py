import time
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone

pytestmark = [pytest.mark.django_db, pytest.mark.smoke]


def test_print_edition_is_a_pdf_with_pages_and_both_languages(issue, client):
    from newsletters.pdf import issue_html, render_issue_pdf

    assert issue.print_file is not None
    data = issue.print_file.file.read()
    assert data.startswith(b"%PDF")
    assert issue.print_file.page_count >= 2
    assert render_issue_pdf(issue).startswith(b"%PDF")
    html = issue_html(issue)
    assert '<td lang="fr">' in html and '<td lang="nl">' in html
    assert "target-counter" in html and "counter(pages)" in html
    assert html.count('href="#editorial"') == 2  # a contents list per language
    # The issue page links to it.
    page = client.get("/fr/mutmail/numero-25-26/").content.decode()
    assert issue.print_file.url in page


def test_issue_is_a_publication_record_with_its_pdf(issue):
    from documents.models import Publication

    publication = issue.publication
    assert publication.kind == Publication.Kind.NEWSLETTER_ISSUE
    assert publication.series == "Mutmail" and publication.series_number == "25-26"
    assert publication.title_nl.startswith("Mutmail N° 25-26 · Armoede")
    assert publication.publisher_organisation == issue.newsletter.organisation
    assert publication.live
    assert [d.pk for d in publication.documents()] == [issue.print_file_id]


def test_pdf_is_regenerated_when_the_issue_changes(issue):
    from newsletters.models import ArticlePage, NewsletterIssuePage

    first_fingerprint = issue.print_fingerprint
    article = ArticlePage.objects.child_of(issue).first()
    article.title_nl = "Een nieuwe titel"
    with TestCase.captureOnCommitCallbacks(execute=True):
        article.save_revision().publish()
    issue = NewsletterIssuePage.objects.get(pk=issue.pk)
    assert issue.print_fingerprint != first_fingerprint
    assert issue.print_file.file.read().startswith(b"%PDF")
    # Unchanged content: nothing is regenerated.
    from newsletters.pdf import update_issue_pdf

    assert update_issue_pdf(issue) is False


def test_scheduled_publication(mutmail):
    from newsletters.models import NewsletterIssuePage

    issue = NewsletterIssuePage(
        title="Numéro programmé", slug="programme", number="27", live=False
    )
    mutmail.add_child(instance=issue)
    issue.go_live_at = timezone.now() + timedelta(seconds=2)
    revision = issue.save_revision()
    revision.publish()
    issue.refresh_from_db()
    assert not issue.live
    revision.refresh_from_db()
    assert revision.approved_go_live_at is not None
    time.sleep(max(0, (issue.go_live_at - timezone.now()).total_seconds()) + 0.1)
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("publish_scheduled", stdout=open("/dev/null", "w"))
    issue.refresh_from_db()
    assert issue.live
    assert issue.publication is not None and issue.print_file is not None


def test_newsletter_tree_has_the_review_workflow(mutmail, issue):
    from newsletters.workflow import WORKFLOW_NAME

    assert mutmail.get_workflow().name == WORKFLOW_NAME
    assert issue.get_workflow().name == WORKFLOW_NAME
    task = mutmail.get_workflow().tasks.get()
    assert task.specific.groups.filter(name="Newsletter reviewers").exists()


def test_review_workflow_goes_draft_review_publish(issue):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    editor = UserFactory(is_superuser=True)
    reviewer = UserFactory()
    reviewer.groups.add(Group.objects.get(name="Newsletter reviewers"))
    issue.title_fr = "Titre revu"
    revision = issue.save_revision(user=editor)
    workflow_state = issue.get_workflow().start(issue, editor)
    assert workflow_state.status == "in_progress"
    issue.refresh_from_db()
    assert issue.title_fr != "Titre revu"  # still the live version
    task_state = workflow_state.current_task_state
    assert task_state.task.specific.user_can_access_editor(issue, reviewer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        task_state.task.specific.on_action(task_state, reviewer, "approve")
    issue.refresh_from_db()
    assert issue.title_fr == "Titre revu"
    assert issue.live_revision_id == revision.pk or issue.live


def test_images_with_captions_on_the_web_and_in_print(issue, client):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    from newsletters.models import ArticlePage
    from newsletters.pdf import issue_html, render_print_edition

    image = Image.objects.create(title="Crèche", file=get_test_image_file())
    article = ArticlePage.objects.child_of(issue).get(slug_fr="la-federation")
    block = {
        "type": "image",
        "value": {"image": image.pk, "alt_text": "Des enfants", "caption": "Légende"},
    }
    article.body_fr = [*article.body_fr.raw_data, block]
    with TestCase.captureOnCommitCallbacks(execute=True):
        article.save_revision().publish()
    html = client.get("/fr/mutmail/numero-25-26/la-federation/").content.decode()
    assert 'alt="Des enfants"' in html and "<figcaption>Légende</figcaption>" in html
    print_html = issue_html(issue)
    assert 'src="file://' in print_html
    pdf, pages = render_print_edition(print_html)
    assert pdf.startswith(b"%PDF") and pages >= 2


def test_print_renderer_refuses_outside_resources():
    from weasyprint.urls import URLFetchingError

    from newsletters.pdf import LocalFilesOnly

    fetcher = LocalFilesOnly()
    for url in ("http://example.org/x.png", "file:///etc/passwd"):
        with pytest.raises(URLFetchingError):
            fetcher(url)

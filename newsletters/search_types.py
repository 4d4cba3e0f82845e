from django.utils.translation import gettext_lazy as _

from core.search_contracts import ResultType
from newsletters.models import ArticlePage


def result_types() -> list[ResultType]:
    return [
        ResultType(
            name="newsletter_article",
            label=_("Newsletter article"),
            model=ArticlePage,
            queryset=lambda: ArticlePage.objects.live().public(),
            url=lambda page: page.get_url(),
            title_field="title",
            summary_field="standfirst",
        )
    ]

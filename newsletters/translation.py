from modeltranslation.translator import TranslationOptions, register

from newsletters.models import ArticlePage, NewsletterIssuePage, NewsletterPage


@register(NewsletterPage)
class NewsletterPageTranslation(TranslationOptions):
    fields = ("intro",)


@register(NewsletterIssuePage)
class NewsletterIssuePageTranslation(TranslationOptions):
    fields = ("editorial",)


@register(ArticlePage)
class ArticlePageTranslation(TranslationOptions):
    fields = ("standfirst", "body")

from django import forms
from django.utils.translation import gettext_lazy as _

from newsletters.models import Subscriber


class SubscribeForm(forms.Form):
    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": _("Please enter your e-mail address."),
            "invalid": _("Please enter a valid e-mail address, e.g. name@example.org."),
        },
    )
    languages = forms.ChoiceField(
        label=_("I want to receive it in"),
        choices=Subscriber.Languages.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Please choose a language.")},
    )
    # Honeypot: hidden from people (and from assistive technologies), filled by bots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_bot(self) -> bool:
        return bool(self.cleaned_data.get("website"))

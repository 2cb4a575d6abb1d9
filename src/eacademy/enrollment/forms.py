from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from eacademy.core.iin import parse_iin
from eacademy.people.models import Person


class NominateForm(forms.Form):
    """One person to nominate: chosen from the search (`person`) or typed by IIN; each fault is
    said at the field."""

    person = forms.IntegerField(required=False, widget=forms.HiddenInput)
    iin = forms.CharField(label=_("IIN"), max_length=20, required=False, widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))

    def __init__(self, *args: object, people: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.people = people

    def clean_iin(self) -> str:
        iin = "".join(self.cleaned_data["iin"].split())
        if iin:
            try:
                parse_iin(iin)
            except ValidationError as exc:
                raise ValidationError(exc.messages) from None
        return iin

    def clean(self) -> dict:
        data = super().clean() or {}
        if self.errors:
            return data
        if data.get("person"):
            found = self.people.filter(pk=data["person"]).first()  # type: ignore[attr-defined]
            if found is None:
                raise ValidationError(_("This person is not among those you may nominate."))
        elif data.get("iin"):
            found = self.people.filter(iin=data["iin"]).first()  # type: ignore[attr-defined]
            if found is None:
                self.add_error("iin", _("No person with this IIN among those you may nominate."))
                return data
        else:
            self.add_error("iin", _("Type an IIN, or find the person by name above."))
            return data
        data["nominee"] = found
        return data

    @property
    def nominee(self) -> Person:
        return self.cleaned_data["nominee"]

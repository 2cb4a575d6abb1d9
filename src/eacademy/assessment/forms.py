from django import forms
from django.utils.translation import gettext_lazy as _

from eacademy.assessment.models import Candidate, Conflict, Exercise, Indicator, Level, Session
from eacademy.core.iin import validate_iin
from eacademy.core.roles import Role
from eacademy.core.widgets import DATE
from eacademy.org.models import Position
from eacademy.people.models import Person


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    date = forms.DateField(label=_("Date"), widget=DATE)
    position = forms.ModelChoiceField(label=_("Position assessed for"), queryset=Position.objects.filter(category=Position.Category.AGENCY))
    exercises = forms.ModelMultipleChoiceField(label=_("Exercises"), queryset=Exercise.objects.all(), widget=forms.CheckboxSelectMultiple)
    experts_per_candidate = forms.IntegerField(label=_("Experts per candidate and exercise"), initial=2, min_value=1, max_value=5)


class CandidatesForm(forms.Form):
    iins = forms.CharField(label=_("IINs of the candidates, one per line"), widget=forms.Textarea(attrs={"rows": 5}))

    def clean_iins(self) -> list[Person]:
        lines = [line.strip() for line in self.cleaned_data["iins"].splitlines() if line.strip()]
        for line in lines:
            validate_iin(line)
        people = {p.iin: p for p in Person.objects.filter(iin__in=lines)}
        unknown = [line for line in lines if line not in people]
        if unknown:
            raise forms.ValidationError(_("No person with the IIN %(iins)s.") % {"iins": ", ".join(unknown)})
        return [people[line] for line in dict.fromkeys(lines)]


class ExpertsForm(forms.Form):
    people = forms.ModelMultipleChoiceField(label=_("Experts"), queryset=Person.objects.filter(user__groups__name=Role.EXPERT).distinct(),
                                            widget=forms.CheckboxSelectMultiple)


class CandidateChoice(forms.ModelChoiceField):
    """Candidates by code; with the name too while the session is prepared (names are hidden once experts rate)."""

    def __init__(self, *args: object, with_names: bool, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.with_names = with_names

    def label_from_instance(self, obj: Candidate) -> str:
        return f"{obj.code} · {obj.person.full_name}" if self.with_names else obj.code


class ConflictForm(forms.Form):
    expert = forms.ModelChoiceField(label=_("Expert"), queryset=Person.objects.none())
    candidate = forms.ModelChoiceField(label=_("Candidate"), queryset=Candidate.objects.none())
    kind = forms.ChoiceField(label=_("Kind"), choices=Conflict.Kind.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args: object, session: Session, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["expert"].queryset = Person.objects.filter(pk__in=session.experts.values("person"))  # type: ignore[attr-defined]
        with_names = session.status == Session.Status.DRAFT
        self.fields["candidate"] = CandidateChoice(label=_("Candidate"), with_names=with_names,
                                                   queryset=session.candidates.select_related("person") if with_names else session.candidates.all())


class ConsensusForm(forms.Form):
    level = forms.TypedChoiceField(label=_("Agreed level"), choices=Level.choices, coerce=int)
    reasoning = forms.CharField(label=_("Reasoning of the discussion"), widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)


class RatingForm(forms.Form):
    """A level (with its behavioural anchors as the choices' descriptions) and a note per indicator of the exercise."""

    def __init__(self, *args: object, indicators: list[Indicator], current: dict[int, tuple[int, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.indicators = indicators
        for indicator in indicators:
            level, comment = current.get(indicator.pk, (None, ""))
            anchors = {a.level: a.name for a in indicator.anchors.all()}
            self.fields[f"level_{indicator.pk}"] = forms.TypedChoiceField(
                label=str(indicator), coerce=int, widget=forms.RadioSelect, initial=level,
                choices=[(value, f"{value} · {label}" + (f": {anchors[value]}" if anchors.get(value) else "")) for value, label in Level.choices])
            self.fields[f"comment_{indicator.pk}"] = forms.CharField(label=_("Behaviour observed"), max_length=500, required=False, initial=comment)

    def levels(self) -> dict[int, int]:
        return {indicator.pk: self.cleaned_data[f"level_{indicator.pk}"] for indicator in self.indicators}

    def comments(self) -> dict[int, str]:
        return {indicator.pk: self.cleaned_data[f"comment_{indicator.pk}"] for indicator in self.indicators}

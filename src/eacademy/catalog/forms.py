from decimal import Decimal

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from eacademy.catalog.models import (
    HOUR_FIELDS,
    Component,
    Cycle,
    Discipline,
    InstructionLanguage,
    ListenerCategory,
    Module,
    ProgrammeKind,
    RecruitTrack,
    StudyFormat,
    VersionCompetency,
)
from eacademy.governance import queries as governance_queries
from eacademy.governance.models import AgendaItem
from eacademy.org.models import AcademyUnit, Agency


class NamesForm(forms.Form):
    name_ru = forms.CharField(label=_("name (Russian)"), max_length=300)
    name_kk = forms.CharField(label=_("name (Kazakh)"), max_length=300, required=False)
    name_en = forms.CharField(label=_("name (English)"), max_length=300, required=False)

    def names(self) -> tuple[str, str, str]:
        data = self.cleaned_data
        return data["name_kk"], data["name_ru"], data["name_en"]


class ProgrammeForm(NamesForm):
    code = forms.SlugField(label=_("code"), max_length=40)
    kind = forms.ChoiceField(label=_("kind"), choices=ProgrammeKind.choices)
    department: forms.ModelChoiceField[AcademyUnit] = forms.ModelChoiceField(label=_("responsible department"), queryset=AcademyUnit.objects.order_by("path"))
    entering_agency = forms.ModelChoiceField(label=_("entering agency"), queryset=Agency.objects.all(), required=False)
    recruit_track = forms.ChoiceField(label=_("for whom"), choices=[("", "—"), *RecruitTrack.choices], required=False)


class VersionForm(forms.Form):
    study_months = forms.DecimalField(label=_("study, months"), min_value=Decimal(0), max_value=Decimal(60), decimal_places=1)
    internship_months = forms.DecimalField(label=_("internship, months"), min_value=Decimal(0), max_value=Decimal(60), decimal_places=1)
    target_categories = forms.MultipleChoiceField(label=_("target categories of listeners"), choices=ListenerCategory.choices, widget=forms.CheckboxSelectMultiple)
    languages = forms.MultipleChoiceField(label=_("languages of instruction"), choices=InstructionLanguage.choices, widget=forms.CheckboxSelectMultiple)
    study_format = forms.ChoiceField(label=_("format"), choices=StudyFormat.choices)


class ModuleForm(NamesForm):
    cycle = forms.ChoiceField(label=_("cycle"), choices=[("", "—"), *Cycle.choices], required=False,
                              help_text=_("Postgraduate programmes only."))


class DisciplineForm(NamesForm):
    module = forms.ModelChoiceField(label=_("module"), queryset=Module.objects.none())

    def __init__(self, *args: object, modules: QuerySet[Module], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["module"].queryset = modules  # type: ignore[attr-defined]
        for field in HOUR_FIELDS:
            self.fields[field] = forms.IntegerField(label=getattr(Discipline._meta.get_field(field), "verbose_name", field), min_value=0, max_value=2000, initial=0)

        self.fields["credits"] = forms.IntegerField(label=_("credits"), min_value=1, max_value=120, required=False, help_text=_("Postgraduate programmes only."))
        self.fields["component"] = forms.ChoiceField(label=_("component"), choices=[("", "—"), *Component.choices], required=False)
        self.fields["period"] = forms.IntegerField(label=_("academic period"), min_value=1, max_value=8, required=False)

    def credit_fields(self) -> dict[str, object]:
        return {name: self.cleaned_data[name] for name in ("credits", "component", "period")}

    def hours(self) -> dict[str, int]:
        return {field: self.cleaned_data[field] for field in HOUR_FIELDS if self.cleaned_data[field]}


class CompetencyForm(forms.Form):
    level = forms.TypedChoiceField(label=_("level"), coerce=int, empty_value=None, required=False,
                                   choices=[("", _("not developed")), *VersionCompetency.Level.choices])


class ApprovalForm(forms.Form):
    decision = forms.ModelChoiceField(label=_("decision of the Academic Council"), queryset=governance_queries.decisions_on(AgendaItem.Subject.PROGRAMME),
                                      required=False)
    reviewing_agency = forms.ModelChoiceField(label=_("examined by (agency)"), queryset=Agency.objects.all(), required=False)
    conclusion = forms.CharField(label=_("conclusion of the employer's examination"), widget=forms.Textarea(attrs={"rows": 3}), required=False)

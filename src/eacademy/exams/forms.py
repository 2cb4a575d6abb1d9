from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.template.defaultfilters import linebreaksbr
from django.utils.translation import gettext_lazy as _

from eacademy.core.multilang import join_languages
from eacademy.exams.formats import KIND_LABELS, Answer, Gap, Kind, QuestionData, TextFormat, cloze
from eacademy.exams.formats.checks import GRADES
from eacademy.exams.formats.files import FORMATS
from eacademy.exams.models import Bank, BlueprintRule, Exam


class BankForm(forms.ModelForm):
    class Meta:
        model = Bank
        fields = ["name", "programme", "description"]


class ImportForm(forms.Form):
    file = forms.FileField(label=_("File"))
    format = forms.ChoiceField(label=_("Format"), choices=[("", _("By the file's extension")), *((f, f) for f in FORMATS)], required=False)


class ExamForm(forms.ModelForm):
    class Meta:
        model = Exam
        fields = ["title", "offering", "group", "purpose", "time_limit_minutes", "attempts_allowed", "opens_at", "closes_at",
                  "shuffle_answers", "pass_percent", "review_score", "review_responses", "review_correct"]
        widgets = {"opens_at": forms.DateTimeInput(attrs={"type": "datetime-local"}), "closes_at": forms.DateTimeInput(attrs={"type": "datetime-local"})}

    # (field, least, most): said at the field, not as the database's constraint names
    LIMITS = (("time_limit_minutes", 1, 24 * 60), ("attempts_allowed", 1, 20), ("pass_percent", 0, 100))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for name, least, most in self.LIMITS:
            field = self.fields[name]
            field.validators += [MinValueValidator(least), MaxValueValidator(most)]
            field.widget.attrs.update(min=least, max=most)

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("opens_at") and data.get("closes_at") and data["closes_at"] <= data["opens_at"]:
            self.add_error("closes_at", _("The test must close after it opens."))
        group, offering = data.get("group"), data.get("offering")
        if group and offering and group.offering_id != offering.pk:
            self.add_error("group", _("This group belongs to another course."))
        return data


class _Rules(forms.BaseInlineFormSet):
    default_error_messages = {"too_few_forms": _("Add at least one rule: a category and how many of its questions to draw.")}

    def add_fields(self, form: forms.ModelForm, index: int | None) -> None:
        super().add_fields(form, index)
        form.fields["count"].validators.append(MinValueValidator(1))
        form.fields["count"].widget.attrs["min"] = 1


RuleFormSet = forms.inlineformset_factory(Exam, BlueprintRule, formset=_Rules, fields=["category", "difficulty", "tag", "count"], extra=3, min_num=1,
                                          validate_min=True)


GRADE_CHOICES = [(f"{g:.7f}", f"{g * 100:g}%") for g in sorted({s * g for g in GRADES for s in (1, -1)}, reverse=True)]


class KeyForm(forms.Form):
    """The grade of each answer of a used version: a key correction regrades past attempts."""

    def __init__(self, *args: object, answers: list[dict], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for i, answer in enumerate(answers):
            self.fields[f"grade_{i}"] = forms.TypedChoiceField(label=answer["text"], choices=GRADE_CHOICES, coerce=float, initial=f"{answer['fraction']:.7f}")


class QuestionForm(forms.Form):
    """The wording and classification of a question; a version already used becomes a new one."""

    name = forms.CharField(label=_("Name"), max_length=300)
    text_kk = forms.CharField(label=_("Text (Kazakh)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    text_ru = forms.CharField(label=_("Text (Russian)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    text_en = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    default_mark = forms.FloatField(label=_("Mark"), min_value=0)
    difficulty = forms.TypedChoiceField(label=_("Difficulty"), choices=[("", "—"), *((str(i), str(i)) for i in range(1, 6))], coerce=int, empty_value=None, required=False)
    tags = forms.CharField(label=_("Tags"), help_text=_("Separated by commas."), required=False)

    def __init__(self, *args: object, kind: str = "", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.question_kind = kind
        if kind == Kind.CLOZE:  # its mark is the sum of its gaps' weights; its gaps are written in the text
            self.fields["default_mark"].disabled = True
            for lang in ("kk", "ru", "en"):
                self.fields[f"text_{lang}"].widget.attrs["rows"] = 6

    def clean(self) -> dict:
        data = super().clean() or {}
        if not any(data.get(f"text_{lang}") for lang in ("kk", "ru", "en")):
            raise forms.ValidationError(_("Write the question in at least one language."))
        if (data.get("kind") or self.question_kind) == Kind.CLOZE:
            self._clean_gaps(data)
        return data

    def _clean_gaps(self, data: dict) -> None:
        """Embedded answers are written in the text, in Moodle's syntax; the same gaps in each language."""
        written = {lang: data[f"text_{lang}"] for lang in ("kk", "ru", "en") if data.get(f"text_{lang}")}
        for lang, body in [*written.items(), (list(written)[-1] if written else "", join_languages(written))]:
            try:
                cloze.parse(body)
            except cloze.ClozeError as exc:
                self.add_error(f"text_{lang}", str(exc))
                return


class EssayGradeForm(forms.Form):
    points = forms.CharField(label=_("Points"), help_text=_("One number per rubric criterion, separated by spaces."))
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean_points(self) -> list[float]:
        try:
            return [float(p.replace(",", ".")) for p in self.cleaned_data["points"].split()]
        except ValueError:
            raise forms.ValidationError(_("Write numbers, e.g. 2 1.5 3.")) from None


EDITABLE_KINDS = [Kind.SINGLE, Kind.MULTIPLE, Kind.TRUE_FALSE, Kind.SHORT, Kind.NUMERICAL, Kind.ESSAY, Kind.CLOZE]
ANSWER_ROWS = 6


class NewQuestionForm(QuestionForm):
    """A question written in the browser: its type, category, wording and key; optionally put in
    a test every listener of which will get it."""

    kind = forms.ChoiceField(label=_("Type"), choices=[(k.value, KIND_LABELS[k]) for k in EDITABLE_KINDS])
    category = forms.CharField(label=_("Category"), max_length=255, help_text=_("An existing category or a new one; levels separated by “/”."))
    true_is_correct = forms.TypedChoiceField(label=_("The statement is"), choices=[("1", _("true")), ("0", _("false"))], coerce=lambda v: v == "1",
                                             required=False, initial="1")
    exam = forms.ModelChoiceField(label=_("Add to the test"), queryset=Exam.objects.none(), required=False, empty_label=_("— no test —"))
    field_order = ["kind", "category", "name", "text_kk", "text_ru", "text_en", "default_mark", "difficulty", "tags"]

    def __init__(self, *args: object, exams: object, categories: list[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["exam"].queryset = exams  # type: ignore[attr-defined]
        self.fields["category"].widget.attrs["list"] = "categories"
        self.categories = categories
        self.fields["default_mark"].initial = 1
        for i in range(ANSWER_ROWS):
            self.fields[f"answer_{i}"] = forms.CharField(label=_("Answer %(n)s") % {"n": i + 1}, max_length=1000, required=False)
            self.fields[f"grade_{i}"] = forms.TypedChoiceField(label=_("Grade"), choices=GRADE_CHOICES, coerce=float, initial=f"{0:.7f}", required=False)
        self.fields["tolerance"] = forms.FloatField(label=_("Tolerance (numerical)"), min_value=0, required=False, initial=0)

    def answer_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [(self[f"answer_{i}"], self[f"grade_{i}"]) for i in range(ANSWER_ROWS)]

    def clean(self) -> dict:
        data = super().clean()
        kind = data.get("kind")
        written = [(data.get(f"answer_{i}", "").strip(), data.get(f"grade_{i}") or 0.0) for i in range(ANSWER_ROWS)]
        written = [(text, fraction) for text, fraction in written if text]
        if kind in (Kind.SINGLE, Kind.MULTIPLE, Kind.SHORT, Kind.NUMERICAL) and not written:
            self.add_error("answer_0", _("Write the answers and give the right one its grade."))
        if kind == Kind.NUMERICAL:
            for i, (text, _fraction) in enumerate(written):
                try:
                    float(text.replace(",", "."))
                except ValueError:
                    self.add_error(f"answer_{i}", _("A numerical answer is a number, e.g. 2 or 2.5."))
        data["answers"] = written
        return data

    def question(self) -> QuestionData:
        """The form's question in the neutral form the bank holds."""
        data = self.cleaned_data
        kind = Kind(data["kind"])
        written = {lang: data[f"text_{lang}"] for lang in ("kk", "ru", "en") if data[f"text_{lang}"]}
        text = str(join_languages({lang: linebreaksbr(body) for lang, body in written.items()}))
        gaps: list[Gap] = []
        if kind == Kind.CLOZE:
            text, gaps = cloze.parse(text)
        if kind == Kind.TRUE_FALSE:
            correct = data.get("true_is_correct", True)
            answers = [Answer("true", 1.0 if correct else 0.0, format=TextFormat.MOODLE), Answer("false", 0.0 if correct else 1.0, format=TextFormat.MOODLE)]
        elif kind == Kind.NUMERICAL:
            answers = [Answer(str(float(t.replace(",", "."))), f, format=TextFormat.PLAIN, tolerance=data.get("tolerance") or 0.0) for t, f in data["answers"]]
        elif kind in (Kind.ESSAY, Kind.CLOZE):
            answers = []
        else:
            answers = [Answer(t, f, format=TextFormat.PLAIN) for t, f in data["answers"]]
        return QuestionData(kind=kind, name=data["name"], text=text, text_format=TextFormat.HTML, category=data["category"].strip().strip("/"),
                            default_mark=sum(g.mark for g in gaps) if gaps else data["default_mark"], difficulty=data["difficulty"], answers=answers, gaps=gaps,
                            tags=[t.strip() for t in data["tags"].split(",") if t.strip()], position=str(_("The question")))

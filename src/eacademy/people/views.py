from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from eacademy.core.access import role_required
from eacademy.core.errors import DomainError
from eacademy.org.queries import agencies_visible_to
from eacademy.people import queries, services
from eacademy.people.forms import PersonForm
from eacademy.people.models import Person, StaffMember
from eacademy.people.rules import EDITORS, HISTORY_READERS, READERS


@role_required(*READERS)
def person_list(request: HttpRequest) -> HttpResponse:
    text = request.GET.get("q", "")[:100]
    people = queries.search(queries.visible_to(request.user), text).with_related()  # type: ignore[arg-type]
    page = Paginator(people, settings.PAGE_SIZE).get_page(request.GET.get("page"))
    template = "people/_person_rows.html" if request.htmx else "people/person_list.html"  # type: ignore[attr-defined]
    return render(request, template, {"page": page, "q": text, "can_edit": request.user.has_role(*EDITORS)})  # type: ignore[union-attr]


@role_required(*READERS)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(queries.visible_to(request.user).with_related(), pk=pk)  # type: ignore[arg-type]
    staff_pk = StaffMember.objects.filter(person=person).values_list("pk", flat=True).first()
    return render(request, "people/person_detail.html", {"person": person, "can_edit": request.user.has_role(*EDITORS),  # type: ignore[union-attr]
                                                         "staff_pk": staff_pk})


def _edit(request: HttpRequest, person: Person | None) -> HttpResponse:
    agencies = agencies_visible_to(request.user)  # type: ignore[arg-type]
    initial = {}
    if person is not None:
        initial = {f: getattr(person, f) for f in PersonForm.base_fields if hasattr(person, f)}
        initial["iin"] = person.iin or ""
    form = PersonForm(request.POST or None, initial=initial, agencies=agencies)
    if request.method == "POST" and form.is_valid():
        try:
            if person is None:
                person = services.person_create(data=form.to_data())
                messages.success(request, _("The person is registered."))
            else:
                person = services.person_update(person=person, data=form.to_data())
                messages.success(request, _("The changes are saved."))
        except DomainError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            return redirect(person)
    return render(request, "people/person_form.html", {"form": form, "person": person}, status=422 if form.errors else 200)


@role_required(*EDITORS)
def person_create(request: HttpRequest) -> HttpResponse:
    return _edit(request, None)


@role_required(*EDITORS)
def person_update(request: HttpRequest, pk: int) -> HttpResponse:
    return _edit(request, get_object_or_404(queries.visible_to(request.user), pk=pk))  # type: ignore[arg-type]


@role_required(*HISTORY_READERS)
def person_history(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person, pk=pk)
    records = list(person.history.select_related("history_user").order_by("-history_date", "-history_id")[:100])
    changes = [
        {
            "record": new,
            "changes": [
                {"field": getattr(Person._meta.get_field(c.field), "verbose_name", c.field), "old": c.old, "new": c.new}
                for c in (new.diff_against(old).changes if old is not None else [])
            ],
        }
        for new, old in zip(records, [*records[1:], None], strict=True)
    ]
    return render(request, "people/person_history.html", {"person": person, "changes": changes})

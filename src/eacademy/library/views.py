from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from eacademy.catalog.models import Discipline
from eacademy.core.access import public, role_required, signed_in, signed_in_user
from eacademy.core.documents import dated_filename
from eacademy.core.errors import DomainError
from eacademy.core.file_types import written_work_type
from eacademy.core.pages import act_and_return, form_errors_from, messages_from_form
from eacademy.core.uploads import read_upload
from eacademy.exams import queries as exams_queries
from eacademy.library import oai, queries, search
from eacademy.library import services as catalogue
from eacademy.library.forms import (
    AccessForm,
    AcquisitionForm,
    DecisionForm,
    DepositForm,
    IssueForm,
    ReadingItemForm,
    RecordForm,
    ReturnForm,
    SearchForm,
    TextCheckForm,
    UploadForm,
    ViolationForm,
    WriteOffForm,
)
from eacademy.library.models import LANGUAGES, Act, Hold, Loan, Record, SearchEntry, Violation, Work, WorkFile
from eacademy.library.rules import CHECKERS, LIBRARIANS, READING_LIST_EDITORS, REGISTRARS, readable_access
from eacademy.library.services import circulation, honesty, marc, repository
from eacademy.library.texts import text_of

PAGE = 20


@signed_in
def index(request: HttpRequest) -> HttpResponse:
    """The search over the catalogue and the repository."""
    user = signed_in_user(request)
    form = SearchForm(request.GET or None)
    results, hits, page = None, [], None
    if form.is_valid() and form.cleaned_data["q"].strip():
        data = form.cleaned_data
        number = max(1, int(request.GET["page"])) if request.GET.get("page", "").isdigit() else 1
        filters = search.Filters(kind=data["kind"], language=data["language"], year_from=data["year_from"], year_to=data["year_to"],
                                 access=readable_access(user))
        results = search.find(data["q"], filters, limit=PAGE, offset=(number - 1) * PAGE)
        page = Paginator(range(results.total), PAGE).get_page(number)
        records = Record.objects.in_bulk([i for k, i in results.hits if k == SearchEntry.Kind.RECORD])
        works = queries.works_visible_to(user).prefetch_related("files").in_bulk([i for k, i in results.hits if k == SearchEntry.Kind.WORK])
        held = queries.holdings(list(records))
        for kind, pk in results.hits:
            if kind == SearchEntry.Kind.RECORD and pk in records:
                r = records[pk]
                hits.append({"url": r.get_absolute_url(), "title": search.highlighted(r.title, results.stems, r.language), "kind": r.get_kind_display(),
                             "by": search.highlighted(r.authors, results.stems, r.language), "year": r.year, "copies": held.get(pk, 0), "record": True,
                             "text": search.snippet(r.summary, results.stems, r.language) if r.summary else ""})
            elif kind == SearchEntry.Kind.WORK and pk in works:
                w = works[pk]
                meta = w.metadata.all()[0]
                body = meta.description or next((f.text for f in w.files.all() if f.text), "")
                hits.append({"url": w.get_absolute_url(), "title": search.highlighted(w.title, results.stems, meta.language), "kind": w.get_kind_display(),
                             "by": search.highlighted(meta.creators, results.stems, meta.language), "year": w.year, "record": False,
                             "access": w.get_access_display(), "text": search.snippet(body, results.stems, meta.language)})
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "library/index.html", {"form": form, "results": results, "hits": hits, "page": page, "query": query.urlencode(),
                                                  "is_librarian": user.has_role(*LIBRARIANS), "is_checker": user.has_role(*CHECKERS),
                                                  "is_registrar": user.has_role(*REGISTRARS)})


@signed_in
def record(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    item = get_object_or_404(Record.objects.prefetch_related("subjects"), pk=pk)
    copies = queries.copies_with_state(item)
    return render(request, "library/record.html", {
        "record": item, "copies": copies, "on_shelf": sum(1 for c, loan, kept in copies if not c.written_off_by_id and not loan and not kept),
        "holds": item.holds.filter(state=Hold.State.WAITING).count(), "is_librarian": user.has_role(*LIBRARIANS),
        "my_hold": item.holds.filter(reader=user, state__in=[Hold.State.WAITING, Hold.State.READY]).first()})


@role_required(*LIBRARIANS)
def record_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    item = get_object_or_404(Record, pk=pk) if pk else Record()
    form = RecordForm(request.POST or None, instance=item)
    if request.method == "POST" and form.is_valid():
        subjects = form.cleaned_data.pop("subjects")
        try:
            saved = catalogue.record_save(actor=signed_in_user(request), record=form.instance, subjects=list(subjects))
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The record is saved."))
            return redirect(saved)
    return render(request, "library/record_form.html", {"form": form, "record": item}, status=422 if form.errors else 200)


@signed_in
@require_POST
def hold_place(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Record, pk=pk)
    return act_and_return(request, lambda: circulation.hold_place(actor=signed_in_user(request), record=item),
                          _("You are in the queue: the library will tell you when a copy is kept for you."), item.get_absolute_url())


@signed_in
@require_POST
def hold_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    hold = get_object_or_404(Hold.objects.all() if user.has_role(*LIBRARIANS) else Hold.objects.filter(reader=user), pk=pk)
    return act_and_return(request, lambda: circulation.hold_cancel(actor=user, hold=hold), _("The hold is cancelled."), "library:my")


@signed_in
@require_POST
def loan_renew(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    loan = get_object_or_404(Loan.objects.all() if user.has_role(*LIBRARIANS) else Loan.objects.filter(reader=user), pk=pk)
    return act_and_return(request, lambda: circulation.loan_renew(actor=user, loan=loan), _("The loan is renewed."), "library:my")


@signed_in
def my_library(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if request.method == "POST" and "declare" in request.POST:
        honesty.declaration_accept(actor=user)
        messages.success(request, _("Thank you: your declaration of academic honesty is recorded."))
        return redirect("library:my")
    return render(request, "library/my.html", {"loans": queries.loans_of(user), "holds": queries.holds_of(user), "today": timezone.localdate(),
                                               "declared": honesty.has_declared(user), "rule": circulation.rule(user),
                                               "checks": queries.checks_of(user)[:30]})


@role_required(*LIBRARIANS)
def desk(request: HttpRequest) -> HttpResponse:
    """The circulation desk: lend, take back; what is overdue, due today, kept for holds."""
    user, today = signed_in_user(request), timezone.localdate()
    back = ReturnForm(request.POST if "back-inventory_number" in request.POST else None, prefix="back")
    issue = IssueForm(request.POST if "issue-reader" in request.POST else None, prefix="issue")
    if request.method == "POST":
        if issue.is_bound and issue.is_valid():
            try:
                loan = circulation.loan_issue(actor=user, **issue.cleaned_data)
            except DomainError as exc:
                form_errors_from(issue, exc)
            else:
                messages.success(request, _("Lent until %(date)s.") % {"date": loan.due_on})
                return redirect("library:desk")
        if back.is_bound and back.is_valid():
            try:
                circulation.loan_return(actor=user, **back.cleaned_data)
            except DomainError as exc:
                form_errors_from(back, exc)
            else:
                messages.success(request, _("The copy is back."))
                return redirect("library:desk")
    errors = issue.errors or back.errors
    return render(request, "library/desk.html", {"issue": issue, "back": back, "overdue": queries.overdue(today)[:200], "due": queries.due_on(today)[:200],
                                                 "ready": queries.holds_ready()[:200], "today": today}, status=422 if errors else 200)


@role_required(*LIBRARIANS)
def acts(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    acquisition = AcquisitionForm(request.POST if "acq-lines" in request.POST else None, prefix="acq")
    write_off = WriteOffForm(request.POST if "off-inventory_numbers" in request.POST else None, prefix="off")
    if acquisition.is_bound and acquisition.is_valid():
        data = acquisition.cleaned_data
        try:
            act = catalogue.acquisition(actor=user, number=data["number"], date=data["date"], basis=data["basis"],
                                        items=[catalogue.Acquired(r, n) for r, n in data["lines"]])
        except DomainError as exc:
            form_errors_from(acquisition, exc)
        else:
            messages.success(request, _("%(act)s: %(count)s copies are in the catalogue.") % {"act": act, "count": act.acquired.count()})
            return redirect("library:acts")
    if write_off.is_bound and write_off.is_valid():
        try:
            act = catalogue.write_off(actor=user, **write_off.cleaned_data)
        except DomainError as exc:
            form_errors_from(write_off, exc)
        else:
            messages.success(request, _("%(act)s: %(count)s copies are written off.") % {"act": act, "count": act.written_off.count()})
            return redirect("library:acts")
    listed = Act.objects.select_related("made_by")[:100]
    return render(request, "library/acts.html", {"acquisition": acquisition, "write_off": write_off, "acts": listed},
                  status=422 if acquisition.errors or write_off.errors else 200)


@role_required(*LIBRARIANS)
def marc_import(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            report = marc.marc_import(actor=signed_in_user(request), data=read_upload(form.cleaned_data["file"], "marc"))
        except DomainError as exc:
            form_errors_from(form, exc)
    return render(request, "library/import.html", {"form": form, "report": report}, status=422 if form.errors else 200)


@role_required(*LIBRARIANS)
def marc_export(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(marc.marc_export(list(Record.objects.order_by("pk"))), content_type="application/marc")
    response["Content-Disposition"] = f'attachment; filename="{dated_filename("catalogue", extension="mrc")}"'
    return response


@signed_in
def repository_list(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    works = queries.works_visible_to(user)
    kind = request.GET.get("kind", "")
    if kind:
        works = works.filter(kind=kind)
    page = Paginator(works, 30).get_page(request.GET.get("page"))
    return render(request, "library/repository.html", {"page": page, "kind": kind, "kinds": Work.Kind.choices,
                                                       "is_librarian": user.has_role(*LIBRARIANS)})


@role_required(*LIBRARIANS)
def deposit(request: HttpRequest) -> HttpResponse:
    form = DepositForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        metadata = [repository.Metadata(language=code, title=data[f"title_{code}"], creators=data[f"creators_{code}"], subjects=data[f"subjects_{code}"],
                                        description=data[f"description_{code}"]) for code, _name in LANGUAGES]
        try:
            upload = data["file"]
            files = [repository.Upload(upload.name, read_upload(upload, "repository"), data["file_language"])] if upload else []
            work = repository.work_deposit(actor=signed_in_user(request), kind=data["kind"], access=data["access"], year=data["year"],
                                           metadata=metadata, files=files, author=data["author_iin"])
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The work is in the repository."))
            return redirect(work)
    return render(request, "library/deposit.html", {"form": form}, status=422 if form.errors else 200)


@public
def work(request: HttpRequest, pk: int) -> HttpResponse:
    """A work's page: open works for anyone (harvesters link here), others by access; the
    librarian changes its access here."""
    user = request.user if request.user.is_authenticated else None
    item = get_object_or_404(queries.works_visible_to(user).prefetch_related("files"), pk=pk)
    viewer = signed_in_user(request) if user else None
    librarian = viewer is not None and viewer.has_role(*LIBRARIANS)
    form = AccessForm(request.POST or None, initial={"access": item.access})
    if request.method == "POST":
        if not librarian:
            raise Http404
        if form.is_valid():
            return act_and_return(request, lambda: repository.work_access_set(actor=signed_in_user(request), work=item, **form.cleaned_data),
                                  _("The access is changed."), item.get_absolute_url())
        messages_from_form(request, form)
    check = honesty.latest_check(f"library.work:{item.pk}")
    return render(request, "library/work.html", {"work": item, "metadata": item.metadata.all(), "files": item.files.all(), "access_form": form if librarian else None,
                                                 "check": check if check and viewer and queries.checks_visible_to(viewer).filter(pk=check.pk).exists() else None},
                  status=422 if form.errors else 200)


@public
def work_file(request: HttpRequest, pk: int) -> FileResponse:
    user = request.user if request.user.is_authenticated else None
    stored = get_object_or_404(WorkFile.objects.select_related("work"), pk=pk, work__in=queries.works_visible_to(user))
    return FileResponse(stored.file.open("rb"), as_attachment=True, filename=stored.name, content_type=stored.content_type)


@public
@csrf_exempt  # OAI-PMH harvesters may POST their (read-only) requests; nothing changes and no session is read
@require_http_methods(["GET", "POST"])
def oai_endpoint(request: HttpRequest) -> HttpResponse:
    return oai.respond(request)


@role_required(*CHECKERS)
def check_new(request: HttpRequest) -> HttpResponse:
    """Check a written work (an essay, a paper) pasted or uploaded by a teacher."""
    form = TextCheckForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = signed_in_user(request)
        try:
            text = data["text"]
            if data["file"]:
                content = read_upload(data["file"], "submission")
                text = text_of(content, written_work_type(content) or "")
            result = honesty.check(actor=user, key=f"library.text:{user.pk}:{timezone.now().timestamp():.6f}", title=data["title"], text=text,
                                   own_text=data["own_text"])
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            return redirect(result)
    essays = exams_queries.exams_visible_to(signed_in_user(request)).filter(attempts__slots__kind="essay").distinct().order_by("-pk")[:50]
    return render(request, "library/check_new.html", {"form": form, "exams": essays}, status=422 if form.errors else 200)


@role_required(*CHECKERS)
@require_POST
def exam_essays(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    number = request.POST.get("exam", "")
    exam = get_object_or_404(exams_queries.exams_visible_to(user), pk=int(number)) if number.isdigit() else None
    if exam is None:
        messages.error(request, _("Choose a test."))
        return redirect("library:check_new")
    count = honesty.exam_essays_check(actor=user, exam=exam)
    messages.success(request, _("%(count)s essays are checked: their reports are under “My library”.") % {"count": count})
    return redirect("library:check_new")


@signed_in
def check_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The similarity report: the share, and each copied passage beside its source."""
    user = signed_in_user(request)
    result = get_object_or_404(queries.checks_visible_to(user).select_related("document__author", "requested_by"), pk=pk)
    text = result.document.text
    passages: list[dict[str, object]] = []
    sources: dict[int, dict] = {}
    for m in result.matches.select_related("source"):
        passages.append({"text": text[m.start:m.end], "source": m.source, "source_text": m.source.text[m.source_start:m.source_end]})
        entry = sources.setdefault(m.source_id, {"source": m.source, "characters": 0})
        entry["characters"] += m.end - m.start
    return render(request, "library/check.html", {"check": result, "passages": passages, "sources": sorted(sources.values(), key=lambda s: -s["characters"]),
                                                  "excluded": len(result.excluded), "is_registrar": user.has_role(*REGISTRARS),
                                                  # a blind marker sees the work, not its author
                                                  "show_author": user.has_role(*REGISTRARS) or (result.document.author is not None and result.document.author.user_id == user.pk)})


@role_required(*REGISTRARS)
def violations(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = ViolationForm(request.POST if "iin" in request.POST else None)
    if form.is_bound and form.is_valid():
        number = request.POST.get("check", "")
        check = queries.checks_visible_to(user).filter(pk=int(number)).first() if number.isdigit() else None
        try:
            honesty.violation_register(actor=user, person=form.cleaned_data["iin"], description=form.cleaned_data["description"],
                                       found_on=form.cleaned_data["found_on"], check_run=check)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The violation is in the register."))
            return redirect("library:violations")
    initial_check = request.GET.get("check", "")
    found = queries.checks_visible_to(user).select_related("document__author").filter(pk=int(initial_check)).first() if initial_check.isdigit() else None
    if found and found.document.author and not form.is_bound:  # from a report: its author and its share
        form = ViolationForm(initial={"iin": found.document.author.iin or "", "description": _("Similarity check “%(title)s”: %(share)s %% of the words found elsewhere.")
                                      % {"title": found.document.title, "share": found.percent}})
    return render(request, "library/violations.html", {"form": form, "violations": queries.violations()[:200], "decision": DecisionForm(),
                                                       "check": found.pk if found else ""}, status=422 if form.errors else 200)


@role_required(*REGISTRARS)
@require_POST
def violation_decide(request: HttpRequest, pk: int) -> HttpResponse:
    violation = get_object_or_404(Violation, pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages_from_form(request, form)
        return redirect("library:violations")
    return act_and_return(request, lambda: honesty.violation_decide(actor=signed_in_user(request), violation=violation, **form.cleaned_data),
                          _("The decision is recorded."), "library:violations")


@signed_in
def reading_list(request: HttpRequest, pk: int) -> HttpResponse:
    user = signed_in_user(request)
    discipline = get_object_or_404(Discipline, pk=pk)
    form = ReadingItemForm(request.POST or None)
    may_edit = user.has_role(*READING_LIST_EDITORS)
    if request.method == "POST":
        if not may_edit:
            raise Http404
        if form.is_valid():
            try:
                catalogue.reading_item_add(actor=user, discipline=discipline, citation=form.cleaned_data["citation"], record=form.cleaned_data["isbn"],
                                           required=form.cleaned_data["required"])
            except DomainError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("The reference is on the list."))
                return redirect("library:reading", pk=pk)
    items = queries.reading_list(discipline)
    return render(request, "library/reading.html", {"discipline": discipline, "items": items, "missing": sum(1 for _i, n in items if not n),
                                                    "held": queries.held_for(discipline)[:20],
                                                    "form": form if may_edit else None}, status=422 if form.errors else 200)


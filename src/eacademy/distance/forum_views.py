"""The pages of a course's forum: its threads (of the whole course or of a topic), a thread
with its posts, replying and locking. The services decide; a refusal comes back as a message."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eacademy.core.access import role_required, signed_in_user
from eacademy.core.errors import DomainError
from eacademy.core.pages import act_and_return, form_errors_from
from eacademy.distance import queries
from eacademy.distance.forms import PostForm, ThreadForm
from eacademy.distance.models import Section, Thread
from eacademy.distance.rules import READERS
from eacademy.distance.services import forum
from eacademy.distance.views import course_of_user


@role_required(*READERS)
@require_http_methods(["GET", "POST"])
def forum_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The course's forum, or a topic's (?section=): its threads and a form to start one."""
    offering, _enrollment, teacher = course_of_user(request, pk)
    section = get_object_or_404(Section, pk=request.GET["section"], offering=offering) if request.GET.get("section", "").isdigit() else None
    form = ThreadForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            thread = forum.thread_start(actor=signed_in_user(request), offering_id=offering.pk, section=section, **form.cleaned_data)
        except DomainError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("The thread is started."))
            return redirect(thread)
    threads = queries.threads_of(offering.pk, section.pk if section else None)[:200]
    return render(request, "distance/forum.html", {"offering": offering, "section": section, "threads": threads, "form": form, "teacher": teacher})


def _thread(request: HttpRequest, pk: int) -> tuple[Thread, bool]:
    thread = get_object_or_404(Thread.objects.select_related("offering__version__programme", "section", "author"), pk=pk)
    _offering, enrollment, teacher = course_of_user(request, thread.offering_id)
    if not teacher and enrollment is None:
        raise Http404(_("No such thread of yours."))
    return thread, teacher


@role_required(*READERS)
@require_GET
def thread(request: HttpRequest, pk: int) -> HttpResponse:
    thread, teacher = _thread(request, pk)
    posts = thread.posts.select_related("author__person").order_by("created_at", "id")
    return render(request, "distance/thread.html", {"thread": thread, "posts": posts, "teacher": teacher, "form": PostForm()})


@role_required(*READERS)
@require_POST
def reply(request: HttpRequest, pk: int) -> HttpResponse:
    thread, _teacher = _thread(request, pk)
    form = PostForm(request.POST)
    body = form.cleaned_data["body"] if form.is_valid() else ""
    return act_and_return(request, lambda: forum.post_add(actor=signed_in_user(request), thread=thread, body=body), _("The reply is posted."),
                          reverse("distance:thread", args=[pk]))


@role_required(*READERS)
@require_POST
def lock(request: HttpRequest, pk: int) -> HttpResponse:
    thread, _teacher = _thread(request, pk)
    locked = request.POST.get("locked") == "1"
    return act_and_return(request, lambda: forum.thread_lock(actor=signed_in_user(request), thread=thread, locked=locked),
                          _("The thread is locked.") if locked else _("The thread is open again."), reverse("distance:thread", args=[pk]))

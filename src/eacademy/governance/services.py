"""Every change in governance: one function, one transaction, validated, recorded in history."""

import datetime
from collections.abc import Callable, Iterable, Sequence
from functools import partial

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from eacademy.core import signing
from eacademy.core.documents import pdf_bytes_bilingual
from eacademy.core.errors import DomainError, NotAllowed
from eacademy.core.history import bulk_create_recorded, delete_by, save_by
from eacademy.core.models import User
from eacademy.core.services import notification_send, require_role
from eacademy.governance import queries
from eacademy.governance.models import (
    AgendaItem,
    Appeal,
    CalendarDay,
    Council,
    Decision,
    EducationalEvent,
    Extension,
    Meeting,
    Member,
    Monitored,
    Order,
    Progress,
    Proposal,
    Visa,
)
from eacademy.governance.rules import OFFICIAL_ROLES, PROPOSERS, SECRETARIES, SIGNERS
from eacademy.org.models import AcademyUnit

# --- Councils ----------------------------------------------------------------------------------


@transaction.atomic
def member_set(*, actor: User, council: Council, user: User, role: str) -> Member:
    require_role(actor, SECRETARIES)
    if role not in Member.Role.values:
        raise DomainError({"role": [_("Unknown role.")]})
    member = Member.objects.filter(council=council, user=user).first() or Member(council=council, user=user)
    member.role = role
    return save_by(member, actor)


@transaction.atomic
def member_remove(*, actor: User, member: Member) -> None:
    require_role(actor, SECRETARIES)
    delete_by(member, actor)


@transaction.atomic
def meeting_plan(*, actor: User, council: Council, held_on: datetime.date, place: str = "") -> Meeting:
    """A meeting numbered on from the council's last one that year (its minutes' number)."""
    require_role(actor, SECRETARIES)
    Council.objects.select_for_update().get(pk=council.pk)
    last = Meeting.objects.filter(council=council, held_on__year=held_on.year).aggregate(last=Max("number"))["last"] or 0
    return save_by(Meeting(council=council, number=last + 1, held_on=held_on, place=place.strip()), actor)


@transaction.atomic
def agenda_add(*, actor: User, meeting: Meeting, subject: str, title: str, speaker: str = "", materials: str = "") -> AgendaItem:
    require_role(actor, SECRETARIES)
    if subject not in AgendaItem.Subject.values:
        raise DomainError({"subject": [_("Unknown kind of question.")]})
    if not title.strip():
        raise DomainError({"title": [_("Name the question.")]})
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    position = (meeting.items.aggregate(last=Max("position"))["last"] or 0) + 1
    return save_by(AgendaItem(meeting=meeting, position=position, subject=subject, title=title.strip(), speaker=speaker.strip(),
                              materials=materials.strip()), actor)


@transaction.atomic
def attendance_record(*, actor: User, meeting: Meeting, present: Iterable[User]) -> Meeting:
    """Who of the council's members came; the meeting is then held, and whether it has its
    quorum is fixed against the council's membership of that day."""
    require_role(actor, SECRETARIES)
    meeting = Meeting.objects.select_for_update().select_related("council").get(pk=meeting.pk)
    if meeting.items.filter(decision__isnull=False).exists():
        raise DomainError(_("Decisions are taken: the attendance can no longer change."))
    members = set(meeting.council.members.values_list("user_id", flat=True))
    chosen = list(present)
    if any(user.pk not in members for user in chosen):
        raise DomainError({"present": [_("Only members of the council are counted as present.")]})
    meeting.members_count, meeting.status = len(members), Meeting.Status.HELD
    save_by(meeting, actor)
    meeting.present.set(chosen)
    return meeting


@transaction.atomic
def decision_record(*, actor: User, item: AgendaItem, text: str, votes_for: int, votes_against: int = 0, abstained: int = 0) -> Decision:
    """A meeting decides only with its quorum; a decision is adopted by a majority of the members
    present (votes counted by the secretary)."""
    require_role(actor, SECRETARIES)
    item = AgendaItem.objects.select_related("meeting__council").get(pk=item.pk)
    meeting = item.meeting
    if meeting.status != Meeting.Status.HELD:
        raise DomainError(_("Take the attendance of the meeting first."))
    present = meeting.present.count()
    if not queries.has_quorum(meeting, present):
        raise DomainError(_("The meeting has no quorum (%(present)s of %(members)s members present, %(quorum)s %% needed): it cannot decide.")
                          % {"present": present, "members": meeting.members_count, "quorum": meeting.council.quorum_percent})
    if Decision.objects.filter(item=item).exists():
        raise DomainError(_("This question is already decided."))
    if not text.strip():
        raise DomainError({"text": [_("Write the decision.")]})
    if min(votes_for, votes_against, abstained) < 0 or votes_for + votes_against + abstained > present:
        raise DomainError({"votes_for": [_("The votes cannot outnumber the %(present)s members present.") % {"present": present}]})
    adopted = 2 * votes_for > present
    return save_by(Decision(item=item, text=text.strip(), votes_for=votes_for, votes_against=votes_against, abstained=abstained,
                            adopted=adopted, recorded_by=actor), actor)


def decision_require(decision: Decision | None, *, council: str, subject: str) -> Decision:
    """The check another app makes before acting on a council's decision: one adopted by the
    council that the rules name, on a question of that kind."""
    if decision is None:
        raise DomainError({"decision": [_("Name the decision of the %(council)s.") % {"council": Council.Kind(council).label}]})
    decision = Decision.objects.select_related("item__meeting__council").get(pk=decision.pk)
    if decision.item.meeting.council.kind != council:
        raise DomainError({"decision": [_("This is approved by the %(council)s.") % {"council": Council.Kind(council).label}]})
    if decision.item.subject != subject:
        raise DomainError({"decision": [_("The decision is on another kind of question.")]})
    if not decision.adopted:
        raise DomainError({"decision": [_("The decision was not adopted.")]})
    return decision


# --- Orders ------------------------------------------------------------------------------------

LINE_KINDS = (Order.Kind.MOVEMENT, Order.Kind.ADMISSION)  # their lines are kept by enrollment and postgrad


def _readers(official_use: bool, readers: Iterable[str]) -> list[str]:
    chosen = sorted(set(readers))
    if not set(chosen) <= set(OFFICIAL_ROLES):
        raise DomainError({"readers": [_("Choose the readers among the Academy's staff roles.")]})
    if official_use and not chosen:
        raise DomainError({"readers": [_("Say which roles may read an order for official use.")]})
    return chosen if official_use else []


@transaction.atomic
def order_open(*, actor: User, kind: str) -> Order:
    """A new draft order whose lines another app keeps (movement: enrollment's; admission: postgrad's)."""
    require_role(actor, SECRETARIES)
    if kind not in LINE_KINDS:
        raise DomainError(_("Unknown kind of order."))
    return save_by(Order(year=timezone.localdate().year, drafted_by=actor, kind=kind), actor)


@transaction.atomic
def order_draft(
    *, actor: User, kind: str, title_kk: str, title_ru: str, text_kk: str, text_ru: str, decision: Decision | None = None,
    official_use: bool = False, readers: Iterable[str] = (), concerned: Iterable[User] = (), order: Order | None = None,
) -> Order:
    """Draft (or change the draft of) an order with its text in Kazakh and Russian."""
    require_role(actor, SECRETARIES)
    errors: dict[str, list[str]] = {}
    if kind not in Order.Kind.values or kind in LINE_KINDS:
        errors["kind"] = [_("Orders on the movement of listeners and on admission are drafted by the movements themselves.")]
    if not title_ru.strip() or not title_kk.strip():
        errors["title_ru"] = [_("Give the title in Kazakh and in Russian.")]
    if not text_ru.strip() or not text_kk.strip():
        errors["text_ru"] = [_("Give the text in Kazakh and in Russian.")]
    if decision is not None and not decision.adopted:
        errors["decision"] = [_("The decision was not adopted.")]
    if errors:
        raise DomainError(errors)
    chosen_readers = _readers(official_use, readers)
    if order is None:
        order = Order(year=timezone.localdate().year, drafted_by=actor)
    else:
        order = Order.objects.select_for_update().get(pk=order.pk)
        if order.status != Order.Status.DRAFT:
            raise DomainError(_("A signed order cannot change."))
        for visa in order.visas.exclude(status=Visa.Status.PENDING):  # the text changed: agreed anew
            visa.status, visa.comment, visa.decided_at = Visa.Status.PENDING, "", None
            save_by(visa, actor, reason="text changed")
    order.kind, order.title_kk, order.title_ru, order.text_kk, order.text_ru = kind, title_kk.strip(), title_ru.strip(), text_kk.strip(), text_ru.strip()
    order.decision, order.official_use, order.readers = decision, official_use, chosen_readers
    save_by(order, actor)
    order.concerned.set(list(concerned))
    return order


@transaction.atomic
def visa_route_set(*, actor: User, order: Order, route: Sequence[tuple[User, AcademyUnit | None]]) -> list[Visa]:
    """The visas an order needs, in their order; a changed route is agreed anew."""
    require_role(actor, SECRETARIES)
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status != Order.Status.DRAFT:
        raise DomainError(_("A signed order cannot change."))
    users = [user for user, _unit in route]
    if len({u.pk for u in users}) != len(users):
        raise DomainError({"route": [_("Each person gives one visa.")]})
    if any(not user.is_active or user.pk == order.drafted_by_id for user in users):
        raise DomainError({"route": [_("A visa is given by another active member of the staff, not by the author of the draft.")]})
    order.visas.all().delete()
    visas = [save_by(Visa(order=order, position=i, visor=user, unit=unit), actor) for i, (user, unit) in enumerate(route, start=1)]
    for visa in visas:
        notification_send(user=visa.visor, message=partial(_visa_asked, order.title), url=f"/governance/orders/{order.pk}/")
    return visas


def _visa_asked(title: str) -> str:
    return _("Your visa is asked on the draft order “%(title)s”.") % {"title": title}


@transaction.atomic
def visa_decide(*, actor: User, visa: Visa, agree: bool, comment: str = "") -> Visa:
    visa = Visa.objects.select_for_update().select_related("order").get(pk=visa.pk)
    if visa.visor_id != actor.pk:
        raise NotAllowed(_("This visa is asked of someone else."))
    if visa.order.status != Order.Status.DRAFT:
        raise DomainError(_("The order is already signed."))
    if not agree and not comment.strip():
        raise DomainError({"comment": [_("Say what you object to.")]})
    visa.status = Visa.Status.AGREED if agree else Visa.Status.OBJECTED
    visa.comment, visa.decided_at = comment.strip()[:500], timezone.now()
    return save_by(visa, actor)


def order_print(order: Order) -> bytes:
    """The order as printed and signed: in Kazakh, then in Russian, with its visas."""
    return pdf_bytes_bilingual("governance/order.pdf.html", {"order": order, "visas": order.visas.select_related("visor", "unit"), "official_use": order.official_use})


@transaction.atomic
def order_sign(*, actor: User, order: Order, named: int | None = None, render: Callable[[Order], bytes] | None = None) -> Order:
    """Sign and number a draft: numbered per kind and year, printed, signed with the signer's
    key (PAdES) and published to those it concerns. An order whose lines another app keeps is
    signed through that app, which passes how many it names (`named`) and its printing."""
    require_role(actor, SIGNERS)
    key = signing.key_of(actor)
    order = Order.objects.select_for_update().get(pk=order.pk)
    if order.status != Order.Status.DRAFT:
        raise DomainError(_("The order is already signed."))
    if order.kind in LINE_KINDS:
        if named is None:
            raise DomainError(_("This order is signed on the page that keeps its lines."))
        if not named:
            raise DomainError(_("An order without lines cannot be signed."))
    elif not order.visas.exists():
        raise DomainError(_("The order has no visas yet: set its approval route."))
    if order.visas.exclude(status=Visa.Status.AGREED).exists():
        raise DomainError(_("The order cannot be signed before every visa on its route is given."))
    last = Order.objects.select_for_update().filter(kind=order.kind, year=order.year).aggregate(last=Max("number"))["last"] or 0
    order.number, order.status, order.signed_by, order.signed_at = last + 1, Order.Status.SIGNED, actor, timezone.now()
    order.signed_pdf = signing.sign_pdf((render or order_print)(order), key=key, reason=str(order))
    save_by(order, actor, update_fields=["number", "status", "signed_by", "signed_at", "signed_pdf"])
    for user in order.concerned.all():
        notification_send(user=user, message=partial(_published, str(order), order.title), url=f"/governance/orders/{order.pk}/")
    return order


def _published(number: str, title: str) -> str:
    return _("Order %(number)s “%(title)s” is signed: read it.") % {"number": number, "title": title}


# --- Working days and appeals ------------------------------------------------------------------

APPEAL_TERM_WORKING_DAYS = 15  # Administrative Procedural Code, art. 76 (1)
EXTENSION_LIMIT_DAYS = 61  # art. 76 (2): "for a reasonable term, but not more than two months"


@transaction.atomic
def calendar_fill(*, actor: User | None, year: int) -> int:
    """The Republic's public holidays of a year, and the days off they move when they fall on a
    weekend, from the `holidays` package; days entered by hand (a decree's moves) are kept."""
    import holidays

    if not 2000 <= year <= 2100:
        raise DomainError(_("Give a year between 2000 and 2100."))
    if actor is not None:
        require_role(actor, SECRETARIES)
    named = holidays.country_holidays("KZ", years=year, language="kk", observed=False)
    with_moves = holidays.country_holidays("KZ", years=year, language="kk")
    have = set(CalendarDay.objects.filter(date__year=year).values_list("date", flat=True))
    days = [
        CalendarDay(date=day, name=name[:200], kind=CalendarDay.Kind.HOLIDAY if day in named else CalendarDay.Kind.DAY_OFF)
        for day, name in sorted(with_moves.items()) if day not in have
    ]
    bulk_create_recorded(days, CalendarDay, actor, reason="holidays package")
    return len(days)


@transaction.atomic
def appeal_register(
    *, actor: User, received_on: datetime.date, channel: str, applicant_kind: str, applicant: str, contact: str, subject: str,
    unit: AcademyUnit | None, assignee: User | None = None,
) -> Appeal:
    """Register an appeal: its number of the year and its deadline, 15 working days after the day
    it came in by the calendar of working days."""
    require_role(actor, SECRETARIES)
    errors: dict[str, list[str]] = {}
    today = timezone.localdate()
    if received_on > today or received_on.year < today.year - 1:
        errors["received_on"] = [_("Give the date the appeal came in: not in the future, this year or the last.")]
    if channel not in Appeal.Channel.values:
        errors["channel"] = [_("Choose how the appeal came in.")]
    if applicant_kind not in Appeal.Applicant.values:
        errors["applicant_kind"] = [_("Choose who appeals.")]
    if not applicant.strip():
        errors["applicant"] = [_("Name the applicant.")]
    if not subject.strip():
        errors["subject"] = [_("Say what the appeal is about.")]
    if unit is None:
        errors["unit"] = [_("Choose the unit that answers.")]
    if errors:
        raise DomainError(errors)
    year = received_on.year
    last = Appeal.objects.select_for_update().filter(year=year).aggregate(last=Max("number"))["last"] or 0
    appeal = save_by(Appeal(
        year=year, number=last + 1, received_on=received_on, channel=channel, applicant_kind=applicant_kind, applicant=applicant.strip(),
        contact=contact.strip(), subject=subject.strip(), unit=unit, assignee=assignee, registered_by=actor,
        deadline=queries.working_day_after(received_on, APPEAL_TERM_WORKING_DAYS),
    ), actor)
    if assignee is not None:
        notification_send(user=assignee, message=partial(_assigned, str(appeal), appeal.deadline), url=appeal.get_absolute_url())
    return appeal


def _assigned(number: str, deadline: datetime.date) -> str:
    return _("Appeal %(number)s is yours to answer by %(date)s.") % {"number": number, "date": deadline.strftime("%d.%m.%Y")}


@transaction.atomic
def appeal_extend(*, actor: User, appeal: Appeal, deadline: datetime.date, reason: str) -> Appeal:
    """Move the deadline by the Rector's or a vice-rector's reasoned decision, within two months
    of the day the appeal came in."""
    require_role(actor, SIGNERS)
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if appeal.status != Appeal.Status.OPEN:
        raise DomainError(_("The appeal is already answered."))
    if not reason.strip():
        raise DomainError({"reason": [_("Give the reason for the extension.")]})
    if deadline <= appeal.deadline:
        raise DomainError({"deadline": [_("The new deadline comes after the present one.")]})
    if deadline > appeal.received_on + datetime.timedelta(days=EXTENSION_LIMIT_DAYS):
        raise DomainError({"deadline": [_("An appeal is considered within two months at most.")]})
    Extension.objects.create(appeal=appeal, previous=appeal.deadline, deadline=deadline, reason=reason.strip()[:500], decided_by=actor)
    appeal.deadline = deadline
    return save_by(appeal, actor, reason="extended", update_fields=["deadline"])


@transaction.atomic
def appeal_answer(*, actor: User, appeal: Appeal, answer: str, document: bytes | None = None, filename: str = "",
                  answered_on: datetime.date | None = None) -> Appeal:
    appeal = Appeal.objects.select_for_update().get(pk=appeal.pk)
    if not (actor.has_role(*SECRETARIES) or appeal.assignee_id == actor.pk):
        raise NotAllowed(_("Your role does not allow this."))
    if appeal.status != Appeal.Status.OPEN:
        raise DomainError(_("The appeal is already answered."))
    if not answer.strip():
        raise DomainError({"answer": [_("Write the answer.")]})
    appeal.status, appeal.answer, appeal.answered_on = Appeal.Status.ANSWERED, answer.strip(), answered_on or timezone.localdate()
    if appeal.answered_on < appeal.received_on or appeal.answered_on > timezone.localdate():
        raise DomainError({"answered_on": [_("The answer is dated between the day the appeal came in and today.")]})
    appeal.answer_file, appeal.answer_name = document, filename[:200]
    return save_by(appeal, actor)


REMIND_WORKING_DAYS = 3


def appeals_remind(*, today: datetime.date | None = None) -> int:
    """Remind each executor once of an appeal whose deadline is three working days away or
    nearer (the daily round)."""
    today = today or timezone.localdate()
    horizon = queries.working_day_after(today, REMIND_WORKING_DAYS)
    due = list(Appeal.objects.filter(status=Appeal.Status.OPEN, deadline__lte=horizon, assignee__isnull=False, reminded_on__isnull=True)
               .select_related("assignee"))
    for appeal in due:
        with transaction.atomic():
            notification_send(user=appeal.assignee, message=partial(_remind, str(appeal), appeal.deadline), url=appeal.get_absolute_url())
    Appeal.objects.filter(pk__in=[a.pk for a in due]).update(reminded_on=today)
    return len(due)


def _remind(number: str, deadline: datetime.date) -> str:
    return _("The answer to appeal %(number)s is due by %(date)s.") % {"number": number, "date": deadline.strftime("%d.%m.%Y")}


# --- Quality and strategy ----------------------------------------------------------------------


def _progress(status: str, evidence: str) -> dict[str, list[str]]:
    if status not in Progress.values:
        return {"status": [_("Unknown status.")]}
    if status == Progress.DONE and not evidence.strip():
        return {"evidence": [_("Give the evidence that it is done.")]}
    return {}


@transaction.atomic
def progress_record(*, actor: User, item: Monitored, status: str, evidence: str) -> Monitored:
    """How far a measure of the action plan or an accreditation recommendation has come."""
    require_role(actor, SECRETARIES)
    if errors := _progress(status, evidence):
        raise DomainError(errors)
    item.status, item.evidence = status, evidence.strip()
    return save_by(item, actor)


@transaction.atomic
def proposal_submit(*, actor: User, kind: str, title: str, text: str, unit: AcademyUnit | None = None) -> Proposal:
    require_role(actor, PROPOSERS)
    errors: dict[str, list[str]] = {}
    if kind not in Proposal.Kind.values:
        errors["kind"] = [_("Choose a proposal or a best practice.")]
    if not title.strip():
        errors["title"] = [_("Give it a title.")]
    if len(text.strip()) < 20:
        errors["text"] = [_("Describe it in a few sentences.")]
    if errors:
        raise DomainError(errors)
    return save_by(Proposal(kind=kind, title=title.strip(), text=text.strip(), author=actor, unit=unit, submitted_on=timezone.localdate()), actor)


@transaction.atomic
def proposal_decide(*, actor: User, proposal: Proposal, status: str, outcome: str) -> Proposal:
    require_role(actor, SECRETARIES)
    if status not in Proposal.Status.values or status == Proposal.Status.SUBMITTED:
        raise DomainError({"status": [_("Choose the decision.")]})
    if not outcome.strip():
        raise DomainError({"outcome": [_("Say what was decided and why.")]})
    proposal.status, proposal.outcome = status, outcome.strip()
    save_by(proposal, actor)
    notification_send(user=proposal.author, message=partial(_decided, proposal.title, Proposal.Status(status).label), url="/governance/proposals/")
    return proposal


def _decided(title: str, status: object) -> str:
    return _("Your proposal “%(title)s”: %(status)s.") % {"title": title, "status": status}


@transaction.atomic
def educational_event_report(*, actor: User, event: EducationalEvent, status: str, report: str, participants: Iterable[User]) -> EducationalEvent:
    require_role(actor, SECRETARIES)
    if errors := _progress(status, report):
        raise DomainError({("report" if k == "evidence" else k): v for k, v in errors.items()})
    event.status, event.report = status, report.strip()
    save_by(event, actor)
    event.participants.set(list(participants))
    return event


@transaction.atomic
def educational_event_plan(*, actor: User, title: str, direction: str, held_on: datetime.date, unit: AcademyUnit) -> EducationalEvent:
    require_role(actor, SECRETARIES)
    if direction not in EducationalEvent.Direction.values:
        raise DomainError({"direction": [_("Choose the direction of the work.")]})
    if not title.strip():
        raise DomainError({"title": [_("Name the event.")]})
    return save_by(EducationalEvent(title=title.strip(), direction=direction, held_on=held_on, unit=unit), actor)

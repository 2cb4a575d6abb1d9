"""Staff records: a profile's degree, title, experience and, for an invited lecturer, where he
serves and what he lectures on; professional development; the Regional Hub's national trainers."""

import datetime

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eacademy.core.errors import DomainError
from eacademy.core.history import save_by
from eacademy.core.models import User
from eacademy.core.services import require_role
from eacademy.org.models import ClassRank
from eacademy.people.models import Person, StaffMember
from eacademy.staff.models import Development, HubArea, HubTrainer
from eacademy.staff.queries import may_keep
from eacademy.staff.rules import KEEPERS

MAX_PRACTICE_YEARS = 70
MAX_DEVELOPMENT_HOURS = 2000  # a year's retraining at most


def _require_keeper(actor: User, member: StaffMember) -> None:
    if not may_keep(actor, member):
        raise DomainError(_("Your role does not allow this."))


@transaction.atomic
def profile_update(*, actor: User, member: StaffMember, academic_degree: str, academic_title: str, rank: ClassRank | None, practice_years: int,
                   is_invited: bool, organisation: str, topics: str) -> StaffMember:
    _require_keeper(actor, member)
    errors: dict[str, list[str]] = {}
    if academic_degree not in StaffMember.Degree.values:
        errors["academic_degree"] = [_("Choose a degree from the list.")]
    if academic_title not in StaffMember.Title.values:
        errors["academic_title"] = [_("Choose a title from the list.")]
    if not 0 <= practice_years <= MAX_PRACTICE_YEARS:
        errors["practice_years"] = [_("Years of practice are between 0 and %(max)s.") % {"max": MAX_PRACTICE_YEARS}]
    if is_invited and not organisation.strip():
        errors["organisation"] = [_("Name the organisation an invited lecturer serves in.")]
    if is_invited and not topics.strip():
        errors["topics"] = [_("List the topics an invited lecturer lectures on.")]
    if errors:
        raise DomainError(errors)
    member.academic_degree, member.academic_title, member.practice_years = academic_degree, academic_title, practice_years
    member.is_invited, member.organisation, member.topics = is_invited, organisation.strip(), topics.strip()
    save_by(member, actor)
    if member.person.rank_id != (rank.pk if rank else None):
        member.person.rank = rank
        save_by(member.person, actor, update_fields=["rank"])
    return member


@transaction.atomic
def development_add(*, actor: User, member: StaffMember, kind: str, title: str, organisation: str, starts_on: datetime.date,
                    ends_on: datetime.date, hours: int, document: str = "") -> Development:
    _require_keeper(actor, member)
    errors: dict[str, list[str]] = {}
    if kind not in Development.Kind.values:
        errors["kind"] = [_("Choose the kind of development.")]
    if not title.strip():
        errors["title"] = [_("Name the course or programme.")]
    if not organisation.strip():
        errors["organisation"] = [_("Name the organisation that trained.")]
    if ends_on < starts_on:
        errors["ends_on"] = [_("It ends on or after the day it starts.")]
    elif ends_on > timezone.localdate():
        errors["ends_on"] = [_("Record development once it is over.")]
    if not 1 <= hours <= MAX_DEVELOPMENT_HOURS:
        errors["hours"] = [_("Hours are between 1 and %(max)s.") % {"max": MAX_DEVELOPMENT_HOURS}]
    if errors:
        raise DomainError(errors)
    development = Development(member=member, kind=kind, title=title.strip(), organisation=organisation.strip(), starts_on=starts_on,
                              ends_on=ends_on, hours=hours, document=document.strip())
    save_by(development, actor)
    return development


def hub_trainer_add(*, actor: User, person: Person, area: str, qualified_on: datetime.date, document: str = "") -> HubTrainer:
    require_role(actor, KEEPERS)
    errors: dict[str, list[str]] = {}
    if area not in HubArea.values:
        errors["area"] = [_("Choose one of the Hub's areas.")]
    if qualified_on > timezone.localdate():
        errors["qualified_on"] = [_("A trainer is added once qualified.")]
    if errors:
        raise DomainError(errors)
    try:
        with transaction.atomic():
            trainer = HubTrainer(person=person, area=area, qualified_on=qualified_on, document=document.strip())
            save_by(trainer, actor)
    except IntegrityError:
        raise DomainError({"area": [_("%(name)s is a trainer in this area already.") % {"name": person.full_name}]}) from None
    return trainer

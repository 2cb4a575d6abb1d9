"""Every change to people: one function, one transaction, validated."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eacademy.core import names
from eacademy.core.errors import DomainError
from eacademy.core.iin import parse_iin
from eacademy.org.models import Agency, AgencyUnit, ClassRank, Position
from eacademy.people.models import Person


@dataclass(frozen=True, kw_only=True)
class PersonData:
    """What a form or the API submits about a person."""

    last_name: str
    first_name: str
    middle_name: str = ""
    last_name_latin: str = ""
    first_name_latin: str = ""
    citizenship: str = "KZ"
    iin: str = ""
    passport_number: str = ""
    sex: str = ""
    birth_date: datetime.date | None = None
    email: str = ""
    phone: str = ""
    head_name: str = ""
    head_email: str = ""
    agency: Agency | None = None
    unit: AgencyUnit | None = None
    position: Position | None = None
    rank: ClassRank | None = None


def _cleaned(data: PersonData) -> dict[str, object]:
    """Check every rule and collect every error, so the form shows them all at once."""
    errors: dict[str, list[str]] = {}
    fields: dict[str, object] = {
        "last_name": names.normalise(data.last_name),
        "first_name": names.normalise(data.first_name),
        "middle_name": names.normalise(data.middle_name),
        "last_name_latin": names.normalise(data.last_name_latin),
        "first_name_latin": names.normalise(data.first_name_latin),
        "citizenship": data.citizenship.strip().upper(),
        "passport_number": data.passport_number.strip().upper(),
        "email": data.email.strip(),
        "phone": data.phone.strip(),
        "head_name": names.normalise(data.head_name),
        "head_email": data.head_email.strip(),
        "agency": data.agency,
        "unit": data.unit,
        "position": data.position,
        "rank": data.rank,
    }
    citizen = fields["citizenship"] == "KZ"
    for field in ("last_name", "first_name", "middle_name"):
        value = str(fields[field])
        if not value:
            if field != "middle_name":
                errors.setdefault(field, []).append(_("This field is required."))
        elif citizen and not names.is_cyrillic_name(value):
            errors.setdefault(field, []).append(str(names.CYRILLIC_MESSAGE))
        elif not citizen and not names.is_any_name(value):
            errors.setdefault(field, []).append(str(names.ANY_NAME_MESSAGE))
    for field in ("last_name_latin", "first_name_latin"):
        value = str(fields[field])
        if value and not names.is_latin_name(value):
            errors.setdefault(field, []).append(str(names.LATIN_MESSAGE))
    if len(str(fields["citizenship"])) != 2 or not str(fields["citizenship"]).isalpha():
        errors.setdefault("citizenship", []).append(_("Give the country as a two-letter ISO code, e.g. KZ."))

    sex, birth_date = data.sex, data.birth_date
    iin = data.iin.strip()
    if citizen:
        if not iin:
            errors.setdefault("iin", []).append(_("A citizen of Kazakhstan is identified by the IIN."))
        else:
            try:
                facts = parse_iin(iin)
            except ValidationError as exc:
                errors.setdefault("iin", []).extend(exc.messages)
            else:
                if birth_date and birth_date != facts.birth_date:
                    errors.setdefault("birth_date", []).append(
                        _("The birth date differs from the one in the IIN (%(date)s).")
                        % {"date": facts.birth_date.strftime("%d.%m.%Y")}
                    )
                if sex and sex != facts.sex:
                    errors.setdefault("sex", []).append(_("The sex differs from the one encoded in the IIN."))
                sex, birth_date = facts.sex, facts.birth_date
        if fields["passport_number"]:
            fields["passport_number"] = ""  # a citizen's passport number is not needed: the IIN identifies
    else:
        if iin:
            errors.setdefault("iin", []).append(_("A foreign participant has no IIN: give the passport number."))
        if not fields["passport_number"]:
            errors.setdefault("passport_number", []).append(_("A foreign participant is identified by passport number."))
        if not sex:
            errors.setdefault("sex", []).append(_("This field is required."))
        if not birth_date:
            errors.setdefault("birth_date", []).append(_("This field is required."))
    if birth_date and not datetime.date(1900, 1, 1) <= birth_date <= timezone.localdate():
        errors.setdefault("birth_date", []).append(_("The birth date is not plausible."))
    unit = data.unit
    if unit is not None and data.agency is not None and unit.agency_id != data.agency.pk:
        errors.setdefault("unit", []).append(_("This unit belongs to another agency."))
    if unit is not None and data.agency is None:
        fields["agency"] = unit.agency
    if errors:
        raise DomainError(errors)
    fields.update(iin=iin or None, sex=sex, birth_date=birth_date)
    fields["search_key"] = names.search_key(str(fields["last_name"]), str(fields["first_name"]), str(fields["middle_name"]))
    return fields


def _save(person: Person, fields: dict[str, object]) -> Person:
    for name, value in fields.items():
        setattr(person, name, value)
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        if person.iin and Person.objects.filter(iin=person.iin).exclude(pk=person.pk).exists():
            raise DomainError({"iin": [_("A person with this IIN is already registered.")]}) from None
        raise DomainError({"passport_number": [_("A person with this passport is already registered.")]}) from None
    return person


@transaction.atomic
def person_create(*, data: PersonData) -> Person:
    return _save(Person(), _cleaned(data))


@transaction.atomic
def person_update(*, person: Person, data: PersonData) -> Person:
    return _save(person, _cleaned(data))

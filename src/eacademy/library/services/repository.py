"""The repository: works deposited with their Dublin Core metadata per language and their files
(each read for its text, which search and the similarity check use)."""

from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from eacademy.core.errors import DomainError
from eacademy.core.file_types import DOCX, ODT, PDF, written_work_type
from eacademy.core.history import save_by
from eacademy.core.models import User
from eacademy.core.services import require_role
from eacademy.core.uploads import check_size
from eacademy.library import search
from eacademy.library.models import Metadata as MetadataRow
from eacademy.library.models import SearchEntry, Work, WorkFile
from eacademy.library.rules import LIBRARIANS
from eacademy.library.services import honesty
from eacademy.library.texts import text_of
from eacademy.people.models import Person

DEPOSITABLE = frozenset({PDF, DOCX, ODT})
CHECKED_KINDS = frozenset({Work.Kind.DISSERTATION, Work.Kind.MASTERS_PROJECT})


@dataclass(frozen=True)
class Metadata:
    language: str
    title: str
    creators: str
    subjects: str = ""
    description: str = ""
    publisher: str = ""


@dataclass(frozen=True)
class Upload:
    name: str
    data: bytes
    language: str


def _read(upload: Upload) -> tuple[str, str]:
    check_size(len(upload.data), "repository")
    media_type = written_work_type(upload.data)
    if media_type not in DEPOSITABLE:
        raise DomainError({"file": [_("“%(name)s” is not a PDF, DOCX or ODT document.") % {"name": upload.name}]})
    return media_type, text_of(upload.data, media_type)


def work_index(work: Work) -> None:
    metadata = list(work.metadata.all())
    texts = [(f.text, f.language) for f in work.files.all()]
    search.entry_save(search.entry(SearchEntry.Kind.WORK, work.pk, titles=[(m.title, m.language) for m in metadata],
                                   bodies=[(f"{m.creators} {m.subjects} {m.description} {m.publisher}", m.language) for m in metadata] + texts,
                                   language=metadata[0].language, year=work.year, access=work.access))


@transaction.atomic
def work_deposit(*, actor: User, kind: str, access: str, year: int, metadata: list[Metadata], files: list[Upload],
                 author: Person | None = None) -> Work:
    """Deposit a work; every file is read first, so a damaged one refuses the whole deposit.
    A dissertation or a master's project is checked for similarity as it comes in."""
    require_role(actor, LIBRARIANS)
    metadata = [m for m in metadata if m.title.strip()]
    if not metadata:
        raise DomainError({"title": [_("Give the work's title and authors in at least one language.")]})
    if len({m.language for m in metadata}) < len(metadata):
        raise DomainError({"language": [_("One set of metadata per language.")]})
    if any(not m.creators.strip() for m in metadata):
        raise DomainError({"creators": [_("Name the work's authors.")]})
    read = [(upload, *_read(upload)) for upload in files]
    work = save_by(Work(kind=kind, access=access, year=year, deposited_by=actor), actor)
    MetadataRow.objects.bulk_create([MetadataRow(work=work, language=m.language, title=m.title.strip(), creators=m.creators.strip(), subjects=m.subjects.strip(),
                                                 description=m.description.strip(), publisher=m.publisher.strip()) for m in metadata])
    for upload, media_type, text in read:
        stored = WorkFile(work=work, language=upload.language, name=upload.name[:200], content_type=media_type, size=len(upload.data), text=text)
        stored.file.save(upload.name, ContentFile(upload.data), save=False)
        stored.save()
    work_index(work)
    full_text = "\n".join(text for _u, _m, text in read)
    if full_text.strip():
        key = f"library.work:{work.pk}"
        if kind in CHECKED_KINDS:
            honesty.check(actor=actor, key=key, title=metadata[0].title, text=full_text, author=author)
        else:
            honesty.document_put(key=key, title=metadata[0].title, text=full_text, author=author)
    return work


@transaction.atomic
def work_access_set(*, actor: User, work: Work, access: str, reason: str) -> Work:
    require_role(actor, LIBRARIANS)
    if access not in Work.Access.values:
        raise DomainError({"access": [_("Choose an access level.")]})
    work.access = access
    save_by(work, actor, reason=reason, update_fields=["access", "modified_at"])
    SearchEntry.objects.filter(kind=SearchEntry.Kind.WORK, object_id=work.pk).update(access=access)
    return work

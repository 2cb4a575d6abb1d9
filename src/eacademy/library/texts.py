"""The text of a deposited file (PDF, DOCX, ODT), for search and the similarity check."""

import io
import zipfile

import pypdf
from django.utils.translation import gettext as _
from lxml import etree

from eacademy.core.errors import DomainError
from eacademy.core.file_types import DOCX, ODT, PDF

_OFFICE_BODY = {DOCX: ("word/document.xml", "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}p"),
                ODT: ("content.xml", "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}p")}
_XML = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
MAX_XML = 50 * 1024 * 1024


def text_of(data: bytes, media_type: str) -> str:
    """The file's text, paragraphs on lines; a file that cannot be read is refused."""
    if media_type == PDF:
        try:
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            return "\n".join(page.extract_text() or "" for page in reader.pages)
        except Exception as exc:  # pypdf raises many kinds on a damaged file
            raise DomainError({"file": [_("The PDF could not be read (%(reason)s): save it again from its editor.") % {"reason": type(exc).__name__}]}) from exc
    if media_type in _OFFICE_BODY:
        member, paragraph = _OFFICE_BODY[media_type]
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if archive.getinfo(member).file_size > MAX_XML:
                    raise DomainError({"file": [_("The document's text is too large to read.")]})
                root = etree.fromstring(archive.read(member), _XML)
        except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError) as exc:
            raise DomainError({"file": [_("The document could not be read: save it again from its editor.")]}) from exc
        return "\n".join("".join(p.itertext()) for p in root.iter(paragraph))
    return ""

"""What a file is, decided by its content (puremagic's signatures), never by its name: a file
named x.png that holds HTML is HTML. Only passive types are let in; HTML, SVG (which runs
scripts) and anything unknown are refused."""

import io
import zipfile

import puremagic

IMAGES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
SOUNDS = frozenset({"audio/mpeg", "audio/ogg", "audio/wav", "audio/wave", "audio/x-wav"})
PDF = "application/pdf"
QUESTION_MEDIA = IMAGES | SOUNDS | {PDF}  # what a question may embed
DOCUMENTS = frozenset({PDF, "image/png", "image/jpeg"})  # scans and certificates attached to records
VIDEOS = frozenset({"video/mp4", "video/webm"})
MATERIALS = IMAGES | SOUNDS | VIDEOS | {PDF}  # what a course's space offers for download or in the page
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
WRITTEN_WORK = frozenset({PDF, DOCX, ODT, "image/png", "image/jpeg"})  # what a listener hands in


def content_type(data: bytes) -> str | None:
    """The media type the content shows, or None when nothing known matches. The most
    confident signature with a media type wins (an ID3 tag is first read as a rarer format)."""
    try:
        candidates = puremagic.magic_string(data)
    except (puremagic.PureError, ValueError):
        return None
    return next((c.mime_type for c in candidates if c.mime_type), None)


def shown_inline(media_type: str) -> bool:
    """Images and sounds are shown in the page; a PDF (which may carry scripts) is downloaded."""
    return media_type in IMAGES | SOUNDS


def office_type(data: bytes) -> str | None:
    """A Word or OpenDocument text, told by the members of its zip (every zip looks alike to
    the signatures): DOCX has word/document.xml, ODT names itself in its first member. Only the
    zip's directory and that one small member are read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        if "word/document.xml" in names and "[Content_Types].xml" in names:
            return DOCX
        if "mimetype" in names and archive.getinfo("mimetype").file_size < 100 and archive.read("mimetype") == ODT.encode():
            return ODT
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError, EOFError, ValueError, KeyError):
        pass
    return None


def written_work_type(data: bytes) -> str | None:
    """The media type of a listener's work when it is one handed in (PDF, DOCX, ODT, a photo)."""
    found = office_type(data) if data[:4] == b"PK\x03\x04" else content_type(data)
    return found if found in WRITTEN_WORK else None

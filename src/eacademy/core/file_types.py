"""What a file is, decided by its content (puremagic's signatures), never by its name: a file
named x.png that holds HTML is HTML. Only passive types are let in; HTML, SVG (which runs
scripts) and anything unknown are refused."""

import puremagic

IMAGES = frozenset({"image/png", "image/jpeg", "image/gif", "image/webp"})
SOUNDS = frozenset({"audio/mpeg", "audio/ogg", "audio/wav", "audio/wave", "audio/x-wav"})
PDF = "application/pdf"
QUESTION_MEDIA = IMAGES | SOUNDS | {PDF}  # what a question may embed
DOCUMENTS = frozenset({PDF, "image/png", "image/jpeg"})  # scans and certificates attached to records
VIDEOS = frozenset({"video/mp4", "video/webm"})
MATERIALS = IMAGES | SOUNDS | VIDEOS | {PDF}  # what a course's space offers for download or in the page


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

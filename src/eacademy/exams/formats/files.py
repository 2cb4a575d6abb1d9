"""Which reader or writer a file needs."""

from django.utils.translation import gettext as _

from eacademy.exams.formats import CategoryInfo, FormatError, QuestionData, ReadResult, Unsupported, gift, moodle_xml, xlsx

FORMATS = ("moodle-xml", "gift", "xlsx")


def guess(filename: str) -> str:
    name = filename.lower()
    if name.endswith(".xml"):
        return "moodle-xml"
    if name.endswith((".xlsx", ".xls", ".ods")):
        return "xlsx"
    return "gift"


def read(data: bytes, file_format: str) -> ReadResult:
    readers = {"moodle-xml": moodle_xml.read, "gift": gift.read, "xlsx": xlsx.read}
    if file_format not in readers:
        raise FormatError(_("format"), _("choose one of %(formats)s.") % {"formats": ", ".join(FORMATS)})
    return readers[file_format](data)


def write(questions: list[QuestionData], file_format: str, categories: dict[str, CategoryInfo]) -> tuple[bytes, list[Unsupported]]:
    if file_format == "moodle-xml":
        return moodle_xml.write(questions, categories), []
    if file_format == "gift":
        text, lost = gift.write(questions)
        return text.encode(), lost
    if file_format == "xlsx":
        return xlsx.write(questions)
    raise FormatError(_("format"), _("choose one of %(formats)s.") % {"formats": ", ".join(FORMATS)})

"""Question files in and out: Moodle XML, GIFT and the Excel template, all through one neutral
form (`QuestionData`). A reader refuses a malformed file whole, naming the line or element at
fault; a question of a kind we do not hold is reported by name and position, never dropped
in silence."""

import re
from dataclasses import dataclass, field
from enum import StrEnum

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eacademy.core.errors import DomainError


class Kind(StrEnum):
    SINGLE = "single"
    MULTIPLE = "multiple"
    TRUE_FALSE = "truefalse"
    MATCHING = "matching"
    SHORT = "short"
    NUMERICAL = "numerical"
    ESSAY = "essay"
    DESCRIPTION = "description"
    CLOZE = "cloze"  # embedded answers: a text with numbered gaps, each a small question of its own


KIND_LABELS = {
    Kind.SINGLE: gettext_lazy("Single choice"), Kind.MULTIPLE: gettext_lazy("Multiple choice"), Kind.TRUE_FALSE: gettext_lazy("True or false"),
    Kind.MATCHING: gettext_lazy("Matching"), Kind.SHORT: gettext_lazy("Short answer"), Kind.NUMERICAL: gettext_lazy("Numerical"),
    Kind.ESSAY: gettext_lazy("Essay"), Kind.DESCRIPTION: gettext_lazy("Description"), Kind.CLOZE: gettext_lazy("Embedded answers (cloze)"),
}
GAP_KINDS = (Kind.SINGLE, Kind.MULTIPLE, Kind.SHORT, Kind.NUMERICAL)


class TextFormat(StrEnum):
    HTML = "html"
    PLAIN = "plain"
    MARKDOWN = "markdown"
    MOODLE = "moodle"  # Moodle's "auto-format": plain text with line breaks kept


@dataclass
class Answer:
    """A choice (single/multiple/true-false), an accepted short answer (`*` matches anything)
    or a numerical value with its tolerance; `fraction` of the mark, from -1 to 1."""

    text: str
    fraction: float
    feedback: str = ""
    format: TextFormat = TextFormat.HTML
    tolerance: float = 0.0


@dataclass
class Pair:
    prompt: str  # empty: a distractor on the answer side only
    answer: str
    format: TextFormat = TextFormat.HTML


@dataclass
class Criterion:
    """One line of an essay's marking rubric."""

    text: str
    points: float


class Display(StrEnum):
    """How the choices of a gap are shown, as Moodle's embedded answers offer."""

    DROPDOWN = "dropdown"
    VERTICAL = "vertical"
    HORIZONTAL = "horizontal"


@dataclass
class Gap:
    """One gap of an embedded-answers question: a single or multiple choice, a short answer or a
    number, graded like a question of its kind; `mark` is its weight within the question."""

    kind: Kind
    answers: list[Answer] = field(default_factory=list)
    mark: float = 1.0
    display: Display = Display.DROPDOWN
    shuffle: bool = False
    case_sensitive: bool = False


GAP_MARKER = re.compile(r"\{#(\d+)\}")  # where gap n stands in the text, as Moodle stores it


def gap_marker(number: int) -> str:
    return f"{{#{number}}}"


@dataclass
class QuestionData:
    kind: Kind
    name: str
    text: str
    text_format: TextFormat = TextFormat.HTML
    category: str = ""  # "Parent/Child", without Moodle's "$course$/top/"
    general_feedback: str = ""
    default_mark: float = 1.0
    penalty: float = 0.0
    answers: list[Answer] = field(default_factory=list)
    pairs: list[Pair] = field(default_factory=list)
    shuffle: bool = True
    case_sensitive: bool = False
    feedback_correct: str = ""
    feedback_partial: str = ""
    feedback_incorrect: str = ""
    rubric: list[Criterion] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)
    grader_info: str = ""
    difficulty: int | None = None  # 1 (easy) … 5 (hard)
    tags: list[str] = field(default_factory=list)
    idnumber: str = ""
    files: dict[str, bytes] = field(default_factory=dict)  # "@@PLUGINFILE@@/name" in texts
    position: str = ""  # where it was read: "line 12"


@dataclass
class Unsupported:
    position: str
    name: str
    reason: str


@dataclass
class CategoryInfo:
    path: str
    info: str = ""
    idnumber: str = ""


@dataclass
class ReadResult:
    questions: list[QuestionData] = field(default_factory=list)
    unsupported: list[Unsupported] = field(default_factory=list)
    categories: list[CategoryInfo] = field(default_factory=list)


class FormatError(DomainError):
    """The file is malformed; `position` names the line or element at fault."""

    def __init__(self, position: str, message: str) -> None:
        super().__init__(_("%(position)s: %(message)s") % {"position": position, "message": message})
        self.position = position


DIFFICULTY_TAG = "difficulty-"


def split_difficulty(tags: list[str]) -> tuple[int | None, list[str]]:
    """Formats without a difficulty field carry it as the tag `difficulty-N`."""
    difficulty = None
    rest = []
    for tag in tags:
        suffix = tag.removeprefix(DIFFICULTY_TAG)
        if tag.startswith(DIFFICULTY_TAG) and suffix in {"1", "2", "3", "4", "5"}:
            difficulty = int(suffix)
        else:
            rest.append(tag)
    return difficulty, rest


def with_difficulty(question: QuestionData) -> list[str]:
    return [*question.tags, f"{DIFFICULTY_TAG}{question.difficulty}"] if question.difficulty else list(question.tags)


def category_path(moodle_path: str) -> str:
    """'$course$/top/A/B' → 'A/B'. Moodle writes a '/' inside a name as '//'."""
    parts = [p.replace("\x00", "/") for p in moodle_path.strip().replace("//", "\x00").split("/")]
    if parts and parts[0].startswith("$") and parts[0].endswith("$"):
        parts = parts[1:]
    if parts and parts[0] == "top":
        parts = parts[1:]
    return "/".join(p.strip().replace("/", "//") for p in parts if p.strip())


def moodle_category(path: str) -> str:
    return "$course$/top" + (f"/{path}" if path else "")

"""The ITC-2007 curriculum-based course timetabling format (track 3): instances (`.ctt`),
solutions (`course room day period` per line) and the validator with the UD2 weights.

Hard constraints, counted as the competition's validator counts them:
- Lectures: a course with fewer or more lectures placed than it has (one per lecture short or
  over), and two lectures of a course in one period;
- Conflicts: two lectures of one curriculum or of one teacher in one period (one per pair);
- Availability: a lecture in a period the course is unavailable;
- RoomOccupation: two lectures in one room and period (one per lecture beyond the first).

Soft (UD2): room capacity 1 per student over the room's seats, per lecture; minimum working days
5 per day short, per course; curriculum compactness 2 per lecture of a curriculum with no lecture
of the same curriculum in the period before or after it on that day; room stability 1 per room
beyond the first, per course.

Pure Python, no Django: `eacademy timetable ctt` runs it without a database."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

WEIGHTS = {"RoomCapacity": 1, "MinWorkingDays": 5, "CurriculumCompactness": 2, "RoomStability": 1}


class FormatError(ValueError):
    """A file that is not in the format, with the line at fault."""


@dataclass(frozen=True)
class Course:
    id: str
    teacher: str
    lectures: int
    min_days: int
    students: int


@dataclass
class Instance:
    name: str
    days: int
    periods_per_day: int
    courses: dict[str, Course]
    rooms: dict[str, int]  # id → capacity
    curricula: dict[str, list[str]]
    unavailable: set[tuple[str, int]] = field(default_factory=set)  # (course, period index)

    @property
    def periods(self) -> int:
        return self.days * self.periods_per_day

    def curricula_of(self) -> dict[str, list[str]]:
        of: dict[str, list[str]] = defaultdict(list)
        for curriculum, courses in self.curricula.items():
            for course in courses:
                of[course].append(curriculum)
        return of


Assignment = tuple[str, str, int, int]  # course, room, day, period


def read_instance(text: str) -> Instance:
    lines = [(number, line.strip()) for number, line in enumerate(text.splitlines(), start=1)]
    lines = [(n, line) for n, line in lines if line]
    header: dict[str, str] = {}
    position = 0
    while position < len(lines) and ":" in lines[position][1] and not lines[position][1].endswith(":"):
        key, _, value = lines[position][1].partition(":")
        header[key.strip()] = value.strip()
        position += 1
    try:
        name = header["Name"]
        counts = {key: int(header[key]) for key in ("Courses", "Rooms", "Days", "Periods_per_day", "Curricula", "Constraints")}
    except (KeyError, ValueError) as exc:
        raise FormatError(f"line {lines[position][0] if position < len(lines) else 1}: the header needs Name, Courses, Rooms, Days, "
                          f"Periods_per_day, Curricula and Constraints ({exc})") from None
    sections: dict[str, list[tuple[int, list[str]]]] = {}
    current = ""
    for number, line in lines[position:]:
        if line == "END.":
            break
        if line.endswith(":") and " " not in line:
            current = line[:-1]
            sections[current] = []
        elif not current:
            raise FormatError(f"line {number}: expected a section such as COURSES:")
        else:
            sections[current].append((number, line.split()))
    instance = Instance(name=name, days=counts["Days"], periods_per_day=counts["Periods_per_day"], courses={}, rooms={}, curricula={})

    def need(section: str, expected: int) -> list[tuple[int, list[str]]]:
        rows = sections.get(section, [])
        if len(rows) != expected:
            raise FormatError(f"section {section}: {len(rows)} lines, the header says {expected}")
        return rows

    for number, parts in need("COURSES", counts["Courses"]):
        if len(parts) != 5 or not all(p.isdigit() for p in parts[2:]):
            raise FormatError(f"line {number}: a course is `id teacher lectures min_working_days students`")
        instance.courses[parts[0]] = Course(parts[0], parts[1], int(parts[2]), int(parts[3]), int(parts[4]))
    for number, parts in need("ROOMS", counts["Rooms"]):
        if len(parts) != 2 or not parts[1].isdigit():
            raise FormatError(f"line {number}: a room is `id capacity`")
        instance.rooms[parts[0]] = int(parts[1])
    for number, parts in need("CURRICULA", counts["Curricula"]):
        if len(parts) < 2 or not parts[1].isdigit() or int(parts[1]) != len(parts) - 2:
            raise FormatError(f"line {number}: a curriculum is `id n course…` with n courses")
        unknown = [c for c in parts[2:] if c not in instance.courses]
        if unknown:
            raise FormatError(f"line {number}: unknown course {unknown[0]}")
        instance.curricula[parts[0]] = parts[2:]
    for number, parts in need("UNAVAILABILITY_CONSTRAINTS", counts["Constraints"]):
        if len(parts) != 3 or parts[0] not in instance.courses or not parts[1].isdigit() or not parts[2].isdigit():
            raise FormatError(f"line {number}: an unavailability is `course day period` of a known course")
        day, period = int(parts[1]), int(parts[2])
        if day >= instance.days or period >= instance.periods_per_day:
            raise FormatError(f"line {number}: day or period out of range")
        instance.unavailable.add((parts[0], day * instance.periods_per_day + period))
    return instance


def read_solution(text: str, instance: Instance) -> list[Assignment]:
    assignments = []
    for number, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts:
            continue
        if len(parts) != 4 or not parts[2].isdigit() or not parts[3].isdigit():
            raise FormatError(f"line {number}: a lecture is `course room day period`")
        course, room, day, period = parts[0], parts[1], int(parts[2]), int(parts[3])
        if course not in instance.courses or room not in instance.rooms:
            raise FormatError(f"line {number}: unknown course or room")
        if day >= instance.days or period >= instance.periods_per_day:
            raise FormatError(f"line {number}: day or period out of range")
        assignments.append((course, room, day, period))
    return assignments


def write_solution(assignments: list[Assignment]) -> str:
    return "".join(f"{course} {room} {day} {period}\n" for course, room, day, period in sorted(assignments))


@dataclass
class Report:
    hard: dict[str, int]
    soft: dict[str, int]  # weighted

    @property
    def feasible(self) -> bool:
        return not any(self.hard.values())

    @property
    def penalty(self) -> int:
        return sum(self.soft.values())

    def text(self) -> str:
        lines = [f"Violations of {name} (hard): {count}" for name, count in self.hard.items()]
        lines += [f"Cost of {name} (soft): {cost}" for name, cost in self.soft.items()]
        lines.append(f"Total hard violations: {sum(self.hard.values())}")
        lines.append(f"Total soft cost: {self.penalty}")
        return "\n".join(lines)


def validate(instance: Instance, assignments: list[Assignment]) -> Report:
    ppd = instance.periods_per_day
    placed: dict[str, list[tuple[str, int]]] = defaultdict(list)  # course → (room, period)
    for course, room, day, period in assignments:
        placed[course].append((room, day * ppd + period))
    hard = dict.fromkeys(("Lectures", "Conflicts", "Availability", "RoomOccupation"), 0)
    for info in instance.courses.values():
        periods = [p for _r, p in placed.get(info.id, [])]
        hard["Lectures"] += abs(info.lectures - len(periods)) + sum(n - 1 for n in Counter(periods).values() if n > 1)
    occupied = Counter((room, p) for lectures in placed.values() for room, p in lectures)
    hard["RoomOccupation"] = sum(n - 1 for n in occupied.values() if n > 1)
    hard["Availability"] = sum(1 for course, lectures in placed.items() for _r, p in lectures if (course, p) in instance.unavailable)
    by_period: dict[int, list[str]] = defaultdict(list)
    for course, lectures in placed.items():
        for _room, p in lectures:
            by_period[p].append(course)
    curricula_of = instance.curricula_of()
    for courses in by_period.values():
        for a, b in combinations(courses, 2):
            if a == b:
                continue
            if instance.courses[a].teacher == instance.courses[b].teacher or set(curricula_of[a]) & set(curricula_of[b]):
                hard["Conflicts"] += 1
    soft = dict.fromkeys(WEIGHTS, 0)
    for course, lectures in placed.items():
        students = instance.courses[course].students
        soft["RoomCapacity"] += sum(max(0, students - instance.rooms[room]) for room, _p in lectures)
        days = len({p // ppd for _r, p in lectures})
        soft["MinWorkingDays"] += max(0, instance.courses[course].min_days - days)
        soft["RoomStability"] += max(0, len({room for room, _p in lectures}) - 1)
    for courses in instance.curricula.values():
        busy = Counter(p for course in courses for _r, p in placed.get(course, []))
        for p, n in busy.items():
            before = p % ppd > 0 and busy.get(p - 1, 0) > 0
            after = p % ppd < ppd - 1 and busy.get(p + 1, 0) > 0
            if not before and not after:
                soft["CurriculumCompactness"] += n
    return Report(hard, {name: cost * WEIGHTS[name] for name, cost in soft.items()})


def load(path: Path) -> Instance:
    return read_instance(path.read_text(encoding="utf-8"))

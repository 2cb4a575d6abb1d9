"""Reads of the assessment centre shared by pages, API and reports: what each user may see,
the consolidated ratings, discrepancies, profiles, reliability and calibration."""

import math
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
from django.db.models import Count, Q, QuerySet

from eacademy.assessment import reliability
from eacademy.assessment.models import Anchor, Assignment, Candidate, Consensus, Indicator, Rating, RequiredLevel, Reveal, Session
from eacademy.assessment.rules import ORGANISERS
from eacademy.catalog.models import Competency
from eacademy.core.models import User
from eacademy.core.roles import Role

Item = tuple[int, int, int]  # candidate, exercise, indicator


def sessions_visible_to(user: User) -> QuerySet[Session]:
    """Organisers and leadership see every session; an expert the sessions he rates in; others none."""
    if user.has_role(*ORGANISERS, Role.LEADERSHIP):
        return Session.objects.all()
    if user.has_role(Role.EXPERT):
        return Session.objects.filter(experts__person__user=user).distinct()
    return Session.objects.none()


def assignments_of_expert(user: User) -> QuerySet[Assignment]:
    """An expert's assignments; what he may read of a candidate is the code (never load more)."""
    return (Assignment.objects.filter(expert__person__user=user, expert__dropped_out=False)
            .select_related("session", "exercise", "candidate").only("pk", "submitted_at", "candidate__code", "session__title", "session__date",
                                                       "session__status", "exercise__name_kk", "exercise__name_ru", "exercise__name_en",
                                                       "exercise__minutes", "exercise__kind")
            .order_by("session__date", "candidate__code", "exercise__name_ru"))


def names_visible(user: User, session: Session) -> bool:
    """Names show only once the session is finalised and this user has revealed them (an audited act)."""
    return session.status == Session.Status.FINALISED and Reveal.objects.filter(session=session, user=user).exists()


def item_ratings(session: Session) -> dict[Item, list[tuple[int, int]]]:
    """(candidate, exercise, indicator) → [(expert, level)] of the experts still counted."""
    items: dict[Item, list[tuple[int, int]]] = defaultdict(list)
    rows = Rating.objects.filter(assignment__session=session).values_list(
        "assignment__candidate_id", "assignment__exercise_id", "indicator_id", "assignment__expert_id", "level")
    for candidate, exercise, indicator, expert, level in rows:
        items[candidate, exercise, indicator].append((expert, level))
    return items


def discrepancies(session: Session) -> dict[Item, list[tuple[int, int]]]:
    """Items whose ratings are more than one level apart and not yet settled by consensus."""
    settled = set(Consensus.objects.filter(candidate__session=session).values_list("candidate_id", "exercise_id", "indicator_id"))
    return {item: rated for item, rated in item_ratings(session).items()
            if item not in settled and max(level for _e, level in rated) - min(level for _e, level in rated) > 1}


def effective_levels(session: Session) -> dict[Item, float]:
    """The level an item counts with: the consensus where there is one, else the experts' mean."""
    consensus = {(c, e, i): level for c, e, i, level in Consensus.objects.filter(candidate__session=session)
                 .values_list("candidate_id", "exercise_id", "indicator_id", "level")}
    return {item: float(consensus.get(item, np.mean([level for _e, level in rated]))) for item, rated in item_ratings(session).items()}


@dataclass
class CompetencyResult:
    competency: Competency
    level: float | None  # mean over its indicators and exercises
    required: int | None
    weakest: list[tuple[Indicator, float, str]] = field(default_factory=list)  # indicator, level, the next level's anchor

    @property
    def meets(self) -> bool:
        return self.level is not None and (self.required is None or self.level >= self.required - 0.25)


@dataclass
class Profile:
    candidate: Candidate
    competencies: list[CompetencyResult]
    overall: float | None

    @property
    def strengths(self) -> list[CompetencyResult]:
        return [c for c in self.competencies if c.level is not None and c.meets]

    @property
    def to_develop(self) -> list[CompetencyResult]:
        return [c for c in self.competencies if c.level is not None and not c.meets]


def profiles(session: Session, candidate: Candidate | None = None) -> list[Profile]:
    """Each candidate's level per competency (a gap of a quarter level below the requirement is
    tolerated as measurement error), with the weakest indicators and what their next level looks like;
    only `candidate`'s when given."""
    levels = effective_levels(session)
    indicators = {i.pk: i for i in Indicator.objects.filter(exercises__sessions=session).select_related("competency").distinct()}
    competencies = list(Competency.objects.filter(pk__in={i.competency_id for i in indicators.values()}))
    required = dict(RequiredLevel.objects.filter(position_id=session.position_id).values_list("competency_id", "level"))
    anchors = {(a.indicator_id, a.level): a.name for a in Anchor.objects.filter(indicator__in=indicators)}
    by_candidate: dict[int, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for (candidate_id, _exercise, indicator_id), value in levels.items():
        by_candidate[candidate_id][indicator_id].append(value)
    result = []
    for one in [candidate] if candidate else session.candidates.select_related("person"):
        rows = []
        for competency in competencies:
            per_indicator = {pk: float(np.mean(v)) for pk, v in by_candidate[one.pk].items() if indicators[pk].competency_id == competency.pk}
            mean = float(np.mean(list(per_indicator.values()))) if per_indicator else None
            weakest = sorted(per_indicator.items(), key=lambda kv: kv[1])[:2]
            rows.append(CompetencyResult(competency, mean, required.get(competency.pk),
                                         [(indicators[pk], value, anchors.get((pk, min(4, math.floor(value) + 1)), "")) for pk, value in weakest]))
        known = [row.level for row in rows if row.level is not None]
        result.append(Profile(one, rows, float(np.mean(known)) if known else None))
    return result


@dataclass
class ReliabilityRow:
    exercise: str
    competency: str
    icc: dict[str, reliability.ICC]
    alpha: float
    candidates: int

    @property
    def icc_band(self) -> str:
        return reliability.icc_band(self.icc["ICC(1,1)"].value)

    @property
    def alpha_band(self) -> str:
        return reliability.alpha_band(self.alpha)


def reliability_table(session: Session) -> list[ReliabilityRow]:
    """Per exercise and competency: each expert's score of a candidate is his mean over the
    competency's indicators. ICC on candidates × their k raters (ICC(1,1) is the form that fits
    when the raters differ from candidate to candidate: named first); alpha on experts × candidates."""
    indicators = dict(Indicator.objects.filter(exercises__sessions=session).values_list("pk", "competency_id").distinct())
    names = {c.pk: c.name for c in Competency.objects.filter(pk__in=set(indicators.values()))}
    exercise_names = {e.pk: e.name for e in session.exercises.all()}
    scores: dict[tuple[int, int], dict[int, dict[int, list[int]]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for (candidate, exercise, indicator), rated in item_ratings(session).items():
        for expert, level in rated:
            scores[exercise, indicators[indicator]][candidate][expert].append(level)
    rows = []
    for (exercise, competency), by_candidate in sorted(scores.items(), key=lambda kv: (exercise_names.get(kv[0][0], ""), names.get(kv[0][1], ""))):
        experts = sorted({x for by_expert in by_candidate.values() for x in by_expert})
        k = max(len(by_expert) for by_expert in by_candidate.values())
        slots = np.full((len(by_candidate), k), np.nan)
        sparse = np.full((len(experts), len(by_candidate)), np.nan)
        for row, by_expert in enumerate(by_candidate.values()):
            for slot, (expert, levels) in enumerate(sorted(by_expert.items())):
                slots[row, slot] = sparse[experts.index(expert), row] = float(np.mean(levels))
        rows.append(ReliabilityRow(exercise_names.get(exercise, ""), names.get(competency, ""), reliability.icc(slots),
                                   reliability.alpha_ordinal(sparse), len(by_candidate)))
    return rows


def calibration(session: Session) -> list[tuple[str, reliability.Leniency]]:
    """Each expert's leniency over every item he shares with another expert, with his name (experts are not anonymous)."""
    names = {e.pk: e.person.full_name for e in session.experts.select_related("person")}
    ratings = [(str(expert), f"{c}-{e}-{i}", float(level)) for (c, e, i), rated in item_ratings(session).items() for expert, level in rated]
    return [(names[int(row.expert)], row) for row in reliability.calibration(ratings)]


def progress(session: Session) -> dict[str, int]:
    counts = session.assignments.aggregate(total=Count("pk", filter=Q(expert__dropped_out=False)),
                                           submitted=Count("pk", filter=Q(submitted_at__isnull=False, expert__dropped_out=False)))
    return {"total": counts["total"], "submitted": counts["submitted"]}


@dataclass
class GroupRow:
    competency: Competency
    mean: float | None
    sd: float | None
    meeting: int  # candidates meeting the requirement
    assessed: int


def group_statistics(found: list[Profile]) -> list[GroupRow]:
    """Per competency: the candidates' mean level, its spread, and how many meet the requirement."""
    rows = []
    for index, first in enumerate(found[0].competencies if found else []):
        levels = [p.competencies[index].level for p in found if p.competencies[index].level is not None]
        values = np.array(levels, dtype=float)
        rows.append(GroupRow(first.competency, float(values.mean()) if values.size else None, float(values.std(ddof=1)) if values.size > 1 else None,
                             sum(p.competencies[index].meets for p in found if p.competencies[index].level is not None), int(values.size)))
    return rows

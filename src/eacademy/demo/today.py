"""The demo's work waiting today for the roles no other part of the demo gives any: a new draft
of a programme for the head of department to approve, and a follow-up for the direct head to
answer (sent to his e-mail, so he finds it on his home page when signed in)."""

from eacademy.catalog import services as catalog_services
from eacademy.catalog.models import Programme
from eacademy.core.models import User
from eacademy.enrollment.models import Enrollment
from eacademy.evaluation import services as evaluation_services

DIRECT_HEAD_EMAIL = "directhead@prokuratura.demo.kz"


def load_demo_today(*, users: dict[str, User]) -> dict[str, int]:
    programme = Programme.objects.get(code="adv-business-rights")
    draft = catalog_services.version_start_draft(actor=users["methodologist"], programme=programme)
    module = draft.modules.order_by("position").first()
    assert module is not None
    catalog_services.discipline_add(actor=users["methodologist"], module=module, hours={"lectures": 4, "seminars": 4},
                                    names=("Кәсіпкерлердің құқықтарын цифрлық қорғау", "Цифровая защита прав предпринимателей",
                                           "Digital protection of entrepreneurs' rights"))
    head = users["directhead"]
    head.email = DIRECT_HEAD_EMAIL
    head.save(update_fields=["email"])
    completed = (Enrollment.objects.filter(status=Enrollment.Status.COMPLETED, person__agency__code="prosecutor", follow_up__isnull=True)
                 .exclude(offering__enrollments__person__user=users["listener"])  # his own course: its follow-ups are left to ask for
                 .order_by("-offering__ends_on", "pk")[:2])
    for enrollment in completed:
        evaluation_services.follow_up_send(actor=users["coordinator"], enrollment=enrollment, head_name=head.get_full_name() or head.username,
                                           head_email=DIRECT_HEAD_EMAIL)
    return {"drafts_to_approve": 1, "follow_ups_waiting": len(completed)}

"""Every URL as every role: the answer each must get. A new URL fails here until its row is added."""

import datetime
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import HttpResponse
from django.test import Client, override_settings
from django.urls import path
from django.utils import timezone

from eacademy.analytics.views import DASHBOARD_READERS
from eacademy.assessment.models import Assignment as AssessmentAssignment
from eacademy.assessment.models import Session as AssessmentSession
from eacademy.assessment.views import ORGANISERS as ASSESSMENT_ORGANISERS
from eacademy.assessment.views import READERS as ASSESSMENT_READERS
from eacademy.billing.models import Act, Invoice
from eacademy.billing.rules import BILLERS
from eacademy.billing.rules import CONTRACT_READERS as BILLING_READERS
from eacademy.campus.models import LeaveRequest, Stay
from eacademy.campus.services import DECIDERS as CAMPUS_DECIDERS
from eacademy.campus.services import HOUSING as CAMPUS_HOUSING
from eacademy.campus.services import RECORDERS as CAMPUS_RECORDERS
from eacademy.campus.views import REGISTER as CAMPUS_REGISTER
from eacademy.campus.views import STAFF as CAMPUS_STAFF
from eacademy.catalog.models import Discipline, ProgrammeVersion
from eacademy.core import services, two_factor
from eacademy.core.roles import Role
from eacademy.demo.loader import DEMO_LOGINS
from eacademy.distance import services as distance_services
from eacademy.distance.rules import COMPLETION_SETTERS as DISTANCE_COMPLETION_SETTERS
from eacademy.distance.rules import READERS as DISTANCE_READERS
from eacademy.distance.rules import TEACHERS as DISTANCE_TEACHERS
from eacademy.distance.services import assignments as distance_assignments
from eacademy.distance.services import forum as distance_forum
from eacademy.distance.services import packages as distance_packages
from eacademy.enrollment import services as enrollment_services
from eacademy.enrollment.models import Enrollment
from eacademy.evaluation.models import FollowUp, Survey
from eacademy.events.models import Event, Expert, Registration
from eacademy.events.rules import ORGANISERS as EVENT_ORGANISERS
from eacademy.events.rules import READERS as EVENT_READERS
from eacademy.governance import services as governance_services
from eacademy.governance.models import Appeal, Decision, EducationalEvent, Measure, Meeting, Order, Proposal
from eacademy.governance.rules import PROPOSERS as GOV_PROPOSERS
from eacademy.governance.rules import READERS as GOV_READERS
from eacademy.governance.rules import SECRETARIES as GOV_SECRETARIES

GOV_OFFICIAL_READERS = (Role.LEADERSHIP, Role.METHODOLOGIST, Role.HEAD_OF_DEPARTMENT)  # the demo's penalty order: its list and its visa
from eacademy.exams import attempts as exam_attempts
from eacademy.exams import bank as exam_bank
from eacademy.exams.models import Bank, Exam, QuestionFile, Slot
from eacademy.internships.models import Placement
from eacademy.journal import services as journal_services
from eacademy.journal.models import Certificate, CertificateBatch
from eacademy.library.models import Check, Hold, Loan, Record, Violation, Work
from eacademy.library.rules import CHECKERS as LIBRARY_CHECKERS
from eacademy.library.rules import LIBRARIANS
from eacademy.library.rules import REGISTRARS as LIBRARY_REGISTRARS
from eacademy.org.models import Agency
from eacademy.people.models import Person
from eacademy.planning.models import Offering, TrainingNeed
from eacademy.postgrad.models import AdmissionRound
from eacademy.postgrad.models import Student as PostgradStudent
from eacademy.postgrad.models import Teaching as PostgradTeaching
from eacademy.postgrad.rules import MARKERS as POSTGRAD_MARKERS
from eacademy.postgrad.rules import READERS as POSTGRAD_READERS
from eacademy.postgrad.rules import REGISTRARS as POSTGRAD_REGISTRARS
from eacademy.staff.views import HUB_READERS as STAFF_HUB_READERS
from eacademy.staff.views import READERS as STAFF_READERS
from eacademy.timetable.models import Lesson, Teaching, TimetableRun
from eacademy.timetable.views import READERS as TIMETABLE_READERS
from tests.access_matrix import ANONYMOUS, WHO, Expect, allowed, everyone, signed_in, undecorated_views, walk
from tests.distance.scorm_package import scorm_12

R = Role
QUESTIONS = Path(__file__).resolve().parents[1] / "exams" / "data" / "questions" / "valid"
PEOPLE_READERS = (R.ADMINISTRATOR, R.METHODOLOGIST, R.LEADERSHIP, R.AGENCY_COORDINATOR, R.HEAD_OF_DEPARTMENT)
PEOPLE_EDITORS = (R.ADMINISTRATOR, R.METHODOLOGIST, R.AGENCY_COORDINATOR)
AGENCY_READERS = (*PEOPLE_READERS, R.LECTURER)
PROGRAMME_EDITORS = (R.ADMINISTRATOR, R.METHODOLOGIST, R.HEAD_OF_DEPARTMENT)
PLAN_READERS = (R.ADMINISTRATOR, R.METHODOLOGIST, R.LEADERSHIP, R.HEAD_OF_DEPARTMENT)
NEED_READERS = (*PLAN_READERS, R.AGENCY_COORDINATOR)
NOMINATORS = (R.ADMINISTRATOR, R.METHODOLOGIST, R.AGENCY_COORDINATOR)
ORDER_READERS = (R.ADMINISTRATOR, R.METHODOLOGIST, R.LEADERSHIP)
AUTHORS = (R.ADMINISTRATOR, R.METHODOLOGIST, R.HEAD_OF_DEPARTMENT, R.LECTURER)
OWNER_ONLY = allowed(R.LISTENER, denied=404)
JOURNAL_READERS = (R.ADMINISTRATOR, R.METHODOLOGIST, R.HEAD_OF_DEPARTMENT, R.LECTURER, R.LEADERSHIP)
REGISTRARS = (R.ADMINISTRATOR, R.METHODOLOGIST)  # a listener's attempt: nobody else even learns it exists

EXPECTATIONS = {
    "home": Expect(signed_in()),
    "health": Expect(everyone(200)),
    "login": Expect(allowed(*R.values, ok=302, anonymous=200)),  # signed-in users go home
    "logout": Expect(everyone(405)),  # POST only
    "set_language": Expect(everyone(405)),  # POST only
    "password_change": Expect(signed_in()),
    "password_reset": Expect(everyone(200)),
    "password_reset_done": Expect(everyone(200)),
    "password_reset_confirm": Expect(everyone(200), url=lambda s: "/accounts/password/reset/MQ/set-password/"),  # an invalid link: said so
    "password_reset_complete": Expect(everyone(200)),
    "account": Expect(signed_in()),
    "notifications": Expect(signed_in()),
    "api_token_create": Expect(signed_in(ok=405)),
    "api_token_revoke": Expect(signed_in(ok=405), url=lambda s: f"/accounts/tokens/{s['token'].pk}/revoke/"),
    "two_factor": Expect(signed_in(ok=302)),  # no device yet: sent to set-up
    "two_factor_setup": Expect(signed_in()),
    "people:person_list": Expect(allowed(*PEOPLE_READERS)),
    "people:person_create": Expect(allowed(*PEOPLE_EDITORS)),
    # The listener (a prosecutor): the coordinator of his agency sees him, the head of
    # department does not (not his department's staff): 404, not 403, so nothing leaks.
    "people:person_detail": Expect(
        allowed(*PEOPLE_READERS, head_of_department=404), url=lambda s: s["listener_person"].get_absolute_url()
    ),
    "people:person_update": Expect(
        allowed(*PEOPLE_EDITORS), url=lambda s: f"{s['listener_person'].get_absolute_url()}edit/"
    ),
    "people:person_history": Expect(allowed(R.ADMINISTRATOR), url=lambda s: f"{s['listener_person'].get_absolute_url()}history/"),
    "org:agency_list": Expect(allowed(*AGENCY_READERS)),
    # Another agency than the coordinator's: hidden from him.
    "org:agency_detail": Expect(
        allowed(*AGENCY_READERS, agency_coordinator=404), url=lambda s: s["other_agency"].get_absolute_url()
    ),
    "org:academy_structure": Expect(signed_in()),
    "api:openapi-json": Expect(everyone(200)),
    "api:expert_assignments": Expect(allowed(R.EXPERT, anonymous=401)),
    "api:assignment_rate": Expect(everyone(405), url=lambda s: f"/api/v1/assessment/assignments/{s['assignment'].pk}/ratings/"),
    "api:openapi-view": Expect(everyone(200)),
    "api:list_agencies": Expect(signed_in(anonymous=401)),
    "api:get_agency": Expect(
        signed_in(anonymous=401) | {R.AGENCY_COORDINATOR: 404, R.LISTENER: 404, R.DIRECT_HEAD: 404, R.EXPERT: 404, R.DORMITORY_OFFICER: 404, R.ACCOUNTANT: 404, R.LIBRARIAN: 404, R.STUDENT: 404},
        url=lambda s: f"/api/v1/agencies/{s['other_agency'].pk}/",
    ),
    "api:list_units": Expect(
        signed_in(anonymous=401) | {R.AGENCY_COORDINATOR: 404, R.LISTENER: 404, R.DIRECT_HEAD: 404, R.EXPERT: 404, R.DORMITORY_OFFICER: 404, R.ACCOUNTANT: 404, R.LIBRARIAN: 404, R.STUDENT: 404},
        url=lambda s: f"/api/v1/agencies/{s['other_agency'].pk}/units/",
    ),
    "api:list_people": Expect(allowed(*PEOPLE_READERS, anonymous=401)),
    "api:get_person": Expect(
        allowed(*PEOPLE_READERS, anonymous=401, head_of_department=404), url=lambda s: f"/api/v1/people/{s['listener_person'].pk}/"
    ),
    "api:create_person": Expect(allowed(*PEOPLE_READERS, anonymous=401)),  # same path as the list: GET lists
    "api:api-root": Expect(everyone(404)),
    "api:list_offerings": Expect(signed_in(anonymous=401)),
    "api:get_offering": Expect(signed_in(anonymous=401), url=lambda s: f"/api/v1/offerings/{s['offering'].pk}/"),
    "api:list_applications": Expect(signed_in(anonymous=401)),
    "api:create_application": Expect(signed_in(anonymous=401)),  # same path as the list: GET lists
    "api:decide_application": Expect(everyone(405), url=lambda s: f"/api/v1/applications/{s['application'].pk}/decide/"),
    "api:accept_application": Expect(everyone(405), url=lambda s: f"/api/v1/applications/{s['application'].pk}/accept/"),
    "api:withdraw_application": Expect(everyone(405), url=lambda s: f"/api/v1/applications/{s['application'].pk}/withdraw/"),
    "api:list_enrollments": Expect(allowed(*PLAN_READERS, anonymous=401)),
    "api:transition": Expect(everyone(405), url=lambda s: f"/api/v1/enrollments/{s['enrollment'].pk}/transition/"),
    "api:list_orders": Expect(allowed(*ORDER_READERS, anonymous=401)),
    "api:get_order": Expect(allowed(*ORDER_READERS, anonymous=401), url=lambda s: f"/api/v1/orders/{s['order'].pk}/"),
    "api:sign_order": Expect(everyone(405), url=lambda s: f"/api/v1/orders/{s['order'].pk}/sign/"),
    "api:list_programmes": Expect(signed_in(anonymous=401)),
    "api:get_curriculum": Expect(signed_in(anonymous=401), url=lambda s: f"/api/v1/programmes/{s['version'].programme_id}/versions/{s['version'].number}/"),
    "planning:plan": Expect(signed_in()),
    "planning:plan_xlsx": Expect(signed_in()),
    "planning:plan_pdf": Expect(signed_in()),
    "planning:need_list": Expect(allowed(*NEED_READERS)),
    "planning:needs_consolidated": Expect(allowed(*PLAN_READERS)),
    "planning:need_withdraw": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, R.AGENCY_COORDINATOR, ok=405), url=lambda s: f"/plan/needs/{s['need'].pk}/withdraw/"),
    "planning:offering_create": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST)),
    # A draft offering: the planners and readers of the plan see it, the others do not.
    "planning:offering_detail": Expect(allowed(*R.values, ok=404) | dict.fromkeys(PLAN_READERS, 200), url=lambda s: s["draft_offering"].get_absolute_url()),
    "planning:offering_quotas": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, ok=405), url=lambda s: f"/plan/offerings/{s['draft_offering'].pk}/quotas/"),
    "planning:offering_status": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, ok=405), url=lambda s: f"/plan/offerings/{s['draft_offering'].pk}/status/"),
    "enrollment:index": Expect(signed_in(ok=302)),  # leads each to his work there
    "evaluation:index": Expect(signed_in(ok=302)),
    "enrollment:my_courses": Expect(signed_in()),
    "enrollment:applications": Expect(allowed(*NOMINATORS, R.LEADERSHIP, R.HEAD_OF_DEPARTMENT)),
    "enrollment:application_decide": Expect(allowed(*NOMINATORS, ok=405), url=lambda s: f"/enrollment/applications/{s['application'].pk}/decide/"),
    "enrollment:application_reject": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, ok=405), url=lambda s: f"/enrollment/applications/{s['application'].pk}/reject/"),
    "enrollment:application_withdraw": Expect(signed_in(ok=405), url=lambda s: f"/enrollment/applications/{s['application'].pk}/withdraw/"),
    "enrollment:offering_apply": Expect(signed_in(ok=405), url=lambda s: f"/enrollment/offerings/{s['offering'].pk}/apply/"),
    "enrollment:offering_nominate": Expect(allowed(*NOMINATORS), url=lambda s: f"/enrollment/offerings/{s['offering'].pk}/nominate/"),
    "enrollment:offering_nominations_upload": Expect(allowed(*NOMINATORS, ok=405), url=lambda s: f"/enrollment/offerings/{s['offering'].pk}/nominations/"),
    "enrollment:roster": Expect(allowed(*PLAN_READERS), url=lambda s: f"/enrollment/offerings/{s['offering'].pk}/roster/"),
    "enrollment:roster_accept": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, ok=405), url=lambda s: f"/enrollment/offerings/{s['offering'].pk}/accept/"),
    "enrollment:roster_groups": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, ok=405), url=lambda s: f"/enrollment/offerings/{s['offering'].pk}/groups/"),
    "graduation:offering": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, R.LEADERSHIP), url=lambda s: f"/graduation/offerings/{s['offering'].pk}/"),
    "graduation:graduate": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, ok=405), url=lambda s: f"/graduation/offerings/{s['offering'].pk}/graduate/"),
    "api:graduate": Expect(everyone(405), url=lambda s: f"/api/v1/offerings/{s['offering'].pk}/graduation/"),
    "api:outcomes": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, R.LEADERSHIP, anonymous=401), url=lambda s: f"/api/v1/offerings/{s['offering'].pk}/outcomes/"),
    "enrollment:enrollment_action": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, ok=405), url=lambda s: f"/enrollment/enrollments/{s['enrollment'].pk}/"),
    "enrollment:order_list": Expect(allowed(*ORDER_READERS)),
    "enrollment:order_detail": Expect(allowed(*ORDER_READERS), url=lambda s: f"/enrollment/orders/{s['order'].pk}/"),
    "enrollment:order_pdf": Expect(allowed(*ORDER_READERS), url=lambda s: f"/enrollment/orders/{s['order'].pk}/pdf/"),
    "enrollment:order_sign": Expect(allowed(R.LEADERSHIP, ok=405), url=lambda s: f"/enrollment/orders/{s['order'].pk}/sign/"),
    "api:list_exams": Expect(signed_in(anonymous=401)),
    "api:list_attempts": Expect(allowed(*AUTHORS, anonymous=401), url=lambda s: f"/api/v1/exams/{s['exam'].pk}/attempts/"),
    "api:exam_analysis": Expect(allowed(*AUTHORS, anonymous=401), url=lambda s: f"/api/v1/exams/{s['exam'].pk}/analysis/"),
    "api:set_attendance": Expect(everyone(405)),  # POST only: the API answers GET with 405 before asking who

    "api:list_attendance": Expect(allowed(*JOURNAL_READERS, denied=404, anonymous=401), url=lambda s: f"/api/v1/journal/lessons/{s['lesson'].pk}/attendance/"),
    "api:set_mark": Expect(everyone(405)),
    "api:list_marks": Expect(allowed(*JOURNAL_READERS, denied=404, anonymous=401), url=lambda s: f"/api/v1/journal/enrollments/{s['certificate'].enrollment_id}/marks/"),
    "api:list_certificates": Expect(signed_in(anonymous=401)),
    "api:verify_certificate": Expect(everyone(200), url=lambda s: f"/api/v1/certificates/verify/{s['certificate'].code}/"),
    "evaluation:follow_up_list": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, R.AGENCY_COORDINATOR)),
    # A follow-up sent to the signed-in direct head's address: only him.
    "evaluation:follow_up_mine": Expect(allowed(R.DIRECT_HEAD), url=lambda s: f"/evaluation/follow-ups/{s['follow_up'].pk}/answer/"),
    "evaluation:my_surveys": Expect(signed_in()),
    # Only those invited open a survey (the demo listener is invited to last year's course survey).
    "evaluation:survey": Expect(OWNER_ONLY, url=lambda s: s["survey"].get_absolute_url()),
    "evaluation:survey_results": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, R.HEAD_OF_DEPARTMENT, R.LEADERSHIP),
                                        url=lambda s: f"{s['survey'].get_absolute_url()}results/"),
    # The direct head's page: no account; the link is the key (an unknown token is a 404 for everyone).
    "evaluation:survey_list": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, R.HEAD_OF_DEPARTMENT, R.LEADERSHIP)),
    "evaluation:survey_new": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST)),
    "evaluation:survey_edit": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST), url=lambda s: f"{s['survey'].get_absolute_url()}edit/"),
    "evaluation:survey_invite": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, ok=405), url=lambda s: f"{s['survey'].get_absolute_url()}invite/"),
    "evaluation:question_remove": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, ok=405),
                                         url=lambda s: f"/evaluation/questions/{s['survey'].questions.first().pk}/remove/"),
    "evaluation:level_four": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, R.AGENCY_COORDINATOR)),
    "analytics:dashboard": Expect(allowed(*DASHBOARD_READERS)),
    "analytics:effectiveness": Expect(allowed(*DASHBOARD_READERS)),
    "analytics:trained": Expect(allowed(*DASHBOARD_READERS)),
    "timetable:overview": Expect(allowed(*TIMETABLE_READERS)),
    "timetable:run": Expect(allowed(*TIMETABLE_READERS), url=lambda s: f"/timetable/runs/{s['run'].pk}/"),
    "timetable:week": Expect(allowed(*TIMETABLE_READERS), url=lambda s: f"/timetable/week/?group={s['lesson'].group_id}"),
    "timetable:my": Expect(signed_in()),
    "timetable:feed_renew": Expect(signed_in(ok=405)),  # POST only
    "timetable:changes": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST)),
    "timetable:lesson_move": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST), url=lambda s: f"/timetable/lessons/{s['lesson'].pk}/move/"),
    "timetable:load": Expect(allowed(*TIMETABLE_READERS)),
    "timetable:teaching_lecturer": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST), url=lambda s: f"/timetable/teachings/{s['teaching'].pk}/lecturer/"),
    "timetable_feed": Expect(everyone(404), url=lambda s: "/calendar/not-a-token.ics"),
    "follow_up": Expect(everyone(404), url=lambda s: "/follow-up/not-a-token/"),
    "campus:overview": Expect(allowed(*CAMPUS_STAFF)),
    "campus:allocation": Expect(allowed(*CAMPUS_STAFF), url=lambda s: f"/campus/courses/{s['stay'].enrollment.offering_id}/"),
    "campus:allocation_propose": Expect(allowed(*CAMPUS_HOUSING, ok=405), url=lambda s: f"/campus/courses/{s['stay'].enrollment.offering_id}/propose/"),
    "campus:allocation_confirm": Expect(allowed(*CAMPUS_HOUSING, ok=405), url=lambda s: f"/campus/courses/{s['stay'].enrollment.offering_id}/confirm/"),
    "campus:stay_check": Expect(allowed(*CAMPUS_HOUSING, ok=405), url=lambda s: f"/campus/stays/{s['stay'].pk}/check/"),
    "campus:stay_move": Expect(allowed(*CAMPUS_HOUSING), url=lambda s: f"/campus/stays/{s['held_stay'].pk}/move/"),
    # listeners ask for leave; the Rector, his delegates and the dormitory keep the register
    "campus:leave": Expect(allowed(R.LISTENER, *CAMPUS_REGISTER, denied=404)),
    "campus:leave_decide": Expect(allowed(*CAMPUS_DECIDERS, ok=405), url=lambda s: f"/campus/leave/{s['leave'].pk}/decide/"),
    "campus:leave_return": Expect(allowed(*CAMPUS_REGISTER, ok=405), url=lambda s: f"/campus/leave/{s['leave'].pk}/return/"),
    "campus:permission": Expect(allowed(*CAMPUS_REGISTER, denied=404), url=lambda s: f"/campus/leave/{s['leave'].pk}/permission.pdf"),
    # a record of conduct: its listener, the staff who record, and those who may see the person
    "campus:conduct": Expect(allowed(R.LISTENER, R.AGENCY_COORDINATOR, R.LEADERSHIP, *CAMPUS_RECORDERS, denied=404),
                             url=lambda s: f"/campus/people/{s['listener_person'].pk}/conduct/"),
    "internships:list": Expect(signed_in()),
    # a placement: the planners, its supervisor (the lecturer login) and its intern
    "internships:detail": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, R.LECTURER, denied=404), url=lambda s: f"/internships/{s['placement'].pk}/"),
    # the staff: academy-wide roles all of it, a head his department, a lecturer himself (the sample is the lecturer login)
    "staff:list": Expect(allowed(*STAFF_READERS)),
    "staff:detail": Expect(allowed(*STAFF_READERS), url=lambda s: f"/staff/{s['lecturer_staff'].pk}/"),
    "staff:hub": Expect(allowed(*STAFF_HUB_READERS)),
    # paid services: the billers all of it; an agency's coordinator reads his agency's contracts (the sample is another customer's: 404)
    "billing:invoices": Expect(allowed(*BILLING_READERS)),
    "billing:contracts": Expect(allowed(*BILLING_READERS)),
    "billing:contract_create": Expect(allowed(*BILLERS)),
    "billing:contract": Expect(allowed(*BILLERS, **{R.AGENCY_COORDINATOR: 404}), url=lambda s: f"/billing/contracts/{s['invoice'].contract_id}/"),
    "billing:contract_pdf": Expect(allowed(*BILLERS, **{R.AGENCY_COORDINATOR: 404}), url=lambda s: f"/billing/contracts/{s['invoice'].contract_id}/contract.pdf"),
    **{f"billing:{name}": Expect(allowed(*BILLERS, ok=405), url=lambda s, tail=tail: f"/billing/contracts/{s['invoice'].contract_id}/{tail}/")
       for name, tail in (("contract_sign", "sign"), ("contract_cancel", "cancel"), ("contract_amend", "amend"), ("invoice_issue", "invoice"),
                          ("act_draw", "act"), ("payment_register", "payment"))},
    "billing:statement": Expect(allowed(*BILLERS)),
    "billing:debts": Expect(allowed(*BILLERS)),
    "billing:revenue": Expect(allowed(*BILLERS)),
    "billing:esf_export": Expect(allowed(*BILLERS, ok=422), url=lambda s: "/billing/invoices/esf.xml?year=2026&month=1"),  # 422: no BIN of the Academy set
    "billing:invoice_pdf": Expect(allowed(*BILLERS, **{R.AGENCY_COORDINATOR: 404}), url=lambda s: f"/billing/invoices/{s['invoice'].pk}/invoice.pdf"),
    "billing:act_pdf": Expect(allowed(*BILLERS, **{R.AGENCY_COORDINATOR: 404}), url=lambda s: f"/billing/acts/{s['act'].pk}/act.pdf"),
    "events:list": Expect(allowed(*EVENT_READERS)),
    "events:create": Expect(allowed(*EVENT_ORGANISERS)),
    "events:statistics": Expect(allowed(*EVENT_READERS)),
    "events:partners": Expect(allowed(*EVENT_READERS)),
    "events:experts": Expect(allowed(*EVENT_READERS)),
    "events:expert": Expect(allowed(*EVENT_READERS), url=lambda s: f"/events/experts/{s['expert'].pk}/"),
    "events:detail": Expect(allowed(*EVENT_READERS), url=lambda s: s["event"].get_absolute_url()),
    "events:open": Expect(allowed(*EVENT_ORGANISERS, ok=405), url=lambda s: f"{s['event'].get_absolute_url()}open/"),
    "events:certificates": Expect(allowed(*EVENT_ORGANISERS, ok=405), url=lambda s: f"{s['event'].get_absolute_url()}certificates/"),
    "events:participants_export": Expect(allowed(*EVENT_READERS), url=lambda s: f"{s['event'].get_absolute_url()}participants.xlsx"),
    "events:participants_upload": Expect(allowed(*EVENT_ORGANISERS, ok=405), url=lambda s: f"{s['event'].get_absolute_url()}participants/upload/"),
    "events:badges": Expect(allowed(*EVENT_ORGANISERS), url=lambda s: f"{s['event'].get_absolute_url()}badges.pdf"),
    "events:calendar": Expect(everyone(200), url=lambda s: f"{s['event'].get_absolute_url()}calendar.ics"),
    "events:programme": Expect(everyone(200), url=lambda s: f"{s['event'].get_absolute_url()}programme.pdf"),
    "events:participant": Expect(allowed(*EVENT_READERS), url=lambda s: s["participant"].get_absolute_url()),
    "events:decide": Expect(allowed(*EVENT_ORGANISERS, ok=405), url=lambda s: f"{s['participant'].get_absolute_url()}decide/"),
    "events:visa_letter": Expect(allowed(*EVENT_ORGANISERS), url=lambda s: f"{s['participant'].get_absolute_url()}visa-letter.pdf"),
    "events:badge": Expect(allowed(*EVENT_ORGANISERS), url=lambda s: f"{s['participant'].get_absolute_url()}badge/"),
    "events:certificate": Expect(allowed(*EVENT_READERS), url=lambda s: f"{s['certified'].get_absolute_url()}certificate.pdf"),
    "events:check_in": Expect(allowed(*EVENT_ORGANISERS), url=lambda s: f"/events/check-in/{s['participant'].badge_code}/"),
    "events:register": Expect(everyone(404), url=lambda s: "/events/register/not-a-token/"),
    "events:verify": Expect(everyone(200), url=lambda s: f"/events/verify/{s['certified'].certificate_code}/"),
    "assessment:index": Expect(allowed(*ASSESSMENT_READERS, R.EXPERT)),
    "assessment:session": Expect(allowed(*ASSESSMENT_READERS), url=lambda s: f"/assessment/sessions/{s['assessment'].pk}/"),
    "assessment:candidates_add": Expect(allowed(*ASSESSMENT_ORGANISERS, ok=405), url=lambda s: f"/assessment/sessions/{s['assessment'].pk}/candidates/"),
    "assessment:experts_add": Expect(allowed(*ASSESSMENT_ORGANISERS, ok=405), url=lambda s: f"/assessment/sessions/{s['assessment'].pk}/experts/"),
    "assessment:conflict_declare": Expect(allowed(*ASSESSMENT_ORGANISERS, ok=405), url=lambda s: f"/assessment/sessions/{s['assessment'].pk}/conflicts/"),
    "assessment:assign": Expect(allowed(*ASSESSMENT_ORGANISERS, ok=405), url=lambda s: f"/assessment/sessions/{s['assessment'].pk}/assign/"),
    "assessment:finalise": Expect(allowed(*ASSESSMENT_ORGANISERS, ok=405), url=lambda s: f"/assessment/sessions/{s['assessment'].pk}/finalise/"),
    "assessment:reveal": Expect(allowed(R.ADMINISTRATOR, ok=405), url=lambda s: f"/assessment/sessions/{s['assessment'].pk}/reveal/"),
    "assessment:discrepancies": Expect(allowed(*ASSESSMENT_READERS), url=lambda s: f"/assessment/sessions/{s['assessment'].pk}/discrepancies/"),
    "assessment:reliability": Expect(allowed(*ASSESSMENT_READERS), url=lambda s: f"/assessment/sessions/{s['assessment'].pk}/reliability/"),
    "assessment:results": Expect(allowed(*ASSESSMENT_READERS), url=lambda s: f"/assessment/sessions/{s['assessment'].pk}/results/"),
    "assessment:expert_drop": Expect(allowed(*ASSESSMENT_ORGANISERS, ok=405), url=lambda s: f"/assessment/experts/{s['assessment'].experts.first().pk}/drop/"),
    "assessment:profile": Expect(allowed(*ASSESSMENT_READERS), url=lambda s: f"/assessment/candidates/{s['assessment'].candidates.first().pk}/"),
    # an assignment's rating form: its expert only (the expert login rates in the session being rated)
    "assessment:rate": Expect(allowed(R.EXPERT), url=lambda s: f"/assessment/assignments/{s['assignment'].pk}/"),
    "journal:group_list": Expect(allowed(*JOURNAL_READERS)),
    "journal:my_journal": Expect(signed_in()),
    "journal:group_detail": Expect(allowed(*JOURNAL_READERS), url=lambda s: f"/journal/groups/{s['group'].pk}/"),
    "journal:journal": Expect(allowed(*JOURNAL_READERS), url=lambda s: f"/journal/groups/{s['group'].pk}/disciplines/{s['lesson'].discipline_id}/"),
    "journal:grade_sheet": Expect(allowed(*JOURNAL_READERS), url=lambda s: f"/journal/groups/{s['group'].pk}/disciplines/{s['lesson'].discipline_id}/sheet.xlsx"),
    "journal:marks_from_exam": Expect(allowed(*AUTHORS, ok=405), url=lambda s: f"/journal/groups/{s['group'].pk}/disciplines/{s['lesson'].discipline_id}/from-test/"),
    "journal:attendance_set": Expect(allowed(*AUTHORS, ok=405)),
    "journal:mark_set": Expect(allowed(*AUTHORS, ok=405)),
    "journal:certification_create": Expect(allowed(*REGISTRARS)),
    "journal:certification_detail": Expect(allowed(*JOURNAL_READERS, denied=404), url=lambda s: s["certification"].get_absolute_url()),
    "journal:certification_mark": Expect(signed_in(ok=405), url=lambda s: f"{s['certification'].get_absolute_url()}marks/"),
    "journal:certification_close": Expect(allowed(*REGISTRARS, ok=405), url=lambda s: f"{s['certification'].get_absolute_url()}close/"),
    "journal:certification_protocol": Expect(allowed(*JOURNAL_READERS, denied=404), url=lambda s: f"{s['certification'].get_absolute_url()}protocol.pdf"),
    "journal:offering_certificates": Expect(allowed(*JOURNAL_READERS), url=lambda s: f"/journal/offerings/{s['group'].offering_id}/certificates/"),
    "journal:certificates_batch": Expect(allowed(*REGISTRARS, ok=405), url=lambda s: f"/journal/offerings/{s['group'].offering_id}/certificates/batch/"),
    "journal:batch_progress": Expect(allowed(*JOURNAL_READERS), url=lambda s: f"/journal/batches/{s['batch'].pk}/"),
    # A certificate's PDF: the Academy's readers and its holder (a colleague of the listener here).
    "journal:batch_pdf": Expect(allowed(*JOURNAL_READERS), url=lambda s: f"/journal/batches/{s['batch'].pk}/certificates.pdf"),
    "journal:certificate_pdf": Expect(allowed(*JOURNAL_READERS, denied=404), url=lambda s: f"/journal/certificates/{s['certificate'].pk}/pdf/"),
    "journal:certificate_page": Expect(allowed(*JOURNAL_READERS, denied=404), url=lambda s: f"/journal/certificates/{s['certificate'].pk}/"),
    "journal:certificate_revoke": Expect(allowed(*REGISTRARS, ok=405), url=lambda s: f"/journal/certificates/{s['certificate'].pk}/revoke/"),
    # A transcript: its holder, and those who may see that person (people's own scoping rule).
    "journal:transcript": Expect(allowed(R.LISTENER, R.ADMINISTRATOR, R.METHODOLOGIST, R.LEADERSHIP, denied=404), url=lambda s: f"/journal/transcripts/{s['listener_person'].pk}.xlsx"),
    "certificate_verify": Expect(everyone(200), url=lambda s: s["certificate"].get_absolute_url()),
    "exams:exam_list": Expect(signed_in()),
    "exams:exam_create": Expect(allowed(*AUTHORS)),
    "exams:exam_detail": Expect(allowed(*AUTHORS), url=lambda s: s["exam"].get_absolute_url()),
    "exams:exam_start": Expect(signed_in(ok=405), url=lambda s: f"{s['exam'].get_absolute_url()}start/"),
    "exams:attempt": Expect(OWNER_ONLY, url=lambda s: s["attempt"].get_absolute_url()),
    "exams:attempt_clock": Expect(OWNER_ONLY, url=lambda s: f"{s['attempt'].get_absolute_url()}clock/"),
    "exams:answer_save": Expect(signed_in(ok=405), url=lambda s: f"{s['attempt'].get_absolute_url()}answers/1/"),
    "exams:attempt_finish": Expect(OWNER_ONLY, url=lambda s: f"{s['attempt'].get_absolute_url()}finish/"),
    "exams:bank_list": Expect(allowed(*AUTHORS)),
    "exams:import_template": Expect(allowed(*AUTHORS)),
    "exams:bank_detail": Expect(allowed(*AUTHORS), url=lambda s: s["bank"].get_absolute_url()),
    "exams:bank_import": Expect(allowed(*AUTHORS, ok=405), url=lambda s: f"{s['bank'].get_absolute_url()}import/"),
    "exams:bank_export": Expect(allowed(*AUTHORS), url=lambda s: f"{s['bank'].get_absolute_url()}export/gift/"),
    "exams:question_detail": Expect(allowed(*AUTHORS), url=lambda s: s["question"].get_absolute_url()),
    "exams:question_create": Expect(allowed(*AUTHORS), url=lambda s: f"{s['bank'].get_absolute_url()}questions/new/"),
    # An image of a question: its authors, and listeners whose attempt drew that question.
    "exams:question_file": Expect(allowed(*AUTHORS, denied=404), url=lambda s: f"/exams/files/{s['file'].version_id}/{s['file'].name}"),
    "exams:grading_queue": Expect(allowed(*AUTHORS)),
    "exams:essay_grade": Expect(allowed(*AUTHORS), url=lambda s: f"/exams/grading/{s['essay'].pk}/"),
    # postgraduate study: the sample is the demo student, supervised by the lecturer login; the demo head heads another department (404)
    "postgrad:index": Expect(allowed(*POSTGRAD_READERS, **{R.STUDENT: 302})),  # a student is sent to his own page
    "postgrad:my": Expect(allowed(R.STUDENT, ok=302)),
    **{f"postgrad:{name}": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, R.LEADERSHIP, R.STUDENT, R.LECTURER, **{R.HEAD_OF_DEPARTMENT: 404}),
                                  url=lambda s, tail=tail: f"/postgrad/students/{s['student'].pk}/{tail}")
       for name, tail in (("student", ""), ("transcript_pdf", "transcript.pdf"), ("supplement_pdf", "supplement.pdf"))},
    **{f"postgrad:plan_{name}": Expect(allowed(*POSTGRAD_READERS, ok=405), url=lambda s, name=name: f"/postgrad/students/{s['student'].pk}/plan/{name}/")
       for name in ("choose", "drop", "submit", "approve", "return")},
    **{f"postgrad:{name}": Expect(allowed(*POSTGRAD_REGISTRARS, ok=405), url=lambda s, tail=tail: f"/postgrad/students/{s['student'].pk}/{tail}/")
       for name, tail in (("supervisor", "supervisor"), ("dissertation", "dissertation"), ("milestone_add", "milestones"), ("milestone_done", "milestones/done"),
                          ("publication_add", "publications"), ("act_add", "acts"), ("graduate", "graduate"))},
    "postgrad:calendar": Expect(allowed(*POSTGRAD_REGISTRARS)),
    "postgrad:year_open": Expect(allowed(*POSTGRAD_REGISTRARS, ok=405)),
    "postgrad:period_open": Expect(allowed(*POSTGRAD_REGISTRARS, ok=405)),
    "postgrad:teaching_add": Expect(allowed(*POSTGRAD_REGISTRARS, ok=405)),
    "postgrad:round_new": Expect(allowed(*POSTGRAD_REGISTRARS)),
    "postgrad:applicant_add": Expect(allowed(*POSTGRAD_REGISTRARS, ok=405), url=lambda s: f"/postgrad/rounds/{s['round'].pk}/applicants/"),
    "postgrad:entrance_mark": Expect(allowed(*POSTGRAD_REGISTRARS, ok=405), url=lambda s: f"/postgrad/rounds/{s['round'].pk}/marks/"),
    "postgrad:teachings": Expect(allowed(*POSTGRAD_MARKERS)),
    "postgrad:teaching": Expect(allowed(R.ADMINISTRATOR, R.METHODOLOGIST, R.LECTURER, **{R.HEAD_OF_DEPARTMENT: 404}),
                                url=lambda s: f"/postgrad/teachings/{s['postgrad_teaching'].pk}/"),
    "postgrad:mark_correct": Expect(allowed(*POSTGRAD_MARKERS, ok=405), url=lambda s: f"/postgrad/teachings/{s['postgrad_teaching'].pk}/correct/"),
    "postgrad:round": Expect(allowed(*POSTGRAD_REGISTRARS, R.LEADERSHIP), url=lambda s: f"/postgrad/rounds/{s['round'].pk}/"),
    "postgrad:order_draft": Expect(allowed(*POSTGRAD_REGISTRARS, ok=405), url=lambda s: f"/postgrad/rounds/{s['round'].pk}/order/"),
    "postgrad:order_pdf": Expect(allowed(*POSTGRAD_REGISTRARS, R.LEADERSHIP), url=lambda s: f"/postgrad/rounds/{s['round'].pk}/order.pdf"),
    "postgrad:order_sign": Expect(allowed(R.LEADERSHIP, ok=405), url=lambda s: f"/postgrad/rounds/{s['round'].pk}/sign/"),
    # online lessons: the sample lesson is the lecturer login's, for a group of the listener login's course
    "distance:lessons": Expect(allowed(*DISTANCE_READERS)),
    "distance:index": Expect(allowed(*DISTANCE_READERS)),
    # the sample course is the listener login's, whose group the lecturer login teaches, of the head login's department
    "distance:course": Expect(allowed(*DISTANCE_READERS), url=lambda s: f"/distance/courses/{s['lesson'].offering_id}/"),
    "distance:completion_rule_set": Expect(allowed(*DISTANCE_COMPLETION_SETTERS, ok=405), url=lambda s: f"/distance/courses/{s['lesson'].offering_id}/completion/"),
    "distance:section_add": Expect(allowed(*DISTANCE_TEACHERS, ok=405), url=lambda s: f"/distance/courses/{s['lesson'].offering_id}/sections/"),
    "distance:material_add": Expect(allowed(*DISTANCE_TEACHERS, ok=405), url=lambda s: f"/distance/sections/{s['material'].section_id}/materials/"),
    "distance:material": Expect(allowed(*DISTANCE_READERS), url=lambda s: f"/distance/materials/{s['material'].pk}/"),
    "distance:material_file": Expect(allowed(*DISTANCE_READERS, ok=404), url=lambda s: f"/distance/materials/{s['material'].pk}/file"),  # a page: no file
    "distance:lesson": Expect(allowed(*DISTANCE_READERS), url=lambda s: f"/distance/lessons/{s['lesson'].pk}/"),
    "distance:join": Expect(allowed(*DISTANCE_READERS, ok=404), url=lambda s: f"/distance/lessons/{s['lesson'].pk}/join/"),  # not online: nothing to join
    **{f"distance:{name}": Expect(allowed(*DISTANCE_TEACHERS, ok=405), url=lambda s, tail=tail: f"/distance/lessons/{s['lesson'].pk}/{tail}/")
       for name, tail in (("meeting_set", "online"), ("attendance_now", "attendance"), ("recordings", "recordings"))},
    "distance:bbb_analytics": Expect(everyone(405)),  # posted by the BigBlueButton server, signed
    # the sample assignment is of the same course, handed in by the listener login
    "distance:assignment_add": Expect(allowed(*DISTANCE_TEACHERS), url=lambda s: f"/distance/courses/{s['lesson'].offering_id}/assignments/new/"),
    "distance:assignment": Expect(allowed(*DISTANCE_READERS), url=lambda s: f"/distance/assignments/{s['work'].assignment_id}/"),
    **{f"distance:{name}": Expect(allowed(*roles, ok=405), url=lambda s, tail=tail: f"/distance/assignments/{s['work'].assignment_id}/{tail}/")
       for name, tail, roles in (("submit", "submit", DISTANCE_READERS), ("reattempt", "reattempt", DISTANCE_READERS),
                                 ("extension_grant", "extensions", DISTANCE_TEACHERS), ("release", "release", DISTANCE_TEACHERS))},
    "distance:mark": Expect(allowed(*DISTANCE_TEACHERS), url=lambda s: f"/distance/submissions/{s['work'].pk}/mark/"),
    "distance:feedback_file": Expect(allowed(*DISTANCE_READERS, ok=404), url=lambda s: f"/distance/submissions/{s['work'].pk}/feedback"),  # not marked yet
    "distance:forum": Expect(allowed(*DISTANCE_READERS), url=lambda s: f"/distance/courses/{s['thread'].offering_id}/forum/"),
    "distance:thread": Expect(allowed(*DISTANCE_READERS), url=lambda s: s["thread"].get_absolute_url()),
    **{f"distance:{name}": Expect(allowed(*DISTANCE_READERS, ok=405), url=lambda s, name=name: f"{s['thread'].get_absolute_url()}{name}/") for name in ("reply", "lock")},
    "distance:package_add": Expect(allowed(*DISTANCE_TEACHERS, ok=405), url=lambda s: f"/distance/sections/{s['package'].section_id}/packages/"),
    "distance:package": Expect(allowed(*DISTANCE_READERS), url=lambda s: s["package"].get_absolute_url()),
    "distance:package_content": Expect(allowed(*DISTANCE_READERS), url=lambda s: f"/distance/packages/{s['package'].pk}/content/index.html",
                                       scripts_inline="a SCORM package's own pages, added by a teacher, run in the player's frame as they were written"),
    "distance:package_commit": Expect(allowed(*DISTANCE_READERS, ok=405), url=lambda s: f"/distance/packages/{s['package'].pk}/commit/token/"),
    "distance:submission_file": Expect(allowed(*DISTANCE_READERS), url=lambda s: f"/distance/submitted-files/{s['work'].files.get().pk}"),
    "library:index": Expect(signed_in()),
    "library:my": Expect(signed_in()),
    **{f"library:{name}": Expect(allowed(*LIBRARIANS)) for name in ("desk", "acts", "import", "export", "record_new")},
    "library:record": Expect(signed_in(), url=lambda s: s["lib_record"].get_absolute_url()),
    "library:record_edit": Expect(allowed(*LIBRARIANS), url=lambda s: f"{s['lib_record'].get_absolute_url()}edit/"),
    "library:hold": Expect(signed_in(ok=405), url=lambda s: f"{s['lib_record'].get_absolute_url()}hold/"),
    # POST only; a reader cancels and renews his own, the librarian anyone's (tests/library)
    "library:hold_cancel": Expect(signed_in(ok=405), url=lambda s: f"/library/holds/{s['lib_hold'].pk}/cancel/"),
    "library:renew": Expect(signed_in(ok=405), url=lambda s: f"/library/loans/{s['lib_loan'].pk}/renew/"),
    "library:repository": Expect(signed_in()),
    "library:deposit": Expect(allowed(*LIBRARIANS)),
    "library:work": Expect(everyone(), url=lambda s: s["lib_open_work"].get_absolute_url()),
    "library:work_file": Expect(everyone(), url=lambda s: f"/library/repository/files/{s['lib_open_work'].files.first().pk}/"),
    "library:oai": Expect(everyone(), url=lambda s: "/library/oai/?verb=Identify"),
    "library:check_new": Expect(allowed(*LIBRARY_CHECKERS)),
    "library:exam_essays": Expect(allowed(*LIBRARY_CHECKERS, ok=405)),
    # the report of the demo's master's project: its author (the student login), the checkers
    "library:check": Expect(allowed(*LIBRARY_CHECKERS, R.STUDENT, denied=404), url=lambda s: s["lib_check"].get_absolute_url()),
    "library:violations": Expect(allowed(*LIBRARY_REGISTRARS)),
    "library:decide": Expect(allowed(*LIBRARY_REGISTRARS, ok=405), url=lambda s: f"/library/violations/{s['lib_violation'].pk}/decide/"),
    "library:reading": Expect(signed_in(), url=lambda s: f"/library/reading/{s['discipline'].pk}/"),
    "governance:councils": Expect(allowed(*GOV_READERS)),
    "governance:council": Expect(allowed(*GOV_READERS), url=lambda s: s["gov_meeting"].council.get_absolute_url()),
    "governance:member_remove": Expect(allowed(*GOV_SECRETARIES, ok=405), url=lambda s: f"/governance/councils/{s['gov_meeting'].council_id}/members/1/remove/"),
    "governance:meeting": Expect(allowed(*GOV_READERS), url=lambda s: s["gov_meeting"].get_absolute_url()),
    "governance:attendance": Expect(allowed(*GOV_SECRETARIES, ok=405), url=lambda s: f"{s['gov_meeting'].get_absolute_url()}attendance/"),
    "governance:decide": Expect(allowed(*GOV_SECRETARIES, ok=405), url=lambda s: f"/governance/items/{s['gov_decision'].item_id}/decide/"),
    "governance:extract": Expect(allowed(*GOV_READERS), url=lambda s: f"/governance/decisions/{s['gov_decision'].pk}/extract.pdf"),
    "governance:orders": Expect(signed_in()),
    "governance:order_new": Expect(allowed(*GOV_SECRETARIES)),
    # An order "for official use" is read only by the roles on its list (leadership, methodologist) and by those named on it (the head's
    # visa): every other role gets 404, the administrator too. Who reads an ordinary order is in tests/governance/test_orders.py.
    "governance:order": Expect(allowed(*GOV_OFFICIAL_READERS, denied=404), url=lambda s: f"/governance/orders/{s['gov_secret'].pk}/"),
    "governance:order_pdf": Expect(allowed(*GOV_OFFICIAL_READERS, denied=404), url=lambda s: f"/governance/orders/{s['gov_secret'].pk}/pdf/"),
    "governance:order_edit": Expect(allowed(R.METHODOLOGIST, **{R.ADMINISTRATOR: 404}), url=lambda s: f"/governance/orders/{s['gov_secret'].pk}/edit/"),
    "governance:order_route": Expect(allowed(*GOV_SECRETARIES, ok=405), url=lambda s: f"/governance/orders/{s['gov_secret'].pk}/route/"),
    "governance:order_sign": Expect(allowed(R.LEADERSHIP, ok=405), url=lambda s: f"/governance/orders/{s['gov_secret'].pk}/sign/"),
    "governance:visa": Expect(signed_in(ok=405), url=lambda s: f"/governance/visas/{s['gov_secret'].visas.first().pk}/"),
    "governance:appeals": Expect(signed_in()),
    "governance:overdue": Expect(allowed(*GOV_READERS)),
    "governance:appeal": Expect(allowed(*GOV_READERS, R.HEAD_OF_DEPARTMENT, denied=404), url=lambda s: s["gov_appeal"].get_absolute_url()),
    "governance:appeal_extend": Expect(allowed(R.LEADERSHIP, ok=405), url=lambda s: f"{s['gov_appeal'].get_absolute_url()}extend/"),
    "governance:appeal_document": Expect(allowed(*GOV_READERS, R.HEAD_OF_DEPARTMENT, denied=404), url=lambda s: f"{s['gov_appeal'].get_absolute_url()}answer.pdf"),
    "governance:calendar": Expect(allowed(*GOV_READERS)),
    "governance:quality": Expect(allowed(*GOV_READERS)),
    "governance:progress": Expect(allowed(*GOV_SECRETARIES, ok=405), url=lambda s: f"/governance/quality/measure/{s['gov_measure'].pk}/"),
    "governance:proposals": Expect(allowed(*GOV_PROPOSERS)),
    "governance:proposal_decide": Expect(allowed(*GOV_SECRETARIES, ok=405), url=lambda s: f"/governance/proposals/{s['gov_proposal'].pk}/decide/"),
    "governance:education": Expect(allowed(*GOV_READERS)),
    "governance:education_report": Expect(allowed(*GOV_SECRETARIES, ok=405), url=lambda s: f"/governance/education/{s['gov_event'].pk}/report/"),
    "signature_verify": Expect(everyone()),
    "catalog:programme_list": Expect(signed_in()),
    "catalog:programme_create": Expect(allowed(*PROGRAMME_EDITORS)),
    "catalog:programme_detail": Expect(signed_in(), url=lambda s: s["version"].programme.get_absolute_url()),
    # Changes are POST only: those who may make them get 405 on GET, the others 403.
    "catalog:version_start_draft": Expect(allowed(*PROGRAMME_EDITORS, ok=405), url=lambda s: f"{s['version'].programme.get_absolute_url()}new-draft/"),
    "catalog:version_update": Expect(allowed(*PROGRAMME_EDITORS, ok=405), url=lambda s: f"/programmes/versions/{s['version'].pk}/"),
    "catalog:module_add": Expect(allowed(*PROGRAMME_EDITORS, ok=405), url=lambda s: f"/programmes/versions/{s['version'].pk}/modules/"),
    "catalog:discipline_add": Expect(allowed(*PROGRAMME_EDITORS, ok=405), url=lambda s: f"/programmes/versions/{s['version'].pk}/disciplines/"),
    "catalog:competency_set": Expect(allowed(*PROGRAMME_EDITORS, ok=405), url=lambda s: f"/programmes/versions/{s['version'].pk}/competencies/1/"),
    "catalog:version_approve": Expect(allowed(R.ADMINISTRATOR, R.HEAD_OF_DEPARTMENT, ok=405), url=lambda s: f"/programmes/versions/{s['version'].pk}/approve/"),
    "catalog:discipline_remove": Expect(allowed(*PROGRAMME_EDITORS, ok=405), url=lambda s: f"/programmes/disciplines/{s['discipline'].pk}/remove/"),
}
ADMIN_STATUSES = allowed(R.ADMINISTRATOR)
# Logs and task results are written by the system; people and programme versions only through the app,
# which checks the IIN and freezes approved versions: none is added in the admin, even by administrators.
ADMIN_EXCEPTIONS = {
    f"admin:{model}_add": {R.ADMINISTRATOR: 403}
    for model in ("axes_accessattempt", "axes_accessfailurelog", "axes_accesslog", "django_tasks_database_dbtaskresult", "people_person", "catalog_programmeversion")
} | {"admin:django_tasks_database_dbtaskresult_delete": {R.ADMINISTRATOR: 403}} | {
    # the audit of disclosures of names is written by the reveal itself, and kept
    f"admin:assessment_reveal_{view}": {R.ADMINISTRATOR: 403} for view in ("add", "delete")
} | {
    # Applications, enrollments and orders change only through the services (orders, history).
    f"admin:{model}_{view}": {R.ADMINISTRATOR: 403}
    for model in ("enrollment_application", "enrollment_enrollment", "governance_order")
    for view in ("add", "delete")
}


def _clients(persona) -> dict[str, Client]:
    clients = {ANONYMOUS: Client()}
    for _username, role, _place in DEMO_LOGINS:
        client = Client()
        client.force_login(persona(role))
        clients[role.value] = client
    return clients


def _samples(persona) -> dict[str, object]:
    token, _secret = services.api_token_create(user=persona(R.ADMINISTRATOR), name="matrix")
    Client().post("/accounts/login/", {"username": "listener", "password": "wrong"})  # a failed sign-in: lockout records
    two_factor.unconfirmed_device(persona(R.LEADERSHIP))
    offering = Offering.objects.filter(status="published", version__programme__code="adv-pretrial", applications=None).order_by("starts_on").first()
    officer = Person.objects.filter(agency__code="prosecutor", user=None, applications=None).exclude(position=None).exclude(position__code="head-of-division").first()
    application = enrollment_services.application_submit(actor=persona(R.METHODOLOGIST), offering=offering, person=officer)
    enrollment_services.application_accept(actor=persona(R.METHODOLOGIST), application=application)
    enrollment = Enrollment.objects.get(application=application)
    exam = Exam.objects.get(purpose="input", offering__enrollments__person__user__username="listener")
    attempt = exam_attempts.attempt_start(exam, persona(R.LISTENER))
    images = Bank.objects.create(name="matrix images")
    exam_bank.bank_import(images, (QUESTIONS / "moodle-truefalse.xml").read_bytes(), "moodle-xml", persona(R.METHODOLOGIST))
    colleague = Enrollment.objects.filter(offering=exam.offering, status="enrolled").exclude(person__user=persona(R.LISTENER)).first()
    certificate = Certificate.objects.filter(status="valid").exclude(enrollment__person__user=persona(R.LISTENER)).first()  # a colleague of the demo listener last year
    lesson = Lesson.objects.create(offering=exam.offering, group=colleague.group, discipline=Discipline.objects.filter(module__version_id=exam.offering.version_id).first(),
                                   starts_at=datetime.datetime(2026, 1, 10, 9, tzinfo=datetime.UTC), lecturer=persona(R.LECTURER))
    certification = journal_services.certification_create(actor=persona(R.METHODOLOGIST), offering=exam.offering, group=colleague.group, kind="final",
                                                          held_on=datetime.date(2026, 1, 20), chair=persona(R.HEAD_OF_DEPARTMENT), members=[persona(R.LECTURER)])
    return {
        "assessment": AssessmentSession.objects.get(status="finalised"),
        "event": Event.objects.get(cis_council="prosecutors", status="open"),
        "invoice": Invoice.objects.filter(contract__customer__agency=None).first(),
        "act": Act.objects.filter(contract__customer__agency=None).first(),
        "expert": Expert.objects.filter(sessions__isnull=False).first(),
        "participant": Registration.objects.filter(event__cis_council="prosecutors", status="approved").first(),
        "certified": Registration.objects.exclude(certificate_code=None).first(),
        "follow_up": FollowUp.objects.filter(head_email=persona(R.DIRECT_HEAD).email, answered_at=None).first(),
        "stay": Stay.objects.filter(enrollment__isnull=False).first(),
        "held_stay": Stay.objects.filter(status__in=["confirmed", "checked_in"]).first(),
        "teaching": Teaching.objects.first(),
        "student": PostgradStudent.objects.get(person__user=persona(R.STUDENT)),
        "postgrad_teaching": PostgradTeaching.objects.filter(lecturer=persona(R.LECTURER)).first(),
        "round": AdmissionRound.objects.first(),
        "material": distance_services.material_add(actor=persona(R.METHODOLOGIST), section=distance_services.section_add(
            actor=persona(R.METHODOLOGIST), offering_id=lesson.offering_id, title="Неделя 1"), kind="page", title="Лекция", body="<p>Текст</p>"),
        "work": distance_assignments.submission_save(
            user=persona(R.LISTENER), assignment=distance_assignments.assignment_add(
                actor=persona(R.METHODOLOGIST), offering_id=lesson.offering_id, discipline=lesson.discipline, title="Эссе",
                opens_at=timezone.now() - datetime.timedelta(days=1), due_at=timezone.now() + datetime.timedelta(days=7)),
            text="Эссе", uploads=[SimpleUploadedFile("essay.pdf", b"%PDF-1.4\n%%EOF\n")], final=True, statement=True),
        "package": distance_packages.package_add(actor=persona(R.METHODOLOGIST), section=distance_services.section_add(
            actor=persona(R.METHODOLOGIST), offering_id=lesson.offering_id, title="Тема"), discipline=lesson.discipline, upload=SimpleUploadedFile("p.zip", scorm_12())),
        "thread": distance_forum.thread_start(actor=persona(R.LISTENER), offering_id=lesson.offering_id, title="Вопрос", body="Текст"),
        "placement": Placement.objects.get(enrollment__person__user__username="intern"),
        "lecturer_staff": persona(R.LECTURER).person.staff,
        "leave": LeaveRequest.objects.filter(status="approved").exclude(person__user=persona(R.LISTENER)).first(),
        "assignment": AssessmentAssignment.objects.filter(expert__person__user=persona(R.EXPERT), session__status="rating").first(),
        "run": TimetableRun.objects.create(starts_on=datetime.date(2026, 9, 1), ends_on=datetime.date(2026, 9, 30), requested_by=persona(R.METHODOLOGIST)),
        "survey": Survey.objects.get(offering__enrollments__person__user=persona(R.LISTENER), offering__enrollments__status="completed"),
        "group": colleague.group,
        "lesson": lesson,
        "certification": certification,
        "certificate": certificate,
        "batch": CertificateBatch.objects.create(offering=exam.offering, requested_by=persona(R.METHODOLOGIST), pdf=b"%PDF-1.4"),
        "exam": exam,
        "attempt": attempt,
        "bank": exam.rules.first().category.bank,
        "question": attempt.slots.first().version.question,
        "file": QuestionFile.objects.filter(version__question__bank=images).first(),
        "essay": Slot.objects.filter(kind="essay", attempt__status="graded").first(),
        "listener_person": Person.objects.get(user=persona(R.LISTENER)),
        "other_agency": Agency.objects.get(code="anticorruption"),
        "token": token,
        "version": ProgrammeVersion.objects.filter(status="approved").first(),
        "discipline": Discipline.objects.first(),
        "need": TrainingNeed.objects.filter(agency__code="prosecutor").first(),
        "draft_offering": Offering.objects.filter(status="draft").first(),
        "offering": offering,
        "application": application,
        "enrollment": enrollment,
        "order": Order.objects.get(lines__enrollment=enrollment),
        "lib_record": Record.objects.order_by("pk").first(),
        "lib_hold": Hold.objects.filter(reader=persona(R.STUDENT), state="waiting").first(),
        "lib_loan": Loan.objects.filter(reader=persona(R.LISTENER), returned_on=None).first(),
        "lib_open_work": Work.objects.filter(access="open").exclude(files=None).first(),
        "lib_check": Check.objects.get(document__author__user=persona(R.STUDENT)),
        "lib_violation": Violation.objects.first(),
        "gov_meeting": Meeting.objects.filter(council__kind="academic").first(),
        "gov_decision": Decision.objects.filter(item__subject="programme").first(),
        "gov_secret": Order.objects.get(kind="penalty", official_use=True),
        "gov_appeal": _answered_appeal(persona),
        "gov_measure": Measure.objects.first(),
        "gov_proposal": Proposal.objects.filter(status="submitted").first(),
        "gov_event": EducationalEvent.objects.first(),
    }


def _answered_appeal(persona) -> Appeal:
    """An appeal assigned to the head of department, answered with a document."""
    appeal = Appeal.objects.filter(assignee=persona(R.HEAD_OF_DEPARTMENT), status="open").order_by("received_on").first()
    return governance_services.appeal_answer(actor=persona(R.METHODOLOGIST), appeal=appeal, answer="Разъяснено.", document=b"%PDF-1.4 answer",
                                             filename="answer.pdf", answered_on=appeal.received_on)


SHARDS = 2  # the matrix is walked in two halves, one per test worker

# Who may open what is decided in Python, the same on either database: the whole matrix is
# walked on SQLite; on PostgreSQL every URL is still requested, by the administrator (who opens
# nearly every page), a listener and an anonymous visitor, so that no page's queries fail there.
@pytest.mark.django_db
@pytest.mark.parametrize("shard", range(SHARDS))
def test_every_url_answers_every_role_as_expected(persona, shard) -> None:
    who = (ANONYMOUS, R.ADMINISTRATOR.value, R.LISTENER.value) if connection.vendor == "postgresql" else WHO
    problems = walk(expectations=EXPECTATIONS, samples=_samples(persona), clients=_clients(persona), admin_statuses=ADMIN_STATUSES, admin_exceptions=ADMIN_EXCEPTIONS,
                    shard=(shard, SHARDS), who=who)
    assert problems == [], "\n".join(problems)


def test_every_project_view_declares_who_may_open_it() -> None:
    assert undecorated_views() == []


# --- The matrix catches a view that forgets its permission check -------------------------------


def leaky_report(request) -> HttpResponse:
    return HttpResponse(", ".join(Person.objects.exclude(iin=None).values_list("iin", flat=True)[:5]))


urlpatterns = [
    *__import__("eacademy.urls", fromlist=["urlpatterns"]).urlpatterns,
    path("reports/leaky/", leaky_report, name="leaky_report"),
]
LEAKY = frozenset({"leaky_report"})  # the whole matrix is walked by the test above


def test_a_view_without_access_decorator_is_reported() -> None:
    assert undecorated_views(urlconf=__name__) == ["leaky_report"]


def test_a_url_without_a_matrix_row_is_reported(persona) -> None:
    with override_settings(ROOT_URLCONF=__name__):
        problems = walk(expectations=EXPECTATIONS, samples={}, clients=_clients(persona), admin_statuses=ADMIN_STATUSES, admin_exceptions=ADMIN_EXCEPTIONS,
                        urlconf=__name__, only=LEAKY)
    assert problems == ["leaky_report: no expectation in the role × URL matrix"]


@pytest.mark.django_db
def test_an_unprotected_view_fails_the_matrix_for_every_role_it_should_refuse(persona) -> None:
    intended = {**EXPECTATIONS, "leaky_report": Expect(allowed(R.ADMINISTRATOR))}
    with override_settings(ROOT_URLCONF=__name__):
        problems = walk(expectations=intended, samples={}, clients=_clients(persona), admin_statuses=ADMIN_STATUSES, admin_exceptions=ADMIN_EXCEPTIONS,
                        urlconf=__name__, only=LEAKY)
    leaks = [p for p in problems if p.startswith("leaky_report")]
    assert len(leaks) == 2 * len(Role.values)  # every role but the administrator, plus anonymous: reading, then posting
    assert "leaky_report (/reports/leaky/) as anonymous: 200, expected 302" in leaks
    assert "leaky_report (/reports/leaky/) as listener: 200, expected 403" in leaks
    assert len(problems) == len(leaks)

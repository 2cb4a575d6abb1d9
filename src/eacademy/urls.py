from django.contrib import admin
from django.urls import include, path

from eacademy.analytics import views as analytics_views
from eacademy.api.main import api
from eacademy.core import views as core_views
from eacademy.evaluation import views as evaluation_views
from eacademy.governance import views as governance_views
from eacademy.journal import views as journal_views
from eacademy.timetable import views as timetable_views

handler400 = core_views.bad_request

urlpatterns = [
    path("", analytics_views.home, name="home"),
    path("health", core_views.health_check, name="health"),
    path("accounts/login/", core_views.login, name="login"),
    path("accounts/logout/", core_views.logout, name="logout"),
    path("accounts/language/", core_views.set_language, name="set_language"),
    path("accounts/password/", core_views.password_change, name="password_change"),
    path("accounts/password/reset/", core_views.password_reset, name="password_reset"),
    path("accounts/password/reset/sent/", core_views.password_reset_done, name="password_reset_done"),
    path("accounts/password/reset/<uidb64>/<token>/", core_views.password_reset_confirm, name="password_reset_confirm"),
    path("accounts/password/reset/done/", core_views.password_reset_complete, name="password_reset_complete"),
    path("accounts/", core_views.account, name="account"),
    path("accounts/notifications/", core_views.notifications, name="notifications"),
    path("accounts/tokens/", core_views.api_token_create, name="api_token_create"),
    path("accounts/tokens/<id:pk>/revoke/", core_views.api_token_revoke, name="api_token_revoke"),
    path("accounts/two-factor/", core_views.two_factor_verify, name="two_factor"),
    path("accounts/two-factor/setup/", core_views.two_factor_setup, name="two_factor_setup"),
    path("analytics/", include("eacademy.analytics.urls")),
    path("people/", include("eacademy.people.urls")),
    path("org/", include("eacademy.org.urls")),
    path("programmes/", include("eacademy.catalog.urls")),
    path("plan/", include("eacademy.planning.urls")),
    path("enrollment/", include("eacademy.enrollment.urls")),
    path("exams/", include("eacademy.exams.urls")),
    path("journal/", include("eacademy.journal.urls")),
    path("graduation/", include("eacademy.graduation.urls")),
    path("timetable/", include("eacademy.timetable.urls")),
    path("calendar/<str:token>.ics", timetable_views.feed, name="timetable_feed"),
    path("verify/<str:code>/", journal_views.verify, name="certificate_verify"),
    path("evaluation/", include("eacademy.evaluation.urls")),
    path("follow-up/<str:token>/", evaluation_views.follow_up, name="follow_up"),
    path("assessment/", include("eacademy.assessment.urls")),
    path("campus/", include("eacademy.campus.urls")),
    path("internships/", include("eacademy.internships.urls")),
    path("events/", include("eacademy.events.urls")),
    path("billing/", include("eacademy.billing.urls")),
    path("postgrad/", include("eacademy.postgrad.urls")),
    path("distance/", include("eacademy.distance.urls")),
    path("library/", include("eacademy.library.urls")),
    path("governance/", include("eacademy.governance.urls")),
    path("verify-signature/", governance_views.verify, name="signature_verify"),
    path("staff/", include("eacademy.staff.urls")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]

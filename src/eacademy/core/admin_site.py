from functools import update_wrapper
from typing import Any

from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from eacademy.core.pages import next_url
from eacademy.core.roles import Role


class AcademyAdminSite(admin.AdminSite):
    """Django's admin, open to the administrator role only (not to `is_staff`), signed in
    through the project's own login page."""

    site_header = _("E-Academy administration")
    site_title = _("E-Academy administration")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and user.has_role(Role.ADMINISTRATOR)

    def admin_view(self, view: Any, cacheable: bool = False) -> Any:
        inner = super().admin_view(view, cacheable)

        def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(guarded, inner)

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        if request.user.is_authenticated:
            raise PermissionDenied
        return redirect_to_login(next_url(request, "/admin/"))

from django.contrib.admin.apps import AdminConfig


class AcademyAdminConfig(AdminConfig):
    """Django's admin with our site class (kept apart: the site imports models, this may not)."""

    default_site = "eacademy.core.admin_site.AcademyAdminSite"

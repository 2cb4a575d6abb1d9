from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "eacademy.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from django.urls import register_converter

        from eacademy.core.numbers import IdConverter
        from eacademy.core.roles_sync import sync_role_groups

        register_converter(IdConverter, "id")  # <id:pk>: a key the database can hold, or no match (404)

        # Without a sender: permissions of apps later in INSTALLED_APPS exist only by the last call.
        post_migrate.connect(sync_role_groups, dispatch_uid="eacademy_sync_role_groups")

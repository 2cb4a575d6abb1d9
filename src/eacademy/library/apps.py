from django.apps import AppConfig
from django.db import connections
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _install_search(using: str = "default", **_kwargs: object) -> None:
    from eacademy.library import search

    search.install(connections[using])


class LibraryConfig(AppConfig):
    name = "eacademy.library"
    label = "library"
    verbose_name = _("Library and academic honesty")

    def ready(self) -> None:
        # The search engine's own index is not a model: it is made after every migrate, as
        # contenttypes makes its rows (the test databases are made from the models).
        post_migrate.connect(_install_search, sender=self, dispatch_uid="library_search_install")

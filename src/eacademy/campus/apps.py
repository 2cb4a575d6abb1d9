from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CampusConfig(AppConfig):
    name = "eacademy.campus"
    label = "campus"
    verbose_name = _("Campus")

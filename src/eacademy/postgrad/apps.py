from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PostgradConfig(AppConfig):
    name = "eacademy.postgrad"
    label = "postgrad"
    verbose_name = _("Postgraduate study")

"""Third-party apps under names in the reader's language: their own configurations give none
(the admin site would show "Otp_Totp") or an untranslated one. Listed in INSTALLED_APPS in
place of the apps' own."""

from axes.apps import AppConfig as AxesConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_static.apps import DefaultConfig as StaticConfig
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpConfig
from django_tasks_db.apps import TasksAppConfig


class SignInAttemptsConfig(AxesConfig):
    verbose_name = _("Sign-in attempts")


class AuthenticatorAppsConfig(TotpConfig):
    verbose_name = _("Authenticator apps")


class BackupCodesConfig(StaticConfig):
    verbose_name = _("Backup codes")


class TaskQueueConfig(TasksAppConfig):
    verbose_name = _("Background tasks")  # type: ignore[assignment]  # a lazy translation, as Django allows

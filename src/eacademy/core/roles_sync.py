"""Keeps one group per role, and gives the administrator group every model permission (so the
admin works for administrators without making them superusers). Run after every migrate."""

from typing import Any

from django.contrib.auth.models import Group, Permission

from eacademy.core.roles import Role


def sync_role_groups(**_: Any) -> None:
    for role in Role.values:
        Group.objects.get_or_create(name=role)
    administrators = Group.objects.get(name=Role.ADMINISTRATOR)
    administrators.permissions.set(Permission.objects.all())

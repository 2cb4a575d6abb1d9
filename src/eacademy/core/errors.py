from django.core.exceptions import PermissionDenied, ValidationError


class DomainError(ValidationError):
    """A rule of the domain was broken. Carries a translatable message, or a dict of them by field,
    so that forms show it beside the field and the API returns it as 422."""


class NotAllowed(PermissionDenied, DomainError):
    """The actor's roles do not allow the change: pages show the message like any refusal, the
    API answers 403 (its PermissionDenied handler is found first)."""

from django.core.exceptions import ValidationError


class DomainError(ValidationError):
    """A rule of the domain was broken. Carries a translatable message, or a dict of them by field,
    so that forms show it beside the field and the API returns it as 422."""

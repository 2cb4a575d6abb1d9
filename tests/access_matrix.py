"""The role × URL matrix: every URL of a URLconf, requested as every role and anonymously,
compared with what is expected. Used by tests/core/test_access_matrix.py, and by a test that
shows it catches a view without a permission check.

- Every URL name must have an expectation, or the walk reports it: a new URL cannot slip in
  unchecked. Admin URLs are generated from the admin's registry.
- Every non-admin, non-API view must carry an access decorator (`eacademy.core.access`).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.contrib import admin
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse

from eacademy.core.access import access_policy
from eacademy.core.roles import Role

ANONYMOUS = "anonymous"
EVERY_ROLE = tuple(Role.values)
WHO = (ANONYMOUS, *EVERY_ROLE)


@dataclass(frozen=True)
class Expect:
    """Status per role; `url` builds the concrete URL from sample objects. `scripts_inline`
    names why a page may let inline scripts run (the one exception to the policy, argued)."""

    statuses: dict[str, int]
    url: Callable[[dict[str, object]], str] | None = None
    scripts_inline: str = ""


def allowed(*roles: str, ok: int = 200, denied: int = 403, anonymous: int = 302, **exceptions: int) -> dict[str, int]:
    statuses = {who: (ok if who in roles else denied) for who in EVERY_ROLE}
    statuses[ANONYMOUS] = anonymous
    statuses.update(exceptions)
    return statuses


def signed_in(ok: int = 200, anonymous: int = 302) -> dict[str, int]:
    return allowed(*EVERY_ROLE, ok=ok, anonymous=anonymous)


def everyone(status: int = 200) -> dict[str, int]:
    return dict.fromkeys(WHO, status)


def url_names(urlconf: str | None = None) -> Iterator[tuple[str, URLPattern]]:
    def walk(patterns: list, namespace: str) -> Iterator[tuple[str, URLPattern]]:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                yield from walk(entry.url_patterns, inner)
            elif isinstance(entry, URLPattern) and entry.name:
                yield f"{namespace}{entry.name}", entry

    yield from walk(get_resolver(urlconf).url_patterns, "")


def undecorated_views(urlconf: str | None = None) -> list[str]:
    """Project views (not admin, not API: those have their own checks) without an access policy."""
    return sorted(
        name
        for name, pattern in url_names(urlconf)
        if not name.startswith(("admin:", "api:")) and access_policy(pattern.callback) is None
    )


# An id no row has (of the key's type): the admin redirects to its index for it.
MISSING_INT, MISSING_UUID = "999999999", "00000000-0000-0000-0000-000000000000"


def admin_urls(urlconf: str | None = None) -> dict[str, str]:
    """The admin's own views and every view of each registered model: list and add, and the
    object views (change, history, delete, and any extra ones) on the model's first row, or on
    a row that does not exist when the table is empty (that still proves who is refused)."""
    names = [name for name, _pattern in url_names(urlconf) if name.startswith("admin:")]
    urls = {"admin:index": reverse("admin:index")}
    for model in admin.site._registry:
        meta = model._meta
        prefix = f"admin:{meta.app_label}_{meta.model_name}_"
        urls[f"admin:app_list {meta.app_label}"] = reverse("admin:app_list", args=[meta.app_label])
        obj = model.objects.order_by("pk").first()
        pk = obj.pk if obj is not None else (MISSING_UUID if model._meta.pk.get_internal_type() == "UUIDField" else MISSING_INT)
        for name in names:
            if not name.startswith(prefix) or name.endswith("_simple_history"):
                continue
            try:
                urls[name] = reverse(name)
            except NoReverseMatch:
                urls[name] = reverse(name, args=[pk])
        if obj is not None and hasattr(model, "history"):
            record = obj.history.order_by("history_id").first()
            urls[f"{prefix}simple_history"] = reverse(f"{prefix}simple_history", args=[obj.pk, record.history_id])
        if model._meta.label_lower == "core.user":
            urls["admin:auth_user_password_change"] = reverse("admin:auth_user_password_change", args=[pk])
    return urls



# Admin URL names the walk does not request, and why.
ADMIN_NOT_WALKED = {
    "admin:login": "redirects to the project's login page (walked as accounts/login)",
    "admin:logout": "POST only; the project's logout is walked",
    "admin:password_change": "Django's own password change page",
    "admin:password_change_done": "Django's own password change page",
    "admin:autocomplete": "JSON for autocomplete widgets; needs query parameters",
    "admin:jsi18n": "JavaScript catalog",
    "admin:view_on_site": "redirect helper with a content type",
    "admin:app_list": "walked once per app label",
}


def walk(
    *,
    expectations: dict[str, Expect],
    samples: dict[str, object],
    clients: dict[str, Client],
    admin_statuses: dict[str, int],
    admin_exceptions: dict[str, dict[str, int]],
    urlconf: str | None = None,
    only: frozenset[str] | None = None,
    shard: tuple[int, int] = (0, 1),
    who: tuple[str, ...] = WHO,
) -> list[str]:
    """Request every URL as everyone (or as `who`); return the differences from what is
    expected. `only` walks just the named project URLs (the tests of the walk itself need no
    more); `shard` (i, n) walks every n-th URL from the i-th, so that the test workers share the matrix."""
    problems: list[str] = []
    targets: dict[str, tuple[str, dict[str, int]]] = {}
    inline_allowed = {name for name, expect in expectations.items() if expect.scripts_inline}
    admin_targets = admin_urls(urlconf) if only is None else {}
    for name, _pattern in url_names(urlconf):
        if only is not None and name not in only:
            continue
        if name.startswith("admin:"):
            if name not in admin_targets and name not in ADMIN_NOT_WALKED:
                problems.append(f"{name}: admin URL neither walked nor listed in ADMIN_NOT_WALKED")
            continue
        expect = expectations.get(name)
        if expect is None:
            problems.append(f"{name}: no expectation in the role × URL matrix")
            continue
        url = expect.url(samples) if expect.url else reverse(name, urlconf=urlconf)
        targets[name] = (url, expect.statuses)
    for name, url in admin_targets.items():
        statuses = dict(admin_statuses)
        if MISSING_INT in url or MISSING_UUID in url:  # the administrator is sent back to the admin index
            statuses[Role.ADMINISTRATOR.value] = 302
        targets[name] = (url, statuses | admin_exceptions.get(name, {}))
    index, count = shard
    if index:
        problems = []  # the missing rows are reported once, by the first shard
    for name, (url, statuses) in sorted(targets.items())[index::count]:
        for caller in who:
            response = clients[caller].get(url)
            if response.status_code != statuses[caller]:
                problems.append(f"{name} ({url}) as {caller}: {response.status_code}, expected {statuses[caller]}")
            fault = policy_fault(response.get("Content-Security-Policy", ""))
            if fault and not (name in inline_allowed and fault == INLINE_FAULT):
                problems.append(f"{name} ({url}) as {caller}: {fault}")
            if statuses[caller] in REFUSALS and not name.startswith("admin:"):
                # Who may not read may not write either: a POST is refused as the GET is.
                posted = clients[caller].post(url, {})
                # the API reads its body against the schema before the operation asks who (400)
                if posted.status_code not in DENIALS | ({400} if name.startswith("api:") else set()):
                    problems.append(f"{name} ({url}) POST as {caller}: {posted.status_code}, expected a refusal")
    return problems


REFUSALS = frozenset({302, 403, 404})  # a GET answered 405 is a POST-only view: its POST is the action
DENIALS = REFUSALS | {405}


INLINE_FAULT = "the Content-Security-Policy lets inline scripts run"


def policy_fault(policy: str) -> str | None:
    """What is wrong with a response's Content-Security-Policy: missing, or letting inline
    scripts run (script-src, or default-src when there is no script-src)."""
    if not policy:
        return "no Content-Security-Policy"
    directives = {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.split()}
    scripts = directives.get("script-src", directives.get("default-src"))
    if scripts is None:
        return "the Content-Security-Policy does not restrict scripts"
    if "'unsafe-inline'" in scripts or "'unsafe-eval'" in scripts:
        return INLINE_FAULT
    return None

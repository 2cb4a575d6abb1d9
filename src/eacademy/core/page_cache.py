"""A whole page cached per session, language and address, for pages every user opens often
and that may be a minute old (the home page). The CSRF token inside stays valid: it belongs to
the same browser. A page with pending messages is neither served from nor put in the cache."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.messages import get_messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language


def per_session_page_cache(seconds: int) -> Callable[[Callable[..., HttpResponse]], Callable[..., HttpResponse]]:
    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            session_key = request.session.session_key
            key = f"page:{session_key}:{get_language()}:{request.get_full_path()}"
            content = None if session_key is None or len(get_messages(request)) else cache.get(key)
            if content is not None:
                response = HttpResponse(content)
            else:
                response = view(request, *args, **kwargs)
                if session_key and response.status_code == 200 and not len(get_messages(request)):
                    cache.set(key, response.content, seconds)
            patch_cache_control(response, private=True, no_cache=True)
            return response

        return wrapper

    return decorator

import logging


class DropRequest(logging.Filter):
    """Django attaches the request to error records, and its repr carries the query string
    (a search by IIN or name would reach the logs). Personal data stays out: drop it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.__dict__.pop("request", None)
        return True


class RefusalsWithoutTraceback(logging.Filter):
    """A 403 or 404 is the system refusing as designed, not a fault: its record keeps its line
    ("Forbidden: /path") but not the exception's traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "status_code", None) in (403, 404):
            record.exc_info, record.exc_text = None, None
        return True

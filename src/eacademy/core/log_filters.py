import logging


class DropRequest(logging.Filter):
    """Django attaches the request to error records, and its repr carries the query string
    (a search by IIN or name would reach the logs). Personal data stays out: drop it."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.__dict__.pop("request", None)
        return True

"""A small client of BigBlueButton's API: create a room, a join link, end it, who is in it
(getMeetingInfo) and its recordings (getRecordings). Each call is signed with the checksum of
the call's name, its query string and the server's shared secret (SHA-1 by default, SHA-256 when
the server is set so). Why by hand: the Python clients on the registry are stale, and the API is
a handful of signed GETs answering XML."""

import datetime
import hashlib
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO
from urllib.parse import urlencode

from lxml import etree

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


class BigBlueButtonError(Exception):
    """The server answered FAILED (its messageKey and message), or did not answer."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"{key}: {message}")
        self.key, self.message = key, message


@dataclass(frozen=True)
class Attendee:
    user_id: str
    name: str
    moderator: bool


@dataclass(frozen=True)
class Recording:
    record_id: str
    url: str
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None


def _moment(milliseconds: str | None) -> datetime.datetime | None:
    return datetime.datetime.fromtimestamp(int(milliseconds) / 1000, tz=datetime.UTC) if milliseconds and milliseconds.isdigit() else None


class Client:
    def __init__(self, base_url: str, secret: str, *, algorithm: str = "sha1", timeout: float = 10.0,
                 opener: Callable[..., IO[bytes]] = urllib.request.urlopen) -> None:
        self.base_url, self.secret, self.algorithm, self.timeout, self.opener = base_url.rstrip("/"), secret, algorithm, timeout, opener

    def signed_url(self, call: str, params: dict[str, str]) -> str:
        """The call's address with its checksum: hash(call + query + secret), as the server computes it."""
        query = urlencode(params)
        checksum = hashlib.new(self.algorithm, f"{call}{query}{self.secret}".encode()).hexdigest()
        return f"{self.base_url}/{call}?{query}&checksum={checksum}" if query else f"{self.base_url}/{call}?checksum={checksum}"

    def _call(self, call: str, params: dict[str, str]) -> etree._Element:
        try:
            with self.opener(self.signed_url(call, params), timeout=self.timeout) as response:
                root = etree.fromstring(response.read(), parser=_PARSER)
        except (OSError, etree.XMLSyntaxError) as exc:
            raise BigBlueButtonError("unreachable", str(exc)) from exc
        if root.findtext("returncode") != "SUCCESS":
            raise BigBlueButtonError(root.findtext("messageKey") or "failed", root.findtext("message") or "")
        return root

    def create(self, meeting_id: str, name: str, *, record: bool = True, duration_minutes: int = 0, logout_url: str = "",
               analytics_callback_url: str = "") -> None:
        """Create the room (calling it again for a running room is harmless: the server answers
        with the same room)."""
        params = {"meetingID": meeting_id, "name": name, "record": "true" if record else "false", "autoStartRecording": "false",
                  "allowStartStopRecording": "true", "duration": str(duration_minutes)}
        if logout_url:
            params["logoutURL"] = logout_url
        if analytics_callback_url:  # the server posts who was there, from when to when, once the room ends
            params["meta_analytics-callback-url"] = analytics_callback_url
        self._call("create", params)

    def join_url(self, meeting_id: str, full_name: str, *, user_id: str, moderator: bool) -> str:
        """The address the browser opens to enter the room (never fetched by us)."""
        return self.signed_url("join", {"meetingID": meeting_id, "fullName": full_name, "userID": user_id,
                                        "role": "MODERATOR" if moderator else "VIEWER", "redirect": "true"})

    def end(self, meeting_id: str) -> None:
        self._call("end", {"meetingID": meeting_id})

    def attendees(self, meeting_id: str) -> list[Attendee]:
        root = self._call("getMeetingInfo", {"meetingID": meeting_id})
        return [Attendee(a.findtext("userID") or "", a.findtext("fullName") or "", a.findtext("role") == "MODERATOR")
                for a in root.iterfind("attendees/attendee")]

    def recordings(self, meeting_id: str) -> list[Recording]:
        root = self._call("getRecordings", {"meetingID": meeting_id})
        found = []
        for r in root.iterfind("recordings/recording"):
            url = next((f.findtext("url") or "" for f in r.iterfind("playback/format") if f.findtext("type") == "presentation"),
                       r.findtext("playback/format/url") or "")
            found.append(Recording(r.findtext("recordID") or "", url, _moment(r.findtext("startTime")), _moment(r.findtext("endTime"))))
        return found

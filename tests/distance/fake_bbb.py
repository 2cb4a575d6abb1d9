"""A BigBlueButton server for the tests: it checks every call's checksum as the real one does
(hash of the call's name, its query string without the checksum, and the shared secret) and
answers with XML recorded in the shape the API documents."""

import hashlib
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

SECRET = "8cd8ef52e8e101574e400365b55e11a6"

FAILED = """<response><returncode>FAILED</returncode><messageKey>checksumError</messageKey>
<message>You did not pass the checksum security check</message></response>"""
CREATED = """<response><returncode>SUCCESS</returncode><meetingID>{meeting}</meetingID><internalMeetingID>0d1a4f9c6e3b2a5c-1733212800000</internalMeetingID>
<attendeePW>ap</attendeePW><moderatorPW>mp</moderatorPW><createTime>1733212800000</createTime><hasBeenForciblyEnded>false</hasBeenForciblyEnded>
<messageKey></messageKey><message></message></response>"""
MEETING_INFO = """<response><returncode>SUCCESS</returncode><meetingName>Lesson</meetingName><meetingID>{meeting}</meetingID>
<running>true</running><participantCount>{count}</participantCount><attendees>{attendees}</attendees></response>"""
ATTENDEE = """<attendee><userID>{user}</userID><fullName>{name}</fullName><role>{role}</role><isPresenter>false</isPresenter>
<isListeningOnly>false</isListeningOnly><hasJoinedVoice>true</hasJoinedVoice><hasVideo>false</hasVideo><clientType>HTML5</clientType></attendee>"""
RECORDINGS = """<response><returncode>SUCCESS</returncode><recordings><recording><recordID>ffbfc4cc24428694e8b53a4e144f414052431693-1733212800000</recordID>
<meetingID>{meeting}</meetingID><published>true</published><state>published</state><startTime>1733212800000</startTime><endTime>1733217600000</endTime>
<playback><format><type>presentation</type><url>https://bbb.example.kz/playback/presentation/2.3/ffbfc4cc24428694e8b53a4e144f414052431693-1733212800000</url>
<length>80</length></format></playback></recording></recordings></response>"""
ENDED = """<response><returncode>SUCCESS</returncode><messageKey>sentEndMeetingRequest</messageKey><message>A request to end the meeting was sent.</message></response>"""


class FakeBigBlueButton:
    def __init__(self, secret: str = SECRET, algorithm: str = "sha1") -> None:
        self.secret, self.algorithm = secret, algorithm
        self.calls: list[tuple[str, dict[str, str]]] = []
        self.attendees: list[tuple[str, str, str]] = []  # (userID, fullName, role) in the room now
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                call, params, valid = fake.check(self.path)
                if valid:
                    fake.calls.append((call, params))
                body = fake.answer(call, params) if valid else FAILED
                self.send_response(200)
                self.send_header("Content-Type", "text/xml; charset=utf-8")
                self.end_headers()
                self.wfile.write(body.encode())

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/bigbluebutton/api"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def check(self, path: str) -> tuple[str, dict[str, str], bool]:
        """The call, its parameters, and whether its checksum is the secret's."""
        parts = urlsplit(path)
        call = parts.path.rsplit("/", 1)[-1]
        query, _sep, checksum = parts.query.rpartition("&checksum=") if "&checksum=" in parts.query else ("", "", parts.query.removeprefix("checksum="))
        expected = hashlib.new(self.algorithm, f"{call}{query}{self.secret}".encode()).hexdigest()
        params = {k: v[0] for k, v in parse_qs(query).items()}
        return call, params, checksum == expected

    def answer(self, call: str, params: dict[str, str]) -> str:
        meeting = params.get("meetingID", "")
        if call == "create":
            return CREATED.format(meeting=meeting)
        if call == "getMeetingInfo":
            people = "".join(ATTENDEE.format(user=u, name=n, role=r) for u, n, r in self.attendees)
            return MEETING_INFO.format(meeting=meeting, count=len(self.attendees), attendees=people)
        if call == "getRecordings":
            return RECORDINGS.format(meeting=meeting)
        if call == "end":
            return ENDED
        return FAILED

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

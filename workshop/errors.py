"""One error type for everything a person can get wrong, with a message for that person in their language."""

from flask_babel import gettext as _, lazy_gettext


class WorkshopError(Exception):
    """A refused request: `message` is shown to the person, `status` is the HTTP status. A lazy_gettext message
    is put into the language of the moment it is raised."""

    def __init__(self, message, status: int = 400, reason: str = "invalid"):
        message = str(message)
        super().__init__(message)
        self.message = message
        self.status = status
        self.reason = reason

    def as_ack(self) -> dict:
        """The Socket.IO acknowledgement for this error."""
        return {"ok": False, "error": self.message, "reason": self.reason}


def not_found(message=None) -> WorkshopError:
    return WorkshopError(message or _("Deze sessiecode bestaat niet. Controleer de code en probeer het opnieuw."),
                         status=404, reason="not_found")


def forbidden(message=None) -> WorkshopError:
    return WorkshopError(message or _("Alleen de procesbegeleider van deze sessie mag dit doen."),
                         status=403, reason="forbidden")


class StorageError(WorkshopError):
    """The database could not be written or read (disk full, locked): nothing of this request was stored.
    `wording` is the lazy message, so the facilitator's screens can be told in the session's language."""

    def __init__(self, wording, reason: str):
        super().__init__(wording, status=503, reason=reason)
        self.wording = wording


DAMAGED = lazy_gettext("De gegevens van deze sessie zijn beschadigd en kunnen niet worden gelezen. Wat in andere "
                       "sessies staat werkt gewoon; neem contact op met wie de server beheert.")


def session_damaged() -> StorageError:
    """A session file that is not a whole SQLite database: left as it is, for whoever runs the server."""
    return StorageError(DAMAGED, reason="session_damaged")

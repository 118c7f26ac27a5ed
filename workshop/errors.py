"""One error type for everything a person can get wrong, with a Dutch message for that person."""


class WorkshopError(Exception):
    """A refused request: `message` is shown to the person, `status` is the HTTP status."""

    def __init__(self, message: str, status: int = 400, reason: str = "invalid"):
        super().__init__(message)
        self.message = message
        self.status = status
        self.reason = reason

    def as_ack(self) -> dict:
        """The Socket.IO acknowledgement for this error."""
        return {"ok": False, "error": self.message, "reason": self.reason}


NO_SUCH_CODE = "Deze sessiecode bestaat niet. Controleer de code en probeer het opnieuw."


def not_found(message: str = NO_SUCH_CODE) -> WorkshopError:
    return WorkshopError(message, status=404, reason="not_found")


def forbidden(message: str = "Alleen de procesbegeleider van deze sessie mag dit doen.") -> WorkshopError:
    return WorkshopError(message, status=403, reason="forbidden")


class StorageError(WorkshopError):
    """The database could not be written or read (disk full, locked): nothing of this request was stored."""

    def __init__(self, message: str, reason: str):
        super().__init__(message, status=503, reason=reason)


def session_damaged() -> StorageError:
    """A session file that is not a whole SQLite database: left as it is, for whoever runs the server."""
    return StorageError("De gegevens van deze sessie zijn beschadigd en kunnen niet worden gelezen. Wat in andere "
                        "sessies staat werkt gewoon; neem contact op met wie de server beheert.",
                        reason="session_damaged")

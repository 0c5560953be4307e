"""The blog library's exceptions: each says what went wrong in words a person can read."""

from __future__ import annotations

OUTSIDE = "outside"
"""A confirmation: writing goes through a link to a place outside the blog."""
LINK = "link"
"""A confirmation: the post became a link since it was opened."""
READ_ONLY = "read-only"
"""A confirmation: the file has no write permission for the user."""


class BlogError(Exception):
    """Something went wrong with the blog, said in words a person can read."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NeedsConfirmation(BlogError):
    """A write that the user must agree to first; the message is the question,
    ``kind`` (OUTSIDE, LINK, READ_ONLY) what to pass as confirmed to go on."""

    def __init__(self, message: str, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


class ChangedOnDisk(BlogError):
    """The file no longer holds the text it was read with: another program
    wrote it. Nothing was written; the user chooses what to keep."""

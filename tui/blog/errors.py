"""The one exception type of the blog library."""

from __future__ import annotations


class BlogError(Exception):
    """Something went wrong with the blog, said in words a person can read."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

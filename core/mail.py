"""Helpers for the e-mails we send."""

from __future__ import annotations


def subject_line(text: str) -> str:
    """An e-mail subject on one line: user-written text (a task title, an association's name)
    may hold line breaks, and Django refuses to send a header with one (header injection
    guard), which would fail only after the change behind the e-mail was saved."""
    return " ".join(text.split())

"""Reminders by e-mail and SMS (shifts, follow-ups, confirmations, the coordinators' weekly
digest), each volunteer's choices, and the log of what was sent.

May import: `figures`, `volunteers`, `activities`, `organisations`, `core` (not its siblings
`reports` and `publicsite`).
"""

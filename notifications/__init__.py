"""Reminders by e-mail and SMS (shifts, follow-ups, confirmations, the coordinators' weekly
digest, the state grant round's deadline, a ready annual evaluation), each volunteer's
choices, and the log of what was sent.

May import: `reports`, `centreyear`, `figures`, `volunteers`, `activities`, `organisations`,
`core` (not its sibling `publicsite`).
"""

"""Tasks and matching: the needs (oppdrag) the centre and the associations post, the volunteers
suggested for and matched to them, and their follow-up.

May import: `volunteers` (who is matched), `organisations`, `core`.
"""

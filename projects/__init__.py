"""Projects: funded work with its yearly targets, sub-goals and effect goals, partners, grants,
budgets, outcome counters and figures reported from outside. The pages that present figures
about them (the target dashboard, the project's page) are the figures app's.

May import: `organisations`, `core`.
"""

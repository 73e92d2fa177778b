"""Activities and projects: the activity log and weekly series, projects with targets,
sub-goals, effect goals, partners, grants and budgets. The pages that present figures about
them (the target dashboard, the project's page) are the figures app's.

May import: `organisations`, `core`.
"""

"""Activities: the activity log, weekly series and participant counts, each activity in a
project. The figures about them are the figures engine's.

May import: `projects`, `organisations`, `core`.
"""

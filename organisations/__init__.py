"""The associations' registry: associations, categories, memberships and invitations, their
import from CSV/Excel (import batches run on the job kernel), export and statistics, and the
public directory.

May import: `core`.
"""

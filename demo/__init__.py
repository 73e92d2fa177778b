"""The Fjordvik demo data (`manage.py seed_demo`).

May import: every app except `frivillig`.
"""

"""Reusable widgets and small modal screens."""

"""The Textual app: `planner` with no command."""

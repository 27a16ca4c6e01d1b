"""Command handlers: each takes the Context and returns an exit code."""

"""The content pack and template loader: reads the TOML shipped inside the package.

Submodules: `bundled` (where the shipped folders are), `reader` (typed TOML access and the
errors), `entries` and `pack` (a pack), `templates` (the seniority templates) and `library`
(packs and templates loaded once per process). Nothing is imported here, so `planner today`
loads none of the validation code.
"""

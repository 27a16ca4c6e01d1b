"""Packaging beside pyproject.toml: the top-level content/ and plans/ ship inside the package.

The TOML data stays at the top of the repository (DESIGN.md); the wheel and the sdist carry it
as package data of `planner.content` (`planner/content/packs/` and `planner/content/plans/`),
read with importlib.resources by `planner.content.bundled`. pyproject.toml cannot add mapped
packages to the discovered ones, hence this file.
"""

from setuptools import find_namespace_packages, setup

setup(
    packages=[
        *find_namespace_packages(include=["planner", "planner.*"], exclude=["*.__pycache__"]),
        "planner.content.packs",
        "planner.content.plans",
    ],
    package_dir={"planner.content.packs": "content", "planner.content.plans": "plans"},
)

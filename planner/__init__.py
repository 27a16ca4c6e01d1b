"""Loop Planner: get a product-manager candidate ready for an interview loop."""

__version__ = "0.1.0"

"""pathfig: pathway figures from scientific papers as computable data."""

__version__ = "0.1.0"

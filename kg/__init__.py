"""summit-kg: a knowledge graph of international summits, built from news articles.

The flow is read -> extract -> link -> map -> store -> serve; each step is its own
module (see README.md for the map).
"""

__version__ = "0.1.0"

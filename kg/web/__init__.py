"""The web layer: Flask blueprints over the store."""

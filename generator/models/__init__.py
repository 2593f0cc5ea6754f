"""Typed content models, one module per area; shared field types live in ``fields.py``."""

"""Commands that work on journey files: ``new``, ``validate``, ``schema``."""

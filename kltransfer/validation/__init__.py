"""Checking blueprints: the JSON Schema, the checks beyond it, and runs over many files."""

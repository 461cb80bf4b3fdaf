"""Reading blueprint files: a safe YAML loader that remembers where every value stands."""

"""Finding blueprints: one summary entry per blueprint, filters, search and the catalog site."""

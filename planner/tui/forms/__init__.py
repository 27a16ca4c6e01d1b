"""Modal forms of the tracker screens; each returns its values through `dismiss`."""

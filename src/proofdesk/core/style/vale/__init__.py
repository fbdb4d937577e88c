"""Vale's rule types ("extension points") as compiled, ready-to-run objects."""

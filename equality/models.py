"""Models of the equality app."""

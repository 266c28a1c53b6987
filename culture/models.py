"""Models of the culture app."""

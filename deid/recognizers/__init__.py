"""One module per identifier type; each exposes a pure ``find(text)`` and is wrapped for Presidio."""

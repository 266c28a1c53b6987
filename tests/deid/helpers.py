def found(deid, text, label=None):
    """The texts of the spans found, optionally of one label."""
    return [text[s.start:s.end] for s in deid.analyse(text) if label is None or s.label == label]

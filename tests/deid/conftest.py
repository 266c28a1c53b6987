import pytest

from deid import DeidConfig, Deidentifier


@pytest.fixture(scope="session")
def deid():
    """One engine for the folder: the spaCy model loads once per process anyway."""
    return Deidentifier(DeidConfig())

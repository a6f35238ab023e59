"""The version of remit, in a module of its own so that ``remit --version`` imports nothing else."""

__version__ = "0.1.0"

"""ProofDesk: a proofing desk for newspaper and website sub-editors."""

__version__ = "0.1.0"

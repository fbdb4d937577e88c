"""The Qt-free proofing engine: everything a batch job or a test needs."""

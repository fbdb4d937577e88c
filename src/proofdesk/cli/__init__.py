"""The ``proofdesk`` command line (argparse), shared by batch jobs and the app launcher."""

"""``python -m trp_handbook``: the command line (:mod:`trp_handbook.cli.main`)."""

import sys

from trp_handbook.cli.main import main

# guarded: a process pool started with "spawn" imports the main module again in every worker
if __name__ == "__main__":
    sys.exit(main())

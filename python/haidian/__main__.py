"""``python -m haidian``: the application's command line (:mod:`haidian.app.cli`)."""

import sys

from .app.cli import main

if __name__ == "__main__":
    sys.exit(main())

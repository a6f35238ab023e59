"""``python -m remit``: the same as the ``remit`` command."""

import sys

from remit.cli import main

sys.exit(main())

"""Run the command line with ``python -m sahel_analysis``."""

import sys

from sahel_analysis.cli import main

sys.exit(main())

import sys

from rlve_fast.cli import main

sys.exit(main())

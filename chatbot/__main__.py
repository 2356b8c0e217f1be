"""`python -m chatbot`: the same as the `chatbot` command."""

from __future__ import annotations

import sys

from chatbot.cli import main

sys.exit(main())

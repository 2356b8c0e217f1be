"""chatbot: an offline FAQ assistant for men with advanced prostate cancer and their carers."""

from __future__ import annotations

__version__ = "0.1.0"

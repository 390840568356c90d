"""Where an award row came from: an application marked awarded, or an imported history file."""

from enum import StrEnum


class AwardSource(StrEnum):
    APPLICATION = "application"
    IMPORT = "import"

"""The one check for a whole number from a client (JSON): JSON's true and false are not numbers, though Python
counts them as ints, and a float such as 2.0 is not whole here either."""

import math


def is_whole(value, low: float = -math.inf, high: float = math.inf) -> bool:
    """Pure: whether a client's `value` is a whole number (an int, not a bool) from `low` to `high`."""
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high

"""Statistics over telemetry, called from C# through its generated typed wrapper (TelemetryStatsModule)."""
from typing import Annotated

import numpy as np
import numpy.typing as npt

# The numpy twin of the C# [Struct] Prom.Sample.Window (names, offsets and item size of Window.Layout).
WINDOW = np.dtype({"names": ["start", "mean", "min", "max"], "formats": ["<i4", "<f8", "<f8", "<f8"],
                   "offsets": [0, 8, 16, 24], "itemsize": 32})


def windows(temperatures: npt.NDArray[np.float64], size: int = 4) -> Annotated[npt.NDArray[np.void], "Prom.Sample.Window"]:
    """Cuts the series into windows of `size` readings and returns one Window (start, mean, min, max) per window."""
    count = len(temperatures) // size
    out = np.zeros(count, dtype=WINDOW)
    if count:
        blocks = temperatures[: count * size].reshape(count, size)
        out["start"] = np.arange(count) * size
        out["mean"] = blocks.mean(axis=1)
        out["min"] = blocks.min(axis=1)
        out["max"] = blocks.max(axis=1)
    return out

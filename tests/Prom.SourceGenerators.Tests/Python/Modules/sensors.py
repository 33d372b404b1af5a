'''Sensor helpers used by the typed-module tests.'''
from __future__ import annotations

import asyncio
from dataclasses import dataclass
from collections.abc import Iterator, Mapping, Sequence
from typing import Annotated, Literal, Optional

import numpy as np
import numpy.typing as npt

_DEFAULT_LATER = 7.5
Readings = npt.NDArray[np.float64]


def calibrate(readings: Readings, gain: float = 2.0, *, offset: float = 0.0) -> float:
    """Scales the readings in place and returns their sum.

    The array is shared with C#: the caller sees the scaled values.
    """
    readings *= gain
    readings += offset
    return float(readings.sum())


def total(readings: Readings, weights: Optional[Readings] = None) -> str:
    """Reads the readings only: a plain C# array is enough (it arrives as a read-only copy)."""
    w = 1.0 if weights is None else weights
    return f"{float((readings * w).sum())}:{readings.size}:{readings.flags.writeable}"


def describe(name: str, count: int, ratio: float, flag: bool, data: bytes) -> str:
    return f"{name}|{count}|{ratio}|{flag}|{data.hex()}"


def cube(n: Annotated[int, "BigInteger"]) -> Annotated[int, "BigInteger"]:
    return n ** 3


def maybe(x: int | None = None) -> Optional[str]:
    return None if x is None else str(x)


def pairs(items: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    return [(k, v * 2) for k, v in items]


def totals(m: Mapping[str, list[float]]) -> dict[str, float]:
    return {k: sum(v) for k, v in m.items()}


def mode(kind: Literal["fast", "slow"] = "fast") -> str:
    return kind.upper()


def nothing() -> None:
    pass


def spread(first: int, /, *rest: int, scale: int = 1, **named: int) -> str:
    return f"{first}:{list(rest)}:{scale}:{sorted(named.items())}"


def later(x: float = _DEFAULT_LATER, y: float = 1.0) -> float:
    return x * y


def count_up(n: int) -> Iterator[int]:
    for i in range(n):
        yield i * i


async def slow_add(a: int, b: int) -> int:
    await asyncio.sleep(0.01)
    return a + b


def to_readings(values: Readings) -> Annotated[npt.NDArray[np.void], "App.Reading"]:
    dt = np.dtype({"names": ["value", "index"], "formats": ["<f8", "<i4"], "offsets": [0, 8], "itemsize": 16})
    out = np.zeros(len(values), dtype=dt)
    out["value"] = values * 10
    out["index"] = np.arange(len(values))
    return out


def wrong_readings() -> Annotated[npt.NDArray[np.void], "App.Reading"]:
    # Same size, fields swapped: numpy would hand it over as a Reading[] with garbage values.
    dt = np.dtype({"names": ["index", "value"], "formats": ["<i4", "<f8"], "offsets": [0, 8], "itemsize": 16})
    return np.zeros(3, dtype=dt)


class Calibrator:
    """Holds a gain."""
    label: str

    def __init__(self, gain: float, label: str = "c") -> None:
        self._gain = gain
        self.label = label

    @property
    def gain(self) -> float:
        return self._gain

    @gain.setter
    def gain(self, value: float) -> None:
        self._gain = value

    def apply(self, x: float) -> float:
        return x * self._gain

    def twin(self) -> "Calibrator":
        return Calibrator(self._gain * 2, self.label + "2")


@dataclass
class Span:
    """A half-open range of ints."""
    start: int
    stop: int = 10

    def length(self) -> int:
        return self.stop - self.start

    @staticmethod
    def unit() -> "Span":
        return Span(0, 1)


def make_calibrator(gain: float) -> Calibrator:
    return Calibrator(gain)


def use_calibrator(c: Calibrator, x: float) -> float:
    return c.apply(x)


def wrong_type() -> int:
    return "not an int"


def sizes(x: set[int]) -> int:
    return len(x)

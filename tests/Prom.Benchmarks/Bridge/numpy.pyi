# A stub of one numpy function: BridgeFloat64ArrayBenchmarks calls the real numpy.sum through the wrapper generated
# from this file (NumpyModule.Sum takes a PyArrayArgument<double>: a double[] or a SharedArray<double>).
import numpy as np
import numpy.typing as npt

def sum(a: npt.NDArray[np.float64]) -> float: ...

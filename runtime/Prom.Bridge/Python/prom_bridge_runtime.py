# The Python half of Prom.Bridge (protocol version 2). Stdlib only; numpy is used when it can be imported.
# Started by the host as `python -c <this source> <shared-memory dir> <ring file or ''> <ring spin in µs>`; see
# docs/bridge.md for the wire protocol and the shared-memory ring.
import sys, os, io, json, json.scanner, struct, importlib, importlib.util, traceback, mmap, tempfile, builtins, zlib, _thread
from time import perf_counter as _clock

if sys.version_info < (3, 8):
    sys.stderr.write("prom-bridge: CPython 3.8 or newer is required, this is %s\n" % sys.version.split()[0])
    sys.exit(2)

PROTOCOL_VERSION = 2
KIND_JSON = 1
KIND_BINARY = 2
KIND_PING = 3  # payload: the 8-byte request id, echoed back unchanged
KIND_DOORBELL = 4  # empty, outside the sequence: "a record waits in the shared ring"
MAX_JSON_FRAME = 1 << 30
# The largest binary part, both ways: the largest array .NET can allocate (Array.MaxLength). One rule, in
# FrameLimits.cs on the host; a bigger result is a LimitError for its call, raised before anything is written.
MAX_PART = 0x7FFFFFC7
MAX_ERROR_TEXT = 1 << 20
LONG_STR = 4096
MAX_DEPTH = 64
# Frame header (17 bytes): length:u32 | kind:u8 | seq:u32 | payload crc32:u32 | header crc32:u32, big-endian. The
# sequence number counts the frames of one direction from 0; the header CRC covers the first 13 bytes, so a corrupt
# length is caught before a payload is read; the payload CRC covers the payload. A dropped, duplicated, reordered,
# truncated or corrupted frame therefore always fails the check instead of being taken for another one.
_H13 = struct.Struct('>IBII')
_HDR = struct.Struct('>IBIII')
HDR_SIZE = _HDR.size
_U32 = struct.Struct('>I')
_crc = zlib.crc32


def _take_protocol_fds():
    # The protocol owns private duplicates of fds 0 and 1. Afterwards fd 0 reads /dev/null and fd 1 *is* stderr,
    # so print(), input() and C extensions writing to fd 1 can never touch the protocol stream.
    in_fd, out_fd = os.dup(0), os.dup(1)
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.close(devnull)
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return io.open(in_fd, 'rb', buffering=1 << 16), out_fd


# Output goes straight to the descriptor with os.write: one system call per small message (header and body in one
# bytes object), no buffered-writer layer to fill and flush. Set by _main (a fuzz harness sets its own).
_in, _out_fd = None, -1
_shm_dir = sys.argv[1] if len(sys.argv) > 1 else tempfile.gettempdir()
_seq_in = 0
_seq_out = 0
_has_numpy = importlib.util.find_spec('numpy') is not None
_np = None


def _numpy():
    global _np
    if _np is None:
        import numpy
        _np = numpy
    return _np


class ProtocolError(Exception):
    """The host sent something this runtime does not understand."""


class UnknownHandleError(LookupError):
    """A request named a handle id that is not (or no longer) in the object table."""


class LimitError(ValueError):
    """An answer would break a size limit of the protocol (reported to the host as a bridge 'limit' error)."""


# ---- object table: handle id -> [object, number of times the id was sent to the host] ----
_objects = {}
_ids = {}
_next_id = 0
_maps = {}
# Lent segments: the host's reusable shared files carrying large arrays passed by value. One mapping per file, kept
# across calls (mapping a fresh one costs page-table work per call); a segment is lent to one request at a time.
_lend_maps = {}
_lent_now = []
_requests = 0


def _handle_of(x):
    global _next_id
    hid = _ids.get(id(x))
    if hid is not None:
        _objects[hid][1] += 1
        return hid
    _next_id += 1
    hid = _next_id
    _objects[hid] = [x, 1]
    _ids[id(x)] = hid
    return hid


def _deref(hid):
    e = _objects.get(hid) if type(hid) is int else None
    if e is None:
        raise UnknownHandleError("unknown handle %r: it was released or never existed in this process" % (hid,))
    return e[0]


def _release(hid, count):
    e = _objects.get(hid)
    if e is None:
        sys.stderr.write("prom-bridge: release of unknown handle %r ignored\n" % (hid,))
        return
    e[1] -= count
    if e[1] <= 0:
        del _objects[hid]
        del _ids[id(e[0])]


# ---- values: host -> Python ----
_FMT = {'<f4': 'f', '<f8': 'd', '|i1': 'b', '|u1': 'B', '<i2': 'h', '<u2': 'H', '<i4': 'i', '<u4': 'I',
        '<i8': 'q', '<u8': 'Q', '|b1': '?', '<f2': 'e'}


def _dec(v, parts):
    t = type(v)
    if t is list:
        for i in v:
            if type(i) is list or type(i) is dict:
                return [_dec(i, parts) for i in v]
        return v  # plain JSON values only (the common argument list): the freshly parsed list is the value
    if t is not dict:
        return v
    if len(v) != 1:
        raise ProtocolError("a tagged value must have exactly one key, got %r" % (list(v)[:4],))
    (k, a), = v.items()
    if k == '$r':
        return _deref(a)
    if k == '$f':
        return float(a)
    if k == '$b':
        return parts[a]
    if k == '$s':
        return str(parts[a], 'utf-8')
    if k == '$t':
        return tuple(_dec(i, parts) for i in a)
    if k == '$d':
        return {_dec(kk, parts): _dec(vv, parts) for kk, vv in a}
    if k == '$a':
        return _array_from_part(a, parts[a['p']])
    if k == '$m':
        return _array_lent(a) if a.get('lend') else _array_from_map(a)
    raise ProtocolError("unknown value tag %r" % (k,))


def _count(shape):
    n = 1
    for s in shape:
        n *= s
    return n


def _array_from_part(a, data):
    shape = a['shape']
    if _has_numpy:
        np = _numpy()
        return np.frombuffer(data, dtype=np.dtype(a['dtype'])).reshape(shape)
    fmt = _FMT.get(a['dtype']) if isinstance(a['dtype'], str) else None
    mv = memoryview(data)
    return mv.cast(fmt, shape) if fmt else mv


def _mapping(table, path):
    """The one mapping of a shared file in `table`, made on first use."""
    mm = table.get(path)
    if mm is None:
        with open(path, 'r+b') as f:
            mm = mmap.mmap(f.fileno(), 0)
        table[path] = mm
    return mm


def _array_from_map(a):
    path = a['path']
    mm = _mapping(_maps, path)
    off, nbytes, shape = a.get('offset', 0), a['nbytes'], a['shape']
    if _has_numpy:
        np = _numpy()
        dt = np.dtype(a['dtype'])
        return np.frombuffer(mm, dtype=dt, count=_count(shape), offset=off).reshape(shape)
    mv = memoryview(mm)[off:off + nbytes]
    fmt = _FMT.get(a['dtype']) if isinstance(a['dtype'], str) else None
    return mv.cast(fmt, shape) if fmt else mv


def _array_lent(a):
    # A segment of the host's pool: a by-value array the host copied in (a read-only view for this request), or an
    # array the host rented out (writable, shared both ways like any shared array). One mapping per segment, reused.
    path = a['path']
    mm = _mapping(_lend_maps, path)
    _lent_now.append(path)
    shape = a['shape']
    if not _has_numpy:
        fmt = _FMT.get(a['dtype']) if isinstance(a['dtype'], str) else None
        mv = memoryview(mm)[:a['nbytes']]
        if not a.get('writable'):
            mv = mv.toreadonly()
        return mv.cast(fmt, shape) if fmt else mv
    np = _numpy()
    arr = np.frombuffer(mm, dtype=np.dtype(a['dtype']), count=_count(shape)).reshape(shape)
    if not a.get('writable'):
        arr.flags.writeable = False
    return arr


def _settle_lent():
    """After a request: the lent segments something still refers to (a view stored away, a handle to the array).
    The host never reuses those: their views keep seeing this request's data. Every view of a lent array refers to
    its mapping, so a reference count above the baseline (the table, this name, the argument) means one survived."""
    kept = None
    while _lent_now:
        path = _lent_now.pop()
        mm = _lend_maps.get(path)
        if mm is None:
            continue  # carried twice by this request and already found kept
        if sys.getrefcount(mm) > 3:
            del _lend_maps[path]
            kept = kept or []
            kept.append(path)
        del mm
    return kept


# ---- values: Python -> host ----
def _enc_float(x):
    if x - x == 0.0:  # finite (inf - inf and nan - nan are nan)
        return x
    if x != x:
        return {'$f': 'nan'}
    if x in (float('inf'), float('-inf')):
        return {'$f': 'inf' if x > 0 else '-inf'}
    return x


def _enc(x, parts, depth=0):
    if x is None or x is True or x is False:
        return x
    t = type(x)
    if t is int:
        return x
    if t is float:
        return _enc_float(x)
    if t is str:
        return _enc_str(x, parts)
    if t is bytes or t is bytearray:
        parts.append(x)
        return {'$b': len(parts) - 1}
    if t is list or t is tuple or t is dict:
        if depth >= MAX_DEPTH:
            return {'$r': _handle_of(x)}
        d = depth + 1
        if t is list:
            return [_enc(i, parts, d) for i in x]
        if t is tuple:
            return {'$t': [_enc(i, parts, d) for i in x]}
        return {'$d': [[_enc(k, parts, d), _enc(v, parts, d)] for k, v in x.items()]}
    if isinstance(x, bool):
        return bool(x)
    if isinstance(x, int):
        return int(x)
    if isinstance(x, float):
        return _enc_float(float(x))
    if isinstance(x, str):
        return _enc_str(str(x), parts)
    np = sys.modules.get('numpy')  # numpy scalars (numpy.int64, numpy.bool_, ...) by value, if numpy is loaded at all
    if np is not None and isinstance(x, np.generic) and not isinstance(x, np.void):
        item = x.item()
        if not isinstance(item, np.generic):
            return _enc(item, parts, depth)
    return {'$r': _handle_of(x)}


def _enc_str(x, parts):
    if len(x) >= LONG_STR:
        try:
            parts.append(x.encode('utf-8'))
            return {'$s': len(parts) - 1}
        except UnicodeEncodeError:
            pass  # lone surrogates: let JSON escape them
    return x


def _contiguous_bytes(x):
    np = _numpy() if _has_numpy else None
    if np is not None and isinstance(x, np.ndarray):
        a = np.ascontiguousarray(x)
        return a, a.dtype.descr if a.dtype.names else a.dtype.str, list(a.shape)
    mv = memoryview(x)
    if not mv.c_contiguous:
        _check_part_size(mv.nbytes)
        mv = memoryview(mv.tobytes())  # strided views have no flat form to send; copy the selected bytes once
    return mv, '|u1', [mv.nbytes]


def _flat_bytes(a):
    if _np is not None and isinstance(a, _np.ndarray):
        return a.reshape(-1).view(_np.uint8)
    return a.cast('B') if a.format != 'B' else a


def _enc_buffer(x, parts):
    a, dtype, shape = _contiguous_bytes(x)
    parts.append(_flat_bytes(a))
    return {'$a': {'p': len(parts) - 1, 'dtype': dtype, 'shape': shape}}


def _enc_shared(x):
    a, dtype, shape = _contiguous_bytes(x)
    flat = _flat_bytes(a)
    nbytes = len(flat)
    fd, path = tempfile.mkstemp(prefix='prom-py-', dir=_shm_dir)
    try:
        os.ftruncate(fd, max(nbytes, 1))
        with mmap.mmap(fd, max(nbytes, 1)) as mm:
            mm[0:nbytes] = flat
    finally:
        os.close(fd)
    return {'$m': {'path': path, 'offset': 0, 'nbytes': nbytes, 'dtype': dtype, 'shape': shape}}


def _is_buffer(x):
    if _np is not None and isinstance(x, _np.ndarray):
        return True
    try:
        memoryview(x)
        return True
    except TypeError:
        return False


def _result(value, ret, parts):
    if ret == 'auto':
        return _enc(value, parts)
    if ret == 'repr':
        return _enc_str(repr(value), parts)
    if ret == 'none' or value is None:
        return None
    if ret == 'handle':
        return {'$r': _handle_of(value)}
    if ret == 'buffer':
        return _enc_buffer(value, parts) if _is_buffer(value) else _enc(value, parts)
    if ret == 'shared':
        if not _is_buffer(value):
            raise TypeError("a shared-memory result needs an array or buffer, got %s" % type(value).__name__)
        return _enc_shared(value)
    raise ProtocolError("unknown return mode %r" % (ret,))


# ---- frames ----
def _read_exact(n):
    b = _in.read(n)
    if b is None or len(b) != n:
        return None
    return b


def _header(n, kind, payload):
    """The 17-byte header of a frame whose payload is `payload` (bytes-like)."""
    global _seq_out
    h = _H13.pack(n, kind, _seq_out, _crc(payload))
    _seq_out = (_seq_out + 1) & 0xFFFFFFFF
    return h + _U32.pack(_crc(h))


def _read_frame():
    """The next frame as (kind, payload), checked; (None, None) at a clean end of the stream."""
    h = _in.read(HDR_SIZE)
    if not h:
        return None, None
    if len(h) != HDR_SIZE:
        raise EOFError("the host closed the stream inside a frame header")
    n, kind, seq, pcrc = _check_header(h)
    if kind == KIND_DOORBELL:
        return kind, b''
    data = _read_exact(n) if n else b''
    if data is None:
        raise EOFError("the host closed the stream inside a frame")
    _check_payload(data, pcrc, seq)
    return kind, data


def _check_header(h):
    """Checks a frame header (its CRC, then its sequence number and size limit) and counts the frame; returns
    (length, kind, seq, payload crc). A doorbell is checked to be exactly the doorbell and not counted."""
    global _seq_in
    n, kind, seq, pcrc, hcrc = _HDR.unpack(h)
    if _crc(h[:13]) != hcrc:
        raise ProtocolError("a frame header failed its CRC check (the stream is corrupt)")
    if kind == KIND_DOORBELL:  # a wake-up: no payload, no sequence number
        if n or seq or pcrc:
            raise ProtocolError("a doorbell frame must be empty with sequence 0")
        return n, kind, seq, pcrc
    if seq != _seq_in:
        raise ProtocolError("frame %d arrived where frame %d was expected (lost, duplicated or reordered)" % (seq, _seq_in))
    if kind == KIND_BINARY:
        if n > MAX_PART:
            raise ProtocolError("a binary part of %d bytes exceeds the limit of %d" % (n, MAX_PART))
    elif n > MAX_JSON_FRAME:
        raise ProtocolError("a frame of %d bytes exceeds the limit of %d" % (n, MAX_JSON_FRAME))
    _seq_in = (_seq_in + 1) & 0xFFFFFFFF
    return n, kind, seq, pcrc


def _check_payload(data, pcrc, seq):
    if _crc(data) != pcrc:
        raise ProtocolError("frame %d failed its payload CRC check (the stream is corrupt)" % seq)


# Encoders built once: json.dumps with non-default options would build a new encoder on every call.
_dump_utf8 = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(',', ':')).encode
_dump_ascii = json.JSONEncoder(ensure_ascii=True, allow_nan=False, separators=(',', ':')).encode
# The scanner itself (C when available): the host writes no whitespace around the object, so JSONDecoder.decode's
# two regex matches and Python frames are skipped.
_scan = json.scanner.make_scanner(json.JSONDecoder())


def _loads(data):
    s = str(data, 'utf-8')
    try:
        m, end = _scan(s, 0)
    except StopIteration:
        raise ProtocolError("a control frame does not start with JSON: %r" % (s[:40],))
    if end != len(s) or type(m) is not dict:
        raise ProtocolError("a control frame must hold exactly one JSON object: %r" % (s[:40],))
    return m


# Repeated requests skip the JSON parse: a loop calling the same function with the same arguments sends frames that
# differ only in the id the host writes first ({"id":N,...}). The parsed request is kept under the bytes after the id
# when nothing in it can reach the called code as a shared mutable object (op "chain", no parts, only scalar
# arguments, step fields and keyword values); a hit sets the id and reuses it. The same bytes always parse to the same
# request, so a hit is exactly what the parse would give. At most 64 kept; when full, the cache starts over.
_request_cache = {}
_REQUEST_CACHE_MAX = 64
_SCALAR_TYPES = (str, int, float, bool, type(None))
# Plans of kept requests (_plan_of), under the same keys, cleared with the cache: what _serve_planned runs.
_plans = {}


def _load_request(data):
    if type(data) is bytes and data[:6] == b'{"id":':
        end = data.find(b',', 6)
        digits = data[6:end]
        if end > 6 and digits.isdigit() and (digits[0] != 48 or end == 7):  # a JSON integer: no sign, no leading 0
            key = data[end:]
            m = _request_cache.get(key)
            if m is not None:
                m['id'] = int(digits)
                return m
            m = _loads(data)
            if _shareable(m, key):
                if len(_request_cache) >= _REQUEST_CACHE_MAX:
                    _request_cache.clear()
                    _plans.clear()
                _request_cache[key] = m
                plan = _plan_of(m)
                if plan is not None:
                    _plans[key] = plan
            return m
    return _loads(data)


def _plan_of(m):
    """The plan of a kept request the ring's fast path can serve (_serve_planned), else None: (True, module name) or
    (False, handle id) for the root, then one (attribute, arguments, keywords) triple per step: an attribute step
    (name, None, None) or a call step (None, argument tuple, keyword dict or None). Only return mode auto, attribute
    steps with a str name, and call steps with a list of arguments and a dict (or no) keywords: exactly the steps
    _steps runs with getattr(cur, name), cur(*args) and cur(*args, **kwargs) — the values are scalars (_shareable),
    which _dec and _kwargs pass through unchanged."""
    if m.get('ret', 'auto') != 'auto':
        return None
    root = m['root']
    if 'import' in root:
        if type(root['import']) is not str:
            return None
        plan = [True, root['import']]
    elif 'ref' in root:
        plan = [False, root['ref']]
    else:
        return None
    steps = []
    for step in m['steps']:
        if 'a' in step:
            if type(step['a']) is not str:
                return None
            steps.append((step['a'], None, None))
        elif 'c' in step:
            args, k = step['c'], step.get('k')
            if type(args) is not list or (k and type(k) is not dict):
                return None
            steps.append((None, tuple(args), k or None))
        else:
            return None
    plan.append(tuple(steps))
    return tuple(plan)


def _shareable(m, key):
    """True when a parsed request may be served again for the same bytes: no list or dict in it reaches the called
    code (chain steps are read, argument lists unpacked, keyword dicts rebuilt) and the id is only the leading one."""
    if m.get('op') != 'chain' or 'n' in m or b'"id"' in key or type(m.get('root')) is not dict:
        return False
    steps = m.get('steps', ())
    if type(steps) is not list:
        return False
    for step in steps:
        if type(step) is not dict:
            return False
        for name, v in step.items():
            if name == 'c' and type(v) is list:
                values = v
            elif name == 'k' and type(v) is dict:
                values = v.values()
            else:
                values = (v,)
            for x in values:
                if type(x) not in _SCALAR_TYPES:
                    return False
    return True


def _write_all(data):
    n = os.write(_out_fd, data)
    if n < len(data):  # a blocking pipe writes everything unless a signal interrupts it; finish the rest
        mv = memoryview(data)
        while n < len(mv):
            n += os.write(_out_fd, mv[n:])


def _send_bytes(data):
    _write_all(_header(len(data), KIND_JSON, data) + data)


def _check_part_size(nbytes):
    if nbytes > MAX_PART:
        raise LimitError("a binary part of %d bytes exceeds the protocol's limit of %d bytes (the largest .NET array); "
                         "ask for a SharedArray<T> result (shared memory has no such limit)" % (nbytes, MAX_PART))


def _flat_part(p):
    # Every part becomes a flat, C-contiguous byte view *before* the message is announced: a buffer that cannot be
    # written as it is (strided, multi-dimensional, exotic format) must fail here, not after its header went out.
    mv = memoryview(p)
    _check_part_size(mv.nbytes)
    if not mv.c_contiguous:
        return memoryview(mv.tobytes())
    if mv.ndim != 1 or mv.format != 'B':
        return mv.cast('B')
    return mv


def _send(msg, parts):
    # Nothing is written until the whole message exists: the JSON, and every part as a flat view. Any failure before
    # that becomes an error answer for this request; after it only the pipe itself can fail (then the host is gone).
    flat = [_flat_part(p) for p in parts]
    if flat:
        msg['n'] = len(flat)
    try:
        data = _dump_utf8(msg).encode('utf-8')
    except UnicodeEncodeError:
        data = _dump_ascii(msg).encode('ascii')  # lone surrogates: escaped as \udXXX
    if len(data) > MAX_JSON_FRAME:
        raise LimitError("an answer of %d bytes of JSON exceeds the protocol's limit of %d; return a handle, bytes or "
                         "an array instead" % (len(data), MAX_JSON_FRAME))
    _write_all(_header(len(data), KIND_JSON, data) + data)
    for mv in flat:
        _write_all(_header(mv.nbytes, KIND_BINARY, mv))
        _write_all(mv)


# ---- ops ----
def _kwargs(k, parts):
    if not k:
        return {}
    return {name: _dec(v, parts) for name, v in k.items()}


def _steps(cur, steps, parts):
    for s in steps:
        if 'a' in s:
            cur = getattr(cur, s['a'])
        elif 'c' in s:
            k = s.get('k')
            cur = cur(*_dec(s['c'], parts), **_kwargs(k, parts)) if k else cur(*_dec(s['c'], parts))
        elif 'i' in s:
            cur = cur[_dec(s['i'], parts)]
        elif 's' in s:
            setattr(cur, s['s'], _dec(s['v'], parts))
            cur = None
        else:
            raise ProtocolError("unknown chain step %r" % (s,))
    return cur


def _op_chain(m, parts):
    root = m['root']
    if 'import' in root:
        name = root['import']
        cur = sys.modules.get(name) or importlib.import_module(name)  # an imported module costs a dict lookup
    else:
        cur = _deref(root['ref'])
    return _steps(cur, m.get('steps', ()), parts)


def _stats():
    return {'$d': [['objects', len(_objects)], ['refs', sum(e[1] for e in _objects.values())],
                   ['maps', len(_maps)], ['requests', _requests]]}


_OPS = {
    'ping': lambda m, p: None,
    'import': lambda m, p: importlib.import_module(m['module']),
    'getattr': lambda m, p: getattr(_deref(m['ref']), m['name']),
    'setattr': lambda m, p: setattr(_deref(m['ref']), m['name'], _dec(m['value'], p)),
    'getitem': lambda m, p: _deref(m['ref'])[_dec(m['key'], p)],
    'call': lambda m, p: _deref(m['ref'])(*_dec(m.get('args', []), p), **_kwargs(m.get('kwargs'), p)),
    'repr': lambda m, p: repr(_deref(m['ref'])),
    'chain': _op_chain,
}


def _clean_text(x):
    # Text that always encodes: lone surrogates (e.g. from surrogateescape) are shown as \udXXX, huge text is cut.
    if len(x) > MAX_ERROR_TEXT:
        x = x[:MAX_ERROR_TEXT] + '... [%d characters cut]' % (len(x) - MAX_ERROR_TEXT)
    try:
        x.encode('utf-8')
        return x
    except UnicodeEncodeError:
        return x.encode('utf-8', 'backslashreplace').decode('utf-8')


def _message_of(e):
    try:
        return _clean_text(str(e))
    except BaseException as inner:  # a raising __str__ must not cost the bridge
        try:
            detail = '%s: %s' % (type(inner).__name__, str(inner))
        except BaseException:
            detail = type(inner).__name__
        return _clean_text('<str() failed: %s>' % detail)


def _error_of(e, tb):
    t = type(e)
    try:
        mod = getattr(t, '__module__', '') or ''
        name = t.__qualname__ if mod in ('builtins', '__main__') else str(mod) + '.' + t.__qualname__
    except BaseException:
        name = 'Exception'
    err = {'type': _clean_text(name), 'message': _message_of(e), 'traceback': _clean_text(tb)}
    if isinstance(e, UnknownHandleError):
        err['bridge'] = 'handle'
    elif isinstance(e, ProtocolError):
        err['bridge'] = 'protocol'
    elif isinstance(e, LimitError):
        err['bridge'] = 'limit'
    return err


def _format_exc():
    try:
        return traceback.format_exc()
    except BaseException:
        return '<the traceback could not be formatted>'


def _send_error(rid, e):
    _send_checked({'id': rid, 'ok': False, 'error': _error_of(e, _format_exc())})


def _send_checked(msg):
    """Sends an error answer; if even that cannot be encoded, a fixed one, so the call still fails alone."""
    try:
        _send(msg, [])
    except OSError:
        raise
    except BaseException:
        fixed = {'id': msg['id'], 'ok': False, 'error': {'type': 'Exception', 'traceback': '',
                                                          'message': '<the exception could not be reported>'}}
        if msg.get('kept'):
            fixed['kept'] = msg['kept']
        _send(fixed, [])


def _dispatch(m, parts):
    global _requests
    op = m.get('op')
    rid = m.get('id')
    if op == 'release':
        for hid, count in m.get('refs', ()):
            _release(hid, count)
        return
    if op == 'unmap':
        for path in m.get('paths', ()):
            mm = _maps.pop(path, None) or _lend_maps.pop(path, None)
            if mm is not None:
                try:
                    mm.close()
                except BufferError:
                    pass  # numpy views still use it; it is unmapped when the last view dies
        return
    _requests += 1
    err = None
    try:
        if op == 'stats':
            value, out = _stats(), []
        else:
            f = _OPS.get(op)
            if f is None:
                raise ProtocolError("unknown op %r" % (op,))
            out = []
            value = _result(f(m, parts), m.get('ret', 'auto'), out)
    except SystemExit:
        raise
    except BaseException as e:
        err = _error_of(e, _format_exc())
    _conclude(rid, value if err is None else None, out if err is None else None, err)


def _conclude(rid, value, out, err):
    """Answers a request whose op has run: its encoded value and parts, or the error it raised (then value and out
    are None)."""
    kept = _settle_lent() if _lent_now else None  # after the caller's except block: its traceback no longer holds the arrays
    if err is None:
        try:
            _answer(rid, value, out, kept)
            return
        except SystemExit:
            raise
        except BaseException as e:  # the answer cannot be sent (a limit, an unencodable value): the call fails alone
            err = _error_of(e, _format_exc())
    msg = {'id': rid, 'ok': False, 'error': err}
    if kept:
        msg['kept'] = kept
    _send_checked(msg)


def _answer(rid, value, out, kept):
    t = type(value)
    if out or kept or type(rid) is not int:
        msg = {'id': rid, 'ok': True, 'v': value}
        if kept:
            msg['kept'] = kept
        _send(msg, out)
    elif value is None:
        _send_bytes(b'{"id":%d,"ok":true,"v":null}' % rid)  # common answers without the JSON encoder
    elif t is bool:
        _send_bytes(b'{"id":%d,"ok":true,"v":true}' % rid if value else b'{"id":%d,"ok":true,"v":false}' % rid)
    elif t is int:
        _send_bytes(b'{"id":%d,"ok":true,"v":%d}' % (rid, value))
    elif t is float:  # finite here (NaN and infinities were tagged by _enc); repr is valid JSON with '.' or 'e'
        _send_bytes(b'{"id":%d,"ok":true,"v":%s}' % (rid, repr(value).encode('ascii')))
    else:
        _send({'id': rid, 'ok': True, 'v': value}, out)


def _serve_message(kind, data):
    """Serves one message whose first frame has been read (its parts are read here)."""
    global _requests
    if kind == KIND_PING:  # the binary ping: echo the 8-byte id, no JSON
        if len(data) != 8:
            raise ProtocolError("a ping frame must hold 8 bytes, got %d" % len(data))
        _requests += 1
        if _ring is not None:
            _ring_read_up_to()
        _write_all(_header(8, KIND_PING, data) + data)
        return
    if kind == KIND_DOORBELL:
        return  # the loop looks at the ring next
    if kind != KIND_JSON:
        raise ProtocolError("expected a JSON frame, got kind %d" % kind)
    m = _load_request(data)
    parts = []
    n = m.get('n', 0)
    if type(n) is not int or n < 0:
        raise ProtocolError("the part count n must be a non-negative integer, got %r" % (n,))
    for _ in range(n):
        k, p = _read_frame()
        if k != KIND_BINARY:
            raise ProtocolError("expected a binary part frame, got kind %r" % (k,))
        parts.append(p)
    if _ring is not None:
        _ring_read_up_to()  # before the answer: the host may send its next request through the ring as soon as it has it
    _dispatch(m, parts)


def _serve():
    global _pipe_seen
    hello = {'op': 'hello', 'v': PROTOCOL_VERSION, 'pid': os.getpid(), 'python': sys.version.split()[0], 'numpy': _has_numpy}
    if _ring is not None:
        hello['ring'] = True
    _send(hello, [])
    waiting_since = None  # when the last ring answer went out: spinning is worth it only right after one
    while True:
        if _ring is not None:
            rec = _ring_take()
            if rec is not None:
                _serve_record(rec)
                waiting_since = _clock()
                continue
            # Spin right after a ring answer, unless the pipe announced something meanwhile (then read it).
            if waiting_since is not None and _ring_pipe_count() == _pipe_seen and _ring_spin(waiting_since):
                continue
            # Every blocking read of the pipe is done asleep: the host then rings the doorbell for a ring record.
            _ring_set_sleeping(1)
            _fence()  # the flag is visible before the slot is looked at again: the host sees it or we see its record
            if _ring_waiting():
                _ring_set_sleeping(0)
                continue
            _pipe_seen = _ring_pipe_count()
        kind, data = _read_frame()  # blocks: a request, a doorbell, or the end
        if _ring is not None:
            _ring_set_sleeping(0)
            waiting_since = None
        if kind is None:
            return
        _serve_message(kind, data)


# ---- the shared-memory ring: small calls without the pipe (mirrors runtime/Prom.Bridge/Ring/SharedRing.cs) ----
# 0: u64 magic | u32 layout version | u32 capacity; 64: request control (u64 published, u64 pipe messages, u64 taken,
# u32 Python sleeping); 128: reply control (u64 published, -, u64 taken, u32 host sleeping); 256: request slot
# (u32 length | bytes); 256 + capacity: reply slot. At request control + 32 Python publishes the sequence number it
# expects next: the host puts a message into the ring only when every frame it sent before through the pipe has been
# read, so frames are always read in the order they were numbered. A record is a piece of the ordinary frame stream, checked and
# sequenced like pipe frames.
# Every control word is read and written through a memoryview cast to u64 (or u32) items: one aligned 8-byte (4-byte)
# load or store each. Never struct.pack_into: CPython's pack zeroes the destination before it writes the value, so a
# reader in between sees 0 (the host then took a published count of 0 != its taken count for a new record and read
# its consumed reply slot a second time: "Frame N arrived where frame N+1 was expected").
_RING_MAGIC = 0x31474E524D4F5250
_RING_VERSION = 1
_RQ_CTL, _RP_CTL, _SLOTS = 64, 128, 256
# Indexes of the control words in the u64 view _c64 (offset / 8) and the u32 view _c32 (offset / 4; it spans the
# whole mapping, so it also reads and writes the slots' length words).
_RQ_PUBLISHED, _RQ_PIPE, _RQ_TAKEN, _RQ_NEXT_SEQ = 8, 9, 10, 12
_RQ_SLEEPING = 22
_RP_PUBLISHED, _RP_TAKEN = 16, 18
_RP_SLEEPING = 38
_DOORBELL = _H13.pack(0, KIND_DOORBELL, 0, 0) + _U32.pack(_crc(_H13.pack(0, KIND_DOORBELL, 0, 0)))
_ring = None
_c64 = _c32 = None
_ring_cap = 0
_rq_slot = _rp_slot = 0
_rq_taken = 0
_rp_published = 0
_pipe_seen = 0
_spin_limit = 0.0
_spin_misses = 0
_spin_quiet = 0
_SPIN_MISSES_BEFORE_BACKING_OFF = 2
_SPIN_QUIET_WAITS = 64
_fence_lock = _thread.allocate_lock()
_fence_acquire, _fence_release = _fence_lock.acquire, _fence_lock.release


def _fence():
    # A full memory fence from the standard library: taking an uncontended lock is an atomic read-modify-write
    # (lock cmpxchg on x86), which orders this process's earlier stores before its later loads. The host enables the
    # ring on x64 only.
    _fence_acquire()
    _fence_release()


def _ring_open(path, spin_us):
    """Maps the host's ring file; False (the pipe carries everything) when there is none or it is not one."""
    global _ring, _c64, _c32, _ring_cap, _rq_slot, _rp_slot, _spin_limit
    if not path:
        return False
    try:
        with open(path, 'r+b') as f:
            mm = mmap.mmap(f.fileno(), 0)
    except (OSError, ValueError):
        return False
    magic, version, cap = struct.unpack_from('@QII', mm, 0)
    if magic != _RING_MAGIC or version != _RING_VERSION or cap < 64 or len(mm) < _SLOTS + 2 * cap:
        mm.close()
        return False
    _ring, _ring_cap = mm, cap
    _c64, _c32 = memoryview(mm)[:_SLOTS].cast('Q'), memoryview(mm)[:_SLOTS + 2 * cap].cast('I')
    _rq_slot, _rp_slot = _SLOTS, _SLOTS + cap
    _spin_limit = max(0, spin_us) / 1e6
    return True


def _ring_waiting():
    return _c64[_RQ_PUBLISHED] == _rq_taken + 1


def _ring_pipe_count():
    return _c64[_RQ_PIPE]


def _ring_set_sleeping(flag):
    _c32[_RQ_SLEEPING] = flag


def _ring_read_up_to():
    _c64[_RQ_NEXT_SEQ] = _seq_in


def _ring_take():
    """A copy of the waiting request record, or None. The copy is parsed, so the host cannot change it under us."""
    global _rq_taken
    if _c64[_RQ_PUBLISHED] != _rq_taken + 1:  # one slot: a record waits exactly when the count is one ahead
        return None
    n = _c32[_rq_slot >> 2]
    if n == 0 or n > _ring_cap - 4:
        raise ProtocolError("a shared-ring record announced %d bytes; a slot holds 1 to %d (the ring is corrupt)" % (n, _ring_cap - 4))
    rec = _ring[_rq_slot + 4:_rq_slot + 4 + n]
    _rq_taken += 1
    _c64[_RQ_TAKEN] = _rq_taken
    return rec


def _ring_spin(since):
    """Spins for the next request (a ring record, or a message announced on the pipe) up to the spin limit after
    `since`; True when one came. After two fruitless spins in a row it does not spin for the next 64 waits (the
    host's AdaptiveSpin follows the same rule): a spinner can hold the core its peer needs, and an idle bridge must
    cost nothing."""
    global _spin_misses, _spin_quiet
    if _spin_limit <= 0:
        return False
    if _spin_quiet:
        _spin_quiet -= 1
        return False
    c, taken, seen = _c64, _rq_taken, _pipe_seen
    limit = since + _spin_limit
    while True:
        for _ in range(32):
            if c[_RQ_PUBLISHED] != taken or c[_RQ_PIPE] != seen:
                _spin_misses = 0
                return True
        if _clock() > limit:
            _spin_misses += 1
            if _spin_misses >= _SPIN_MISSES_BEFORE_BACKING_OFF:
                _spin_misses, _spin_quiet = 0, _SPIN_QUIET_WAITS
            return False


def _serve_record(rec):
    """Serves the messages of one request record, exactly as if they had come through the pipe; the answer goes
    back through the reply slot when it fits, else through the pipe. The common record, one frame and no parts, is
    read in place (a repeated small call with a plan: _serve_planned); any other goes through the pipe's own reader
    over the record's bytes."""
    global _in, _write_all
    if _serve_planned(rec):
        return
    saved_in, saved_write = _in, _write_all
    out = []
    _write_all = out.append
    try:
        first = _check_header(rec[:HDR_SIZE]) if len(rec) >= HDR_SIZE else None
        if first is not None and first[0] == len(rec) - HDR_SIZE and first[1] != KIND_DOORBELL:
            data = rec[HDR_SIZE:]
            _check_payload(data, first[3], first[2])
            _in = _NO_MORE_FRAMES  # a message announcing parts finds none: a truncated record
            _serve_message(first[1], data)
        else:
            _serve_frames(rec, first)
    except EOFError:
        raise ProtocolError("a shared-ring record ended inside a frame (it was truncated)")
    finally:
        _in, _write_all = saved_in, saved_write
    if out:
        _ring_reply(out)


_HDR_unpack_from = _HDR.unpack_from
_H13_pack = _H13.pack
_U32_pack = _U32.pack
_modules = sys.modules


def _serve_planned(rec):
    """The ring's fast path: serves a record holding one JSON frame whose request has a plan (a repeated small call,
    see _plan_of) in a few Python-level calls, and returns True; returns False, having changed nothing, for any other
    record (then the general path serves it, or rejects it). The checks are the general path's, in its order: the
    header CRC, the sequence number, the record holding exactly this frame, the payload CRC, the id's form; the call
    is _steps' call; the answers written here (None, bool, int, finite float) are _answer's bytes, and every other
    outcome is finished by the general code (_finish_planned)."""
    global _seq_in, _seq_out, _requests
    if len(rec) < HDR_SIZE:
        return False
    n, kind, seq, pcrc, hcrc = _HDR_unpack_from(rec)
    if _crc(rec[:13]) != hcrc or kind != KIND_JSON or seq != _seq_in or n != len(rec) - HDR_SIZE:
        return False
    data = rec[HDR_SIZE:]
    if _crc(data) != pcrc or data[:6] != b'{"id":':
        return False
    end = data.find(b',', 6)
    if end <= 6:
        return False
    plan = _plans.get(data[end:])
    digits = data[6:end]
    if plan is None or not digits.isdigit() or (digits[0] == 48 and end != 7):
        return False
    # The record is this request from here on: consumed exactly as _check_header and _serve_message consume it.
    _seq_in = (seq + 1) & 0xFFFFFFFF
    _c64[_RQ_NEXT_SEQ] = _seq_in
    rid = int(digits)
    _requests += 1
    imported, root, steps = plan
    try:
        cur = (_modules.get(root) or importlib.import_module(root)) if imported else _deref(root)
        for name, args, k in steps:
            if name is not None:
                cur = getattr(cur, name)
            elif k:
                cur = cur(*args, **k)
            else:
                cur = cur(*args)
    except SystemExit:
        raise
    except BaseException as e:
        _finish_planned(rid, None, _error_of(e, _format_exc()))
        return True
    t = type(cur)
    if _lent_now:
        body = None
    elif cur is None:
        body = b'{"id":%d,"ok":true,"v":null}' % rid
    elif t is float:
        body = b'{"id":%d,"ok":true,"v":%s}' % (rid, repr(cur).encode('ascii')) if cur - cur == 0.0 else None
    elif t is int:
        body = b'{"id":%d,"ok":true,"v":%d}' % (rid, cur)
    elif t is bool:
        body = b'{"id":%d,"ok":true,"v":true}' % rid if cur else b'{"id":%d,"ok":true,"v":false}' % rid
    else:
        body = None
    if body is None:
        _finish_planned(rid, cur, None)
        return True
    h = _H13_pack(len(body), KIND_JSON, _seq_out, _crc(body))
    _seq_out = (_seq_out + 1) & 0xFFFFFFFF
    _ring_reply_frame(h + _U32_pack(_crc(h)) + body)
    return True


def _finish_planned(rid, value, err):
    """Answers a planned request the general way (an error, a value _serve_planned does not write itself): encoded
    as _dispatch encodes it, answered by _conclude, the frames through the reply slot as _serve_record sends them."""
    global _write_all
    saved_write = _write_all
    frames = []
    _write_all = frames.append
    try:
        out = None
        if err is None:
            try:
                out = []
                value = _result(value, 'auto', out)
            except SystemExit:
                raise
            except BaseException as e:
                value, out, err = None, None, _error_of(e, _format_exc())
        _conclude(rid, value, out, err)
    finally:
        _write_all = saved_write
    if frames:
        _ring_reply(frames)


class _NoMoreFrames:
    """The reader of a one-frame record once its frame is read: the stream ends there."""

    @staticmethod
    def read(n):
        return b''


_NO_MORE_FRAMES = _NoMoreFrames()


def _serve_frames(rec, first):
    """A record of several frames (or a malformed one): read with the pipe's reader over the record's bytes. The
    caller restores the pipe's reader."""
    global _in
    if first is None:
        raise EOFError("short record")
    kind = first[1]
    _in = io.BytesIO(rec)
    _in.seek(HDR_SIZE)
    data = _read_exact(first[0]) if first[0] else b''
    if data is None:
        raise EOFError("short record")
    _check_payload(data, first[3], first[2])
    while kind is not None:
        if kind == KIND_DOORBELL:
            raise ProtocolError("a doorbell frame inside a shared-ring record (the ring is corrupt)")
        _serve_message(kind, data)
        kind, data = _read_frame()


def _ring_reply(out):
    if len(out) == 1:
        _ring_reply_frame(out[0])
        return
    n = 0
    for p in out:
        n += len(p)
    if n > _ring_cap - 4 or _c64[_RP_TAKEN] != _rp_published:
        for p in out:  # too large (or the slot still full): the same frames through the pipe
            _write_all(p)
        return
    _ring_reply_frame(b''.join(out))


def _ring_reply_frame(x):
    """Publishes the bytes `x` (whole frames) as one reply record, or writes them to the pipe when they do not fit or
    the slot is still full."""
    global _rp_published
    n = len(x)
    if n > _ring_cap - 4 or _c64[_RP_TAKEN] != _rp_published:
        _write_all(x)
        return
    _ring[_rp_slot + 4:_rp_slot + 4 + n] = x
    _c32[_rp_slot >> 2] = n
    _rp_published += 1
    _c64[_RP_PUBLISHED] = _rp_published  # one store, after the bytes: x86 keeps stores in order
    _fence_acquire()  # _fence(), inline
    _fence_release()
    if _c32[_RP_SLEEPING]:  # the host stopped spinning: wake it through the pipe
        _write_all(_DOORBELL)


def _main():
    global _in, _out_fd
    _in, _out_fd = _take_protocol_fds()
    _ring_open(sys.argv[2] if len(sys.argv) > 2 else '', int(sys.argv[3]) if len(sys.argv) > 3 and sys.argv[3] else 0)
    try:
        _serve()
    except SystemExit:
        raise
    except BaseException:
        sys.stderr.write("prom-bridge: fatal protocol error\n" + traceback.format_exc())
        sys.exit(70)


if __name__ == '__main__':
    _main()

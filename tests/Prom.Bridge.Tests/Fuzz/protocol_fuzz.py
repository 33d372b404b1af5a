# Protocol fuzzing of the Python half of Prom.Bridge (tests/Prom.Bridge.Tests/Fuzz). Stdlib only.
#
#   python3 protocol_fuzz.py serve  <runtime.py> <requests.bin> <expected.json> <seed> <cases>
#       Mutates a valid request stream written by the host (corrupt, truncate, duplicate, reorder, drop frames), runs
#       the runtime's real reader and dispatcher on each mutant, and checks every answer it produced against the
#       answer of the unmutated stream for that request id. Prints one JSON line of outcome counts.
#   python3 protocol_fuzz.py answers <runtime.py> <answers.bin>
#       Writes a valid answer stream produced by the runtime's real encoder (for the host-side fuzz).
import io, json, random, struct, sys, time

HDR = struct.Struct('>IBIII')


def load_runtime(path):
    ns = {'__name__': 'prom_bridge_fuzz'}  # not __main__: the runtime does not take fds 0 and 1
    with open(path) as f:
        exec(compile(f.read(), path, 'exec'), ns)
    return ns


def split_frames(data):
    """Byte ranges of the frames of a valid stream."""
    frames, pos = [], 0
    while pos < len(data):
        n = HDR.unpack_from(data, pos)[0]
        frames.append(data[pos:pos + HDR.size + n])
        pos += HDR.size + n
    return frames


def mutate(frames, rng):
    """One seeded mutation of a frame list, as bytes, and its name."""
    frames = [f for f in frames if f]
    kind = rng.choice(('corrupt', 'corrupt', 'truncate', 'duplicate', 'reorder', 'drop', 'twice'))
    if not frames:
        return b'', kind
    if kind == 'twice':
        a, _ = mutate(frames, rng)
        return mutate(split_frames_lenient(a), rng)[0], 'twice'
    if kind == 'corrupt':
        i = rng.randrange(len(frames))
        f = bytearray(frames[i])
        for _ in range(rng.choice((1, 1, 2, 3))):
            pos = rng.randrange(len(f))
            if rng.random() < 0.5:
                f[pos] ^= 1 << rng.randrange(8)
            else:
                f[pos] = rng.randrange(256)
        frames[i] = bytes(f)
    elif kind == 'truncate':
        data = b''.join(frames)
        return data[:rng.randrange(len(data))], kind  # len(data) > 0: frames is not empty
    elif kind == 'duplicate':
        i = rng.randrange(len(frames))
        frames.insert(rng.randrange(i, len(frames)) + 1, frames[i])
    elif kind == 'reorder':
        if len(frames) > 1:
            i, j = rng.sample(range(len(frames)), 2)
            frames[i], frames[j] = frames[j], frames[i]
    elif kind == 'drop':
        del frames[rng.randrange(len(frames))]
    return b''.join(frames), kind


def split_frames_lenient(data):
    # after a mutation the stream may no longer split cleanly: treat the remainder as one frame
    frames, pos = [], 0
    while pos + HDR.size <= len(data):
        n = HDR.unpack_from(data, pos)[0]
        end = min(len(data), pos + HDR.size + n)
        frames.append(data[pos:end])
        pos = end
    if pos < len(data):
        frames.append(data[pos:])
    return frames or [data]


def read_answers(rt, data):
    """The answers in a stream the runtime wrote, decoded with its own frame reader: {id: (ok, value or type)}."""
    rt['_in'] = io.BytesIO(data)
    rt['_seq_in'] = 0
    out = {}
    while True:
        kind, payload = rt['_read_frame']()
        if kind is None:
            return out
        if kind == 3:
            out[struct.unpack('>q', payload)[0]] = (True, None)
            continue
        m = json.loads(payload)
        parts = [rt['_read_frame']()[1] for _ in range(m.get('n', 0))]
        if 'id' in m:
            if m['ok']:
                out[m['id']] = (True, canonical(rt['_dec'](m['v'], parts)))
            else:
                out[m['id']] = (False, m['error']['type'])


def canonical(v):
    """A value as the expectations file writes it (bytes as 'b' + upper-case hex)."""
    if isinstance(v, (bytes, bytearray)):
        return 'b' + bytes(v).hex().upper()
    return v


def run_serve(rt, data):
    """Runs the runtime's real serve loop on one request stream; returns (the output bytes, the ending)."""
    written = []
    rt['_in'] = io.BytesIO(data)
    rt['_write_all'] = written.append
    rt['_seq_in'] = 0
    rt['_seq_out'] = 0
    try:
        rt['_serve']()
        ending = 'end'
    except (rt['ProtocolError'], EOFError) as e:
        ending = 'protocol-error' if isinstance(e, rt['ProtocolError']) else 'eof'
    return b''.join(bytes(w) for w in written), ending


def serve(runtime, requests_path, expected_path, seed, cases):
    rt = load_runtime(runtime)
    with open(requests_path, 'rb') as f:
        data = f.read()
    with open(expected_path) as f:
        expected = {int(k): v for k, v in json.load(f).items()}
    frames = split_frames(data)
    baseline_out, ending = run_serve(rt, data)
    baseline = read_answers(rt, baseline_out)
    if ending != 'end':
        raise SystemExit('the unmutated stream ended with %s' % ending)
    for rid, want in expected.items():  # the baseline itself must be right: the host's expectations
        got = baseline.get(rid)
        if got is None or [got[0], got[1]] != want:
            raise SystemExit('baseline answer %d is %r, expected %r' % (rid, got, want))
    rng = random.Random(seed)
    counts = {'cases': 0, 'all-correct': 0, 'typed-error': 0, 'wrong': 0}
    kinds = {}
    wrong = []
    slowest = 0.0
    for case in range(cases):
        mutant, kind = mutate(frames, rng)
        kinds[kind] = kinds.get(kind, 0) + 1
        t = time.perf_counter()
        out, ending = run_serve(rt, mutant)
        answers = read_answers(rt, out)
        slowest = max(slowest, time.perf_counter() - t)
        bad = [rid for rid, got in answers.items() if baseline.get(rid) != got]
        counts['cases'] += 1
        if bad:
            counts['wrong'] += 1
            if len(wrong) < 5:
                wrong.append({'case': case, 'kind': kind, 'ids': bad[:5]})
        elif ending == 'end' and len(answers) == len(baseline):
            counts['all-correct'] += 1
        else:
            counts['typed-error'] += 1  # the host sees the child exit (70) or its answers stop: typed errors there
    print(json.dumps({'counts': counts, 'kinds': kinds, 'wrong': wrong, 'slowest_case_ms': round(slowest * 1000, 3)}))


def answers(runtime, path):
    rt = load_runtime(runtime)
    written = []
    rt['_write_all'] = written.append
    rt['_seq_out'] = 0
    send, result = rt['_send'], rt['_result']
    values = [None, True, 7, -2 ** 70, 1.5, float('nan'), 'short', 'ü' * 5000, b'\x00\n' * 300, [1, [2, [3]]],
              (1, 'a'), {'k': [1.0, 2.0], 3: None}, bytearray(b'xyz'), memoryview(b'ab' * 100)[::2], 'x' * 10]
    rid = 0
    for v in values:
        rid += 1
        out = []
        send({'id': rid, 'ok': True, 'v': result(v, 'buffer' if isinstance(v, memoryview) else 'auto', out)}, out)
    rid += 1
    try:
        raise ValueError(b'caf\xe9'.decode('utf-8', 'surrogateescape'))
    except ValueError as e:
        rt['_send_error'](rid, e)
    rid += 1
    rt['_write_all'](rt['_header'](8, 3, struct.pack('>q', rid)) + struct.pack('>q', rid))
    with open(path, 'wb') as f:
        f.write(b''.join(bytes(w) for w in written))
    print(json.dumps({'messages': rid}))


if __name__ == '__main__':
    if sys.argv[1] == 'serve':
        serve(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
    else:
        answers(sys.argv[2], sys.argv[3])

# Protocol fuzzing of the Python half of Prom.Bridge (tests/Prom.Bridge.Tests/Fuzz). Stdlib only.
#
#   python3 protocol_fuzz.py serve  <runtime.py> <requests.bin> <expected.json> <seed> <cases>
#       Mutates a valid request stream written by the host (corrupt, truncate, duplicate, reorder, drop frames), runs
#       the runtime's real reader and dispatcher on each mutant, and checks every answer it produced against the
#       answer of the unmutated stream for that request id. Prints one JSON line of outcome counts.
#   python3 protocol_fuzz.py serve-ring <runtime.py> <requests.bin> <expected.json> <seed> <cases>
#       The same requests as records of the shared-memory ring (one message each, behind its length word), mutated
#       (corrupt, truncate, wrong length word, duplicate, reorder, drop records) and served by the runtime's real ring
#       code (_ring_take, _serve_record) over a real shared mapping; answers come back through the reply slot (or the
#       pipe) and are checked the same way.
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
        frames[i] = corrupt(frames[i], rng)
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


def corrupt(piece, rng):
    """1-3 random bytes or bits of one frame or record changed."""
    f = bytearray(piece)
    for _ in range(rng.choice((1, 1, 2, 3))):
        pos = rng.randrange(len(f))
        if rng.random() < 0.5:
            f[pos] ^= 1 << rng.randrange(8)
        else:
            f[pos] = rng.randrange(256)
    return bytes(f)


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


RING_CAP = 1 << 16


def messages(rt, data):
    """The messages of a valid request stream (a frame and the parts its JSON announces), as bytes."""
    frames = split_frames(data)
    out, i = [], 0
    while i < len(frames):
        n = 0
        if frames[i][4] == 1:
            n = json.loads(frames[i][HDR.size:]).get('n', 0)
        out.append(b''.join(frames[i:i + 1 + n]))
        i += 1 + n
    return out


def record(message):
    return struct.pack('<I', len(message)) + message


def mutate_records(records, rng):
    kind = rng.choice(('corrupt', 'corrupt', 'truncate', 'length', 'duplicate', 'reorder', 'drop', 'twice'))
    records = list(records)
    if kind == 'twice':
        return mutate_records(mutate_records(records, rng)[0], rng)[0], kind
    i = rng.randrange(len(records))
    if kind == 'corrupt':
        records[i] = corrupt(records[i], rng)
    elif kind == 'truncate':
        body = records[i][4:]
        records[i] = record(body[:rng.randrange(len(body))])
    elif kind == 'length':
        n = struct.unpack_from('<I', records[i])[0]
        wrong = rng.choice((n + 1 + rng.randrange(64), max(0, n - 1 - rng.randrange(max(n, 1))), rng.randrange(1 << 32)))
        records[i] = struct.pack('<I', wrong if wrong != n else n + 1) + records[i][4:]
    elif kind == 'duplicate':
        records.insert(rng.randrange(i, len(records)) + 1, records[i])
    elif kind == 'reorder':
        if len(records) > 1:
            j = rng.choice([k for k in range(len(records)) if k != i])
            records[i], records[j] = records[j], records[i]
    else:
        del records[i]
    return records, kind


def open_ring(rt, directory):
    """A real ring file in the host's layout, mapped by the runtime's own _ring_open."""
    path = directory + '/ring.bin'
    with open(path, 'wb') as f:
        f.write(struct.pack('@QII', 0x31474E524D4F5250, 1, RING_CAP) + bytes(256 - 16 + 2 * RING_CAP))
    if not rt['_ring_open'](path, 0):
        raise SystemExit('the runtime refused the ring file')
    return rt['_ring']


def run_ring(rt, mm, records):
    """Serves records one by one through the runtime's real ring code; returns (the answer bytes, the ending)."""
    written = []
    rt['_write_all'] = written.append  # the pipe: answers that do not fit the slot, and doorbells
    rt['_seq_in'] = rt['_seq_out'] = rt['_rq_taken'] = rt['_rp_published'] = 0
    mm[64:256] = bytes(192)
    host_taken = 0
    try:
        for r in records:
            mm[256:256 + len(r)] = r
            struct.pack_into('@Q', mm, 64, rt['_rq_taken'] + 1)  # publish, as the host does
            rec = rt['_ring_take']()
            rt['_serve_record'](rec)
            if rt['_rp_published'] != host_taken:  # take the reply, as the host does
                n = struct.unpack_from('@I', mm, 256 + RING_CAP)[0]
                written.append(bytes(mm[256 + RING_CAP + 4:256 + RING_CAP + 4 + n]))
                host_taken = rt['_rp_published']
                struct.pack_into('@Q', mm, 128 + 16, host_taken)
        ending = 'end'
    except (rt['ProtocolError'], EOFError) as e:
        ending = 'protocol-error' if isinstance(e, rt['ProtocolError']) else 'eof'
    doorbell = rt['_DOORBELL']
    return b''.join(bytes(w) for w in written if bytes(w) != doorbell), ending


def serve_ring(runtime, requests_path, expected_path, seed, cases):
    import tempfile
    rt = load_runtime(runtime)
    with open(requests_path, 'rb') as f:
        data = f.read()
    with open(expected_path) as f:
        expected = {int(k): v for k, v in json.load(f).items()}
    directory = tempfile.mkdtemp(prefix='prom-ring-fuzz-')
    mm = open_ring(rt, directory)
    records = [record(m) for m in messages(rt, data)]
    baseline_out, ending = run_ring(rt, mm, records)
    baseline = read_answers(rt, baseline_out)
    if ending != 'end':
        raise SystemExit('the unmutated records ended with %s' % ending)
    for rid, want in expected.items():
        got = baseline.get(rid)
        if got is None or [got[0], got[1]] != want:
            raise SystemExit('baseline answer %d is %r, expected %r' % (rid, got, want))
    rng = random.Random(seed)
    counts = {'cases': 0, 'all-correct': 0, 'typed-error': 0, 'wrong': 0}
    kinds, wrong = {}, []
    for case in range(cases):
        mutant, kind = mutate_records(records, rng)
        kinds[kind] = kinds.get(kind, 0) + 1
        out, ending = run_ring(rt, mm, mutant)
        answers = read_answers(rt, out)
        bad = [rid for rid, got in answers.items() if baseline.get(rid) != got]
        counts['cases'] += 1
        if bad:
            counts['wrong'] += 1
            if len(wrong) < 5:
                wrong.append({'case': case, 'kind': kind, 'ids': bad[:5]})
        elif ending == 'end' and len(answers) == len(baseline):
            counts['all-correct'] += 1
        else:
            counts['typed-error'] += 1
    print(json.dumps({'counts': counts, 'kinds': kinds, 'wrong': wrong}))


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
    elif sys.argv[1] == 'serve-ring':
        serve_ring(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
    else:
        answers(sys.argv[2], sys.argv[3])

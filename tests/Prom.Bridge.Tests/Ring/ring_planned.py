# The ring's fast path for repeated small calls (_serve_planned) against the general path, through the runtime's real
# ring code over a real mapping (tests/Prom.Bridge.Tests/Ring/RingPlannedPathTests.cs). Stdlib only.
#
#   python3 ring_planned.py <runtime.py> <directory>
#       Serves every request shape below twice as a ring record, framed as the host frames it: the first time the
#       general path parses it (and keeps a plan when it can), the second time the plan serves it. Both answers must
#       be equal (error tracebacks compared by type and message only). Then damaged records of a planned request (a
#       flipped payload byte, a flipped header byte, a wrong sequence number, a record longer than its frame) must be
#       left untouched by the fast path and rejected by the general path. Prints one JSON line.
import json, mmap, os, struct, sys, types, zlib

CAP = 4096
H13, U32, HDR = struct.Struct('>IBII'), struct.Struct('>I'), struct.Struct('>IBIII')
MODULE = '''
class F(float):
    pass
def args(*a, **k):
    return [list(a), sorted(k.items())]
def boom(x):
    raise ValueError('bad %r' % (x,))
def sub():
    return F(2.5)
def nothing():
    pass
def big():
    return 10 ** 30
def text():
    return 'text'
def yes():
    return True
def nan():
    return float('nan')
def neg():
    return -3
class Box:
    n = 7
    def get(self, k=1):
        return self.n * k
box = Box()
'''
SHAPES = [
    (b'"op":"chain","root":{"import":"math"},"steps":[{"a":"sqrt"},{"c":[16.0]}]}', True),
    (b'"op":"chain","root":{"import":"planned_mod"},"steps":[{"a":"args"},{"c":[1,"x",null,true,2.5],"k":{"a":1,"b":"y"}}]}', True),
    (b'"op":"chain","root":{"import":"planned_mod"},"steps":[{"a":"args"},{"c":[],"k":{}}]}', True),
    (b'"op":"chain","root":{"import":"planned_mod"},"steps":[{"a":"boom"},{"c":[3]}]}', True),
    (b'"op":"chain","root":{"import":"planned_mod"},"steps":[{"a":"sub"},{"c":[]}]}', True),
    (b'"op":"chain","root":{"import":"planned_mod"},"steps":[{"a":"nothing"},{"c":[]}]}', True),
    (b'"op":"chain","root":{"import":"planned_mod"},"steps":[{"a":"big"},{"c":[]}]}', True),
    (b'"op":"chain","root":{"import":"planned_mod"},"steps":[{"a":"text"},{"c":[]}]}', True),
    (b'"op":"chain","root":{"import":"planned_mod"},"steps":[{"a":"yes"},{"c":[]}]}', True),
    (b'"op":"chain","root":{"import":"planned_mod"},"steps":[{"a":"nan"},{"c":[]}]}', True),
    (b'"op":"chain","root":{"import":"planned_mod"},"steps":[{"a":"neg"},{"c":[]}]}', True),
    (b'"op":"chain","root":{"import":"planned_mod"},"steps":[{"a":"box"},{"a":"get"},{"c":[],"k":{"k":3}}]}', True),
    (b'"op":"chain","root":{"import":"planned_mod"},"steps":[{"a":"missing"},{"c":[]}]}', True),
    (b'"op":"chain","root":{"import":"no_such_module_for_the_test"},"steps":[{"a":"f"},{"c":[]}]}', True),
    (b'"op":"chain","root":{"ref":987654321},"steps":[{"a":"f"},{"c":[]}]}', True),
    (b'"op":"chain","root":{"import":"math"},"steps":[{"a":"pi"}]}', True),
    (b'"op":"chain","root":{"import":"planned_mod"},"steps":[{"a":"args","c":[1]},{"c":[2]}]}', True),
    (b'"op":"chain","root":{"import":"math"},"steps":[{"a":"sqrt"},{"c":[16.0]}],"ret":"repr"}', False),
    (b'"op":"chain","root":{"import":"math"},"steps":[{"a":"sqrt"},{"c":16.0}]}', False),
    (b'"op":"chain","root":{"import":"math"},"steps":[{"a":"sqrt"},{"c":[16.0],"k":"x"}]}', False),
    (b'"op":"chain","root":{"import":"planned_mod"},"steps":[{"a":"args"},{"c":[[1,2]]}]}', False),
    (b'"op":"chain","root":{"import":"planned_mod"},"steps":[{"a":"box"},{"i":0}]}', False),
]


class Ring:
    def __init__(self, rt, directory):
        path = os.path.join(directory, 'ring.bin')
        with open(path, 'wb') as f:
            f.write(struct.pack('@QII', 0x31474E524D4F5250, 1, CAP) + bytes(256 - 16 + 2 * CAP))
        if not rt['_ring_open'](path, 0):
            raise SystemExit('the runtime refused the ring file')
        self.rt, self.mm = rt, rt['_ring']
        self.c64 = memoryview(self.mm)[:256].cast('Q')
        self.piped = []
        rt['_write_all'] = self.piped.append  # the pipe: answers that do not fit the slot, and doorbells
        self.seq_out = self.seq_in = self.rid = 0

    def frame(self, body, seq=None):
        self.rid += 1
        payload = b'{"id":%d,' % self.rid + body
        h = H13.pack(len(payload), 1, self.seq_out if seq is None else seq, zlib.crc32(payload))
        return h + U32.pack(zlib.crc32(h)) + payload

    def serve(self, record):
        """Publishes `record` as the host does and serves it with the runtime's _ring_take and _serve_record."""
        self.mm[256:260] = struct.pack('@I', len(record))
        self.mm[260:260 + len(record)] = record
        self.c64[8] = self.c64[10] + 1
        self.rt['_serve_record'](self.rt['_ring_take']())
        self.seq_out += 1
        out = []
        if self.c64[16] != self.c64[18]:  # take the reply, as the host does
            n = struct.unpack_from('@I', self.mm, 256 + CAP)[0]
            out.append(bytes(self.mm[260 + CAP:260 + CAP + n]))
            self.c64[18] = self.c64[16]
        out += [bytes(p) for p in self.piped if bytes(p) != self.rt['_DOORBELL']]
        del self.piped[:]
        return self.answers(b''.join(out))

    def answers(self, data):
        msgs, pos = [], 0
        while pos < len(data):
            n, kind, seq, pcrc, hcrc = HDR.unpack_from(data, pos)
            if seq != self.seq_in or zlib.crc32(data[pos:pos + 13]) != hcrc or zlib.crc32(data[pos + 17:pos + 17 + n]) != pcrc:
                raise SystemExit('a malformed answer frame: %r' % data[pos:pos + 17 + n])
            self.seq_in += 1
            m = json.loads(data[pos + 17:pos + 17 + n])
            if m.get('id') != self.rid:
                raise SystemExit('answer %r to request %d' % (m, self.rid))
            del m['id']
            if 'error' in m:
                del m['error']['traceback']
            msgs.append(m)
            pos += 17 + n
        return msgs


def damaged(ring, body):
    """Damaged records of a planned request: each left untouched by _serve_planned, rejected by _serve_record."""
    rt = ring.rt
    good = ring.frame(body)
    ring.rid -= 1
    variants = {
        'payload byte': good[:-3] + bytes([good[-3] ^ 0x20]) + good[-2:],
        'header byte': good[:2] + bytes([good[2] ^ 0x01]) + good[3:],
        'sequence': ring.frame(body, seq=ring.seq_out + 1),
        'trailing byte': good + b'\0',
    }
    ring.rid -= 1
    results = {}
    for name, record in variants.items():
        before = (rt['_seq_in'], rt['_seq_out'], rt['_requests'], rt['_rp_published'])
        untouched = rt['_serve_planned'](record) is False and before == (rt['_seq_in'], rt['_seq_out'], rt['_requests'], rt['_rp_published'])
        try:
            rt['_serve_record'](record)
            rejected = False
        except rt['ProtocolError']:
            rejected = True
        results[name] = {'untouched': untouched, 'rejected': rejected}
        rt['_seq_in'] = before[0]  # the general path may have counted the frame before it refused the payload
    return results


def main(runtime, directory):
    rt = {'__name__': 'prom_bridge_ring_planned'}  # not __main__: the runtime does not take fds 0 and 1
    with open(runtime) as f:
        exec(compile(f.read(), runtime, 'exec'), rt)
    module = types.ModuleType('planned_mod')
    exec(MODULE, module.__dict__)
    sys.modules['planned_mod'] = module
    ring = Ring(rt, directory)
    mismatches, planned, wrongly_planned = [], 0, []
    for body, plannable in SHAPES:
        first = ring.serve(ring.frame(body))
        is_planned = (b',' + body) in rt['_plans']
        second = ring.serve(ring.frame(body))
        planned += is_planned
        if is_planned != plannable:
            wrongly_planned.append(body.decode())
        if first != second or len(first) != 1:
            mismatches.append({'request': body.decode(), 'general': first, 'planned': second})
    damage = damaged(ring, SHAPES[0][0])
    print(json.dumps({'shapes': len(SHAPES), 'planned': planned, 'mismatches': mismatches,
                      'wrongly_planned': wrongly_planned, 'damaged': damage}))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2])

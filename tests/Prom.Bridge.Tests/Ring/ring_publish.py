# Publishes numbered records through the Python runtime's real reply path (_ring_reply) into a ring file the host
# created, as fast as the host takes them (tests/Prom.Bridge.Tests/Ring/RingPublicationTests.cs). Stdlib only.
#
#   python3 ring_publish.py <runtime.py> <ring file> <records>
#       Record i is the 8-byte little-endian number i. Waits for the host to take each record before the next (the
#       slot is free), so every record goes through the slot; prints one JSON line: records published, and how many
#       writes went to the pipe instead (records the slot did not take, doorbells), which must be none.
import json, struct, sys, time


def main(runtime, path, count):
    rt = {'__name__': 'prom_bridge_ring_publish'}  # not __main__: the runtime does not take fds 0 and 1
    with open(runtime) as f:
        exec(compile(f.read(), runtime, 'exec'), rt)
    if not rt['_ring_open'](path, 0):
        raise SystemExit('the runtime refused the ring file')
    piped = []
    rt['_write_all'] = piped.append
    mm, reply, host_taken = rt['_ring'], rt['_ring_reply'], struct.Struct('@Q').unpack_from
    deadline = time.monotonic() + 60
    for i in range(count):
        spins = 0
        while host_taken(mm, 128 + 16)[0] != rt['_rp_published']:  # the host has not taken record i - 1 yet
            spins += 1
            if spins % 4096 == 0 and time.monotonic() > deadline:
                raise SystemExit('the host stopped taking records after %d' % i)
        reply([struct.pack('<q', i)])
    print(json.dumps({'published': count, 'piped': len(piped)}))


if __name__ == '__main__':
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]))

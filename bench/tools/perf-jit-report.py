#!/usr/bin/env python3
"""CPU profile of a .NET process from `perf record -g`, with JIT-compiled frames named (session 17).

dotnet-trace's thread-time samples count waiting threads too, and its CPU sampling needs more than this machine gives
(docs/load.md, "The embedded default in session 17"); Linux perf samples only what runs on a core, kernel included. Start the process with
DOTNET_PerfMapEnabled=1 (the runtime writes /tmp/perf-PID.map) and record while it is under load:

    perf record -F 499 -g -p PID -o perf.data -- sleep 30
    bench/tools/perf-jit-report.py perf.data /tmp/perf-PID.map [--grep TEXT]

With W^X on (the default) JIT code runs from a memfd mapping perf cannot name, so this script maps each such frame back
to its address through the recording's mmap events and looks it up in the perf map itself. Prints the share of samples
by thread, by leaf library, by leaf function (exclusive) and by any function on the stack (inclusive); --grep prints
the commonest stacks through a function.
"""
import bisect
import collections
import re
import subprocess
import sys


def run(args):
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    data, perf_map = sys.argv[1], sys.argv[2]
    grep = sys.argv[sys.argv.index('--grep') + 1] if '--grep' in sys.argv else None

    segments = []  # (file offset, length, start address) of executable memfd mappings
    for line in run(['perf', 'script', '-i', data, '--show-mmap-events']).splitlines():
        if 'PERF_RECORD_MMAP2' not in line or 'doublemapper' not in line:
            continue
        m = re.search(r'\[(0x[0-9a-f]+)\((0x[0-9a-f]+)\) @ (0x[0-9a-f]+|0) [^\]]*\]: (\S+)', line)
        if m and 'x' in m.group(4):
            segments.append((int(m.group(3), 16), int(m.group(2), 16), int(m.group(1), 16)))

    symbols = []
    with open(perf_map) as f:
        for line in f:
            address, size, name = line.rstrip('\n').split(' ', 2)
            symbols.append((int(address, 16), int(size, 16), name))
    symbols.sort()
    starts = [s[0] for s in symbols]

    def jit_name(offset):
        for file_offset, length, start in segments:
            if file_offset <= offset < file_offset + length:
                address = start + offset - file_offset
                i = bisect.bisect_right(starts, address) - 1
                if i >= 0 and symbols[i][0] <= address < symbols[i][0] + symbols[i][1]:
                    return symbols[i][2]
                return '[jit, not in the map]'
        return '[memfd, no mapping]'

    samples, current = [], None
    for line in run(['perf', 'script', '-i', data, '-F', 'comm,tid,ip,sym,dso']).splitlines():
        if not line.strip():
            if current:
                samples.append(current)
            current = None
        elif not line[0].isspace():
            current = {'thread': line.split()[0], 'frames': []}
        elif current is not None:
            ip, _, rest = line.strip().partition(' ')
            if 'doublemapper' in rest:
                current['frames'].append((jit_name(int(ip, 16)), 'jit'))
            else:
                m = re.match(r'(.*) \((.*)\)$', rest)
                name, dso = (m.group(1), m.group(2)) if m else (rest, '')
                current['frames'].append((name, dso.split('/')[-1]))
    if current:
        samples.append(current)
    samples = [s for s in samples if s['frames']]
    total = len(samples)
    print(f'{total} samples from {data}')

    def show(counter, title, n):
        print(f'== {title}')
        for key, count in counter.most_common(n):
            print(f'{100 * count / total:6.2f}%  {key}')

    show(collections.Counter(s['thread'] for s in samples), 'thread', 12)
    show(collections.Counter(s['frames'][0][1] for s in samples), 'leaf library', 12)
    show(collections.Counter(s['frames'][0][0][:160] for s in samples), 'exclusive (leaf function)', 40)
    inclusive = collections.Counter()
    for s in samples:
        inclusive.update(set(name[:160] for name, _ in s['frames']))
    show(inclusive, 'inclusive (anywhere on the stack)', 60)
    if grep:
        stacks = collections.Counter(' <- '.join(short(n) for n, _ in s['frames'][:8]) for s in samples if any(grep in n for n, _ in s['frames']))
        show(stacks, f'stacks through {grep!r}', 15)


def short(frame):
    """Type::Method of a JIT frame (its return type and assembly dropped, so stacks stay readable); other frames cut at 80."""
    match = re.search(r'([\w.`+<>|$]+::[\w.`+<>|$]+)\(', frame)
    return match.group(1)[-100:] if match else frame[:80]


if __name__ == '__main__':
    main()

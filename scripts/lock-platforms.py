"""Adds lock entries for platform binaries the npm mirror here does not carry (yet).

pagefind 1.6.0 and @astrojs/compiler-binding 0.5.1 declare optional per-platform packages whose
builds for other systems are missing from the registry this project installs from: npm then
leaves them out of package-lock.json and `npm ci` refuses the lock (npm/cli#8320, #4828). An
entry with the platform's os/cpu lets `npm ci` skip them as it skips any foreign binary.
Run after `npm install` if `npm ci` reports « Missing: …@ from lock file ».
"""
import json, re, sys

lock_path = sys.argv[1] if len(sys.argv) > 1 else 'package-lock.json'
lock = json.load(open(lock_path))
packages = lock['packages']
os_names = {'darwin': 'darwin', 'windows': 'win32', 'win32': 'win32', 'android': 'android', 'freebsd': 'freebsd', 'linux': 'linux'}
added = []
for name, meta in list(packages.items()):
    for dep, version in (meta.get('optionalDependencies') or {}).items():
        key = f'node_modules/{dep}'
        if key in packages or not re.search(r'(darwin|windows|win32|android|freebsd|linux|wasm32)', dep):
            continue
        entry = {'version': version, 'optional': True}
        m = re.search(r'(darwin|windows|win32|android|freebsd|linux)-(arm64|x64|ia32|arm)', dep)
        if m:
            entry['os'] = [os_names[m.group(1)]]
            entry['cpu'] = [m.group(2)]
            if dep.endswith('-musl'):
                entry['libc'] = ['musl']
            elif dep.endswith('-gnu'):
                entry['libc'] = ['glibc']
        elif 'wasm32' in dep:
            entry['cpu'] = ['wasm32']
        packages[key] = entry
        added.append(dep)
lock['packages'] = dict(sorted(packages.items(), key=lambda kv: (kv[0] != '', kv[0])))
json.dump(lock, open(lock_path, 'w'), indent=2, ensure_ascii=False)
open(lock_path, 'a').write('\n')
print(f'{len(added)} entries added: {", ".join(added)}')
